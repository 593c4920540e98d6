import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import { enableWal, openConnection } from './connection.js';
import { KeystoreIntegrityError, KeystoreLockedError } from './errors.js';
import {
  deriveKek,
  generateDataKey,
  makeKeyCheck,
  newScryptParams,
  parseDataKey,
  type ScryptParams,
  toKeyObject,
  unwrapDataKey,
  verifyKeyCheck,
  wrapDataKey,
} from './key-material.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';

interface CommonOptions {
  /** The SQLite file (created when missing). */
  readonly path: string;
  /** How long a write waits for another connection's transaction, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

export interface PasswordOpenOptions extends CommonOptions {
  /** The node's password; used to unwrap the data key, then dropped. */
  readonly password: string | Uint8Array;
  /**
   * TEST ONLY. scrypt log2(N) for a keystore created by this call, instead of 15. Lowers the
   * password's protection; production code must never set it. Ignored when the file already
   * has a key (its stored parameters are used).
   */
  readonly testOnlyScryptLogN?: number;
}

export interface DataKeyOpenOptions extends CommonOptions {
  /** The 32-byte data key (or its base64), e.g. from a KMS or an environment variable. */
  readonly dataKey: Uint8Array | string;
}

export type OpenOptions = PasswordOpenOptions | DataKeyOpenOptions;

export type KeySource = 'password' | 'data-key';

type Secret = { kind: 'password'; bytes: Buffer; logN?: number } | { kind: 'data-key'; bytes: Buffer };

interface MetaRow {
  key_source: KeySource;
  kdf_n: number | null;
  kdf_r: number | null;
  kdf_p: number | null;
  kdf_salt: Uint8Array | null;
  wrapped_key: Uint8Array | null;
  key_check: Uint8Array;
}

function readSecret(options: OpenOptions): Secret {
  const hasPassword = 'password' in options && options.password !== undefined;
  const hasDataKey = 'dataKey' in options && options.dataKey !== undefined;
  if (hasPassword === hasDataKey) throw new TypeError('open needs exactly one of password or dataKey');
  if (hasDataKey) return { kind: 'data-key', bytes: parseDataKey((options as DataKeyOpenOptions).dataKey) };
  const { password, testOnlyScryptLogN } = options as PasswordOpenOptions;
  if (typeof password !== 'string' && !(password instanceof Uint8Array))
    throw new TypeError('password must be a string or a Uint8Array');
  if (password.length === 0) throw new RangeError('password must not be empty');
  const bytes = typeof password === 'string' ? Buffer.from(password, 'utf8') : Buffer.from(password);
  return testOnlyScryptLogN === undefined
    ? { kind: 'password', bytes }
    : { kind: 'password', bytes, logN: testOnlyScryptLogN };
}

function readMeta(db: Database.Database): MetaRow | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'keystore_meta'");
  if (table.get() === undefined) return undefined;
  return db.prepare('SELECT * FROM keystore_meta WHERE id = 1').get() as MetaRow | undefined;
}

function paramsOf(meta: MetaRow): ScryptParams {
  return {
    N: meta.kdf_n ?? 0,
    r: meta.kdf_r ?? 0,
    p: meta.kdf_p ?? 0,
    salt: meta.kdf_salt ?? new Uint8Array(),
  };
}

/** Recovers the data key from a stored header, or throws KeystoreLockedError. Writes nothing. */
async function unlock(meta: MetaRow, secret: Secret): Promise<KeyObject> {
  let key: KeyObject;
  if (secret.kind === 'password') {
    if (meta.key_source !== 'password' || !meta.wrapped_key)
      throw new KeystoreLockedError('this keystore is opened with a data key, not a password');
    const kek = await deriveKek(secret.bytes, paramsOf(meta));
    const raw = unwrapDataKey(kek, meta.wrapped_key, paramsOf(meta));
    kek.fill(0);
    if (!raw) throw new KeystoreLockedError('wrong keystore password');
    key = toKeyObject(raw);
    // The wrap authenticated, so a failing check means the header itself was damaged.
    if (!verifyKeyCheck(key, meta.key_check)) throw new KeystoreIntegrityError('keystore_meta{keyCheck}');
  } else {
    key = toKeyObject(Buffer.from(secret.bytes));
    if (!verifyKeyCheck(key, meta.key_check)) throw new KeystoreLockedError('wrong keystore data key');
  }
  return key;
}

/** A new header for an empty file: a fresh data key (password mode) or the given one. */
async function createMeta(secret: Secret): Promise<{ row: MetaRow; key: KeyObject }> {
  if (secret.kind === 'data-key') {
    const key = toKeyObject(Buffer.from(secret.bytes));
    const row: MetaRow = {
      key_source: 'data-key',
      kdf_n: null,
      kdf_r: null,
      kdf_p: null,
      kdf_salt: null,
      wrapped_key: null,
      key_check: makeKeyCheck(key),
    };
    return { row, key };
  }
  const params = newScryptParams(secret.logN);
  const raw = generateDataKey();
  const kek = await deriveKek(secret.bytes, params);
  const wrapped = wrapDataKey(kek, raw, params);
  kek.fill(0);
  const key = toKeyObject(raw);
  const { N, r, p, salt } = params;
  const row: MetaRow = {
    key_source: 'password',
    kdf_n: N,
    kdf_r: r,
    kdf_p: p,
    kdf_salt: salt,
    wrapped_key: wrapped,
    key_check: makeKeyCheck(key),
  };
  return { row, key };
}

/** Inserts the header unless a concurrent opener already did; returns the stored one. */
function insertMetaIfAbsent(db: Database.Database, row: MetaRow): MetaRow {
  db.prepare(
    `INSERT OR IGNORE INTO keystore_meta
       (id, key_source, kdf_n, kdf_r, kdf_p, kdf_salt, wrapped_key, key_check, created_at)
     VALUES (1, @key_source, @kdf_n, @kdf_r, @kdf_p, @kdf_salt, @wrapped_key, @key_check, @created_at)`,
  ).run({ ...row, created_at: Date.now() });
  return readMeta(db)!;
}

export interface Unlocked {
  readonly db: Database.Database;
  readonly key: KeyObject;
  readonly keySource: KeySource;
}

/**
 * Opens the file and recovers the data key. An existing keystore is unlocked before anything is
 * written (so a wrong password changes nothing); an empty file gets the schema and a new header.
 */
export async function openUnlocked(options: OpenOptions): Promise<Unlocked> {
  if (typeof options?.path !== 'string' || options.path.length === 0 || options.path === ':memory:')
    throw new RangeError('path must name a database file');
  const timeout = options.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(timeout) || timeout < 0)
    throw new RangeError('busyTimeoutMs must be an integer >= 0');
  const secret = readSecret(options);
  let db: Database.Database | undefined;
  try {
    db = openConnection(options.path, timeout);
    schemaVersion(db);
    const existing = readMeta(db);
    let key = existing ? await unlock(existing, secret) : undefined;
    const fresh = existing ? undefined : await createMeta(secret);
    enableWal(db);
    // migrate() re-reads the version under its IMMEDIATE lock; skipping it when current keeps
    // ordinary opens from taking the write lock at all.
    if (schemaVersion(db) < LATEST_SCHEMA_VERSION) migrate(db);
    if (fresh) {
      const stored = insertMetaIfAbsent(db, fresh.row);
      const ours = Buffer.compare(stored.key_check, fresh.row.key_check) === 0;
      key = ours ? fresh.key : await unlock(stored, secret);
    }
    return { db, key: key!, keySource: secret.kind };
  } catch (e) {
    db?.close();
    throw e;
  } finally {
    secret.bytes.fill(0);
  }
}
