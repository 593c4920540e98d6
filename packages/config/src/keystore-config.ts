/**
 * A keystore's configuration (ARCHITECTURE.md "State"): which node it serves, where it listens
 * (a unix socket, or a loopback port with a shared secret), its SQLite file, and how its data key
 * is unlocked. Unlock sources, first match wins:
 *   1. `MPCIUM_KEYSTORE_DATA_KEY`: the 32-byte data key itself, base64 (data-key mode);
 *   2. `MPCIUM_KEYSTORE_PASSWORD`: the password;
 *   3. `keystore.passwordFile`: a file holding the password (what `mpcium init` writes);
 *   4. `keystore.prompt: true`: asked on the terminal through `loadConfig`'s `prompt`.
 * Setting both variables is an error; neither secret is ever accepted inline in the file.
 */
import { ConfigError } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import {
  boolean,
  envSecret,
  type Field,
  filePath,
  Invalid,
  type LogLevel,
  logLevel,
  nodeId,
  optional,
} from './fields.js';
import { keystoreAddress } from './network-fields.js';
import { compileSections, type Env, envVarName } from './schema.js';
import { Secret } from './secret.js';
import { keystoreSharedSecret, readSecretFile } from './secret-files.js';
import type { YamlSource } from './yaml-source.js';

export const KEYSTORE_PASSWORD_VAR = envVarName('keystore', 'password');
export const KEYSTORE_DATA_KEY_VAR = envVarName('keystore', 'dataKey');

/** Asks the operator for a secret (no echo); resolves to what was typed. */
export type Prompt = (question: string) => Promise<string>;

function dataKeyField(): Field<Secret | undefined> {
  const expected = '32 bytes as standard base64 (44 characters)';
  return {
    ...envSecret(expected, `set ${KEYSTORE_DATA_KEY_VAR}`),
    parse: (value) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) throw new Invalid(expected);
      return new Secret(text);
    },
  };
}

export const KEYSTORE_SCHEMA = {
  node: { id: nodeId() },
  keystore: {
    address: keystoreAddress(),
    sharedSecretFile: optional(filePath()),
    database: filePath(),
    passwordFile: optional(filePath()),
    prompt: boolean(false),
    password: envSecret('a non-empty password', `use keystore.passwordFile or ${KEYSTORE_PASSWORD_VAR}`),
    dataKey: dataKeyField(),
  },
  log: { level: logLevel() },
} as const;

export type KeystoreUnlock =
  | { readonly source: 'env-data-key'; readonly dataKey: Secret }
  | { readonly source: 'env-password'; readonly password: Secret }
  | { readonly source: 'password-file'; readonly file: string; readonly password: Secret }
  | { readonly source: 'prompt'; readonly password: Secret };

export interface KeystoreConfig {
  readonly kind: 'keystore';
  readonly file: string;
  readonly node: { readonly id: string };
  readonly keystore: {
    /** Where it listens: `unix:/abs/path` or a loopback `host:port`. */
    readonly address: string;
    readonly sharedSecretFile: string | undefined;
    readonly sharedSecret: Secret | undefined;
    /** The SQLite file. */
    readonly database: string;
    readonly unlock: KeystoreUnlock;
  };
  readonly log: { readonly level: LogLevel };
}

interface UnlockFields {
  readonly passwordFile: string | undefined;
  readonly prompt: boolean;
  readonly password: Secret | undefined;
  readonly dataKey: Secret | undefined;
}

async function resolveUnlock(
  name: string,
  nodeIdValue: string,
  k: UnlockFields,
  prompt: Prompt | undefined,
): Promise<KeystoreUnlock> {
  if (k.dataKey && k.password)
    throw new ConfigError(
      name,
      'keystore.dataKey',
      `only one of ${KEYSTORE_DATA_KEY_VAR} and ${KEYSTORE_PASSWORD_VAR}`,
      'both are set',
    );
  if (k.dataKey) return { source: 'env-data-key', dataKey: k.dataKey };
  if (k.password) return { source: 'env-password', password: k.password };
  if (k.passwordFile !== undefined && k.prompt)
    throw new ConfigError(name, 'keystore.prompt', 'false when keystore.passwordFile is set', 'both are set');
  if (k.passwordFile !== undefined)
    return {
      source: 'password-file',
      file: k.passwordFile,
      password: readSecretFile(name, 'keystore.passwordFile', k.passwordFile),
    };
  if (k.prompt) {
    if (!prompt)
      throw new ConfigError(
        name,
        'keystore.prompt',
        'an interactive terminal to ask for the password',
        'no prompt',
      );
    const answer = await prompt(`Keystore password for ${nodeIdValue}: `);
    if (answer.length === 0) throw new ConfigError(name, 'keystore.prompt', 'a non-empty password');
    return { source: 'prompt', password: new Secret(answer) };
  }
  throw new ConfigError(
    name,
    'keystore.passwordFile',
    `a password source: keystore.passwordFile, keystore.prompt: true, ${KEYSTORE_PASSWORD_VAR} or ${KEYSTORE_DATA_KEY_VAR}`,
    'none is set',
  );
}

export async function compileKeystore(
  source: YamlSource,
  env: Env,
  prompt: Prompt | undefined,
): Promise<KeystoreConfig> {
  const c = compileSections(KEYSTORE_SCHEMA, source, env);
  const k = c.keystore;
  const sharedSecret = keystoreSharedSecret(source.name, k);
  const unlock = await resolveUnlock(source.name, c.node.id, k, prompt);
  return deepFreeze({
    kind: 'keystore',
    file: source.path,
    node: c.node,
    keystore: {
      address: k.address,
      sharedSecretFile: k.sharedSecretFile,
      sharedSecret,
      database: k.database,
      unlock,
    },
    log: c.log,
  });
}
