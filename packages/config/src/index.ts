export {
  type ClusterConfig,
  type ClusterInitiator,
  type ClusterNode,
  INITIATOR_SCHEMES,
  type InitiatorSchemeName,
  loadCluster,
  minThreshold,
  parseCluster,
  SECURITY_PROFILES,
} from './cluster.js';
export {
  clusterNode,
  initiatorKeys,
  keystoreOpenOptions,
  nodeIdentity,
  peerDirectory,
} from './cluster-keys.js';
export { ConfigError } from './config-error.js';
export { COORDINATOR_SCHEMA, type CoordinatorConfig } from './coordinator-config.js';
export { envVarNames } from './env-vars.js';
export { LOG_LEVELS, type LogLevel } from './fields.js';
export { hostPort } from './host-port.js';
export {
  type InitClusterOptions,
  type InitClusterSummary,
  type InitInitiatorSummary,
  type InitNodeSummary,
  initCluster,
} from './init-cluster.js';
export { ClusterExistsError } from './init-dir.js';
export {
  KEYSTORE_DATA_KEY_VAR,
  KEYSTORE_PASSWORD_VAR,
  KEYSTORE_SCHEMA,
  type KeystoreConfig,
  type KeystoreUnlock,
  type Prompt,
} from './keystore-config.js';
export {
  CONFIG_KINDS,
  type ConfigByKind,
  type ConfigKind,
  type LoadConfigOptions,
  loadConfig,
  type ServiceConfig,
} from './load-config.js';
export { createLogger, type Logger, type LoggerOptions, REDACT_PATHS, SECRET_FIELDS } from './logger.js';
export { type Redacted, redactedConfig } from './redacted-config.js';
export { type Env, envVarName } from './schema.js';
export { REDACTED, Secret } from './secret.js';
export { SIGNER_SCHEMA, type SignerConfig } from './signer-config.js';
