export type { ConnectionSettings } from './connection.js';
export {
  KeystoreClosedError,
  KeystoreConflictError,
  KeystoreError,
  type KeystoreErrorCode,
  KeystoreIntegrityError,
  KeystoreLockedError,
  KeystoreNotFoundError,
  KeystoreSchemaError,
} from './errors.js';
export { generateDataKey, parseDataKey, SCRYPT_LOG_N, SCRYPT_P, SCRYPT_R } from './key-material.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export type { PooledItem } from './pool.js';
export type { KeyStore } from './port.js';
export type { ShareRecord } from './shares.js';
export { type KeystoreStatus, SqliteKeyStore } from './sqlite-key-store.js';
export type { DataKeyOpenOptions, KeySource, OpenOptions, PasswordOpenOptions } from './unlock.js';
export {
  KEY_TYPES,
  type KeyType,
  MAX_ID_LENGTH,
  MAX_RECORD_BYTES,
  MAX_VERSION,
  POOL_KINDS,
  type PoolKind,
} from './validate.js';
