/**
 * The one entry point from files and environment to configuration (STYLE.md rule 13): reads a
 * service's YAML file once, applies `MPCIUM_<SECTION>_<FIELD>` overrides, loads the cluster
 * file and the secret files it names, validates everything, and returns a deeply frozen object.
 * This is the only module that touches `process.env`, and only as a default argument.
 */
import { type CoordinatorConfig, compileCoordinator } from './coordinator-config.js';
import { compileKeystore, type KeystoreConfig, type Prompt } from './keystore-config.js';
import type { Env } from './schema.js';
import { compileSigner, type SignerConfig } from './signer-config.js';
import { readYamlFile } from './yaml-source.js';

export interface ConfigByKind {
  readonly coordinator: CoordinatorConfig;
  readonly signer: SignerConfig;
  readonly keystore: KeystoreConfig;
}

export type ConfigKind = keyof ConfigByKind;
export type ServiceConfig = ConfigByKind[ConfigKind];

export const CONFIG_KINDS: readonly ConfigKind[] = ['coordinator', 'signer', 'keystore'];

export interface LoadConfigOptions {
  /** The service's YAML file; paths inside it resolve against its directory. */
  readonly file: string;
  /** Overrides by `MPCIUM_<SECTION>_<FIELD>`; defaults to `process.env`. */
  readonly env?: Env;
  /** Asks for the keystore password when its config says `prompt: true`. */
  readonly prompt?: Prompt;
}

/** Loads and validates one service's configuration, or throws a ConfigError naming file and field. */
export async function loadConfig<K extends ConfigKind>(
  kind: K,
  { file, env = process.env, prompt }: LoadConfigOptions,
): Promise<ConfigByKind[K]> {
  if (!CONFIG_KINDS.includes(kind)) throw new TypeError(`unknown config kind ${JSON.stringify(kind)}`);
  const source = readYamlFile(file);
  switch (kind) {
    case 'coordinator':
      return compileCoordinator(source, env) as ConfigByKind[K];
    case 'signer':
      return compileSigner(source, env) as ConfigByKind[K];
    default:
      return (await compileKeystore(source, env, prompt)) as ConfigByKind[K];
  }
}
