/**
 * Keystore failures. Messages name a record by its identity (table, wallet id, key type,
 * version or item id) and never carry key material, passwords or plaintexts.
 */

export type KeystoreErrorCode = 'locked' | 'integrity' | 'conflict' | 'not-found' | 'closed' | 'schema';

export class KeystoreError extends Error {
  readonly code: KeystoreErrorCode;

  constructor(code: KeystoreErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The password or data key does not open this keystore. Nothing was changed. */
export class KeystoreLockedError extends KeystoreError {
  constructor(message = 'wrong keystore password') {
    super('locked', message);
  }
}

/** A stored record failed AES-GCM authentication: tampered, corrupted, or moved to another identity. */
export class KeystoreIntegrityError extends KeystoreError {
  /** The record's identity, e.g. `shares{walletId="w1",keyType="ed25519",version=2}`. */
  readonly record: string;

  constructor(record: string) {
    super(
      'integrity',
      `keystore record ${record} failed its integrity check (tampered, corrupted, or copied from another record)`,
    );
    this.record = record;
  }
}

/** A write-once record (a share version, aux info, a pooled item id) already exists. */
export class KeystoreConflictError extends KeystoreError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** The named record does not exist. */
export class KeystoreNotFoundError extends KeystoreError {
  constructor(message: string) {
    super('not-found', message);
  }
}

/** The store was used after `close()`. */
export class KeystoreClosedError extends KeystoreError {
  constructor() {
    super('closed', 'keystore is closed');
  }
}

/** The file's schema is newer than this build, or is not a keystore this build can read. */
export class KeystoreSchemaError extends KeystoreError {
  constructor(message: string) {
    super('schema', message);
  }
}
