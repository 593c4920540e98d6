/**
 * The environment variables each kind of configuration reads, for `mpcium <service> --help` and
 * the documentation. All follow `MPCIUM_<SECTION>_<FIELD>` (schema.ts); the keystore's
 * `MPCIUM_KEYSTORE_PASSWORD` and `MPCIUM_KEYSTORE_DATA_KEY` are fields that only the
 * environment may set.
 */
import { COORDINATOR_SCHEMA } from './coordinator-config.js';
import { KEYSTORE_SCHEMA } from './keystore-config.js';
import type { ConfigKind } from './load-config.js';
import { type Schema, schemaEnvVars } from './schema.js';
import { SIGNER_SCHEMA } from './signer-config.js';

const SCHEMAS: Readonly<Record<ConfigKind, Schema>> = {
  coordinator: COORDINATOR_SCHEMA,
  signer: SIGNER_SCHEMA,
  keystore: KEYSTORE_SCHEMA,
};

/** Every variable a kind reads, with the field it overrides (e.g. MPCIUM_NATS_URL -> nats.url). */
export function envVarNames(kind: ConfigKind): readonly { readonly name: string; readonly path: string }[] {
  return schemaEnvVars(SCHEMAS[kind]);
}
