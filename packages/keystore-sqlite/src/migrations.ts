import type Database from 'better-sqlite3';
import { KeystoreSchemaError } from './errors.js';
import { KEY_TYPES, POOL_KINDS } from './validate.js';

/**
 * Forward-only schema migrations. A migration is never edited once released: a change is a new
 * entry with the next version. A file whose version is newer than this build is refused, never
 * downgraded.
 */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE keystore_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key_source TEXT NOT NULL CHECK (key_source IN ('password', 'data-key')),
        kdf_n INTEGER,
        kdf_r INTEGER,
        kdf_p INTEGER,
        kdf_salt BLOB,
        wrapped_key BLOB,
        key_check BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        CHECK ((key_source = 'password') = (wrapped_key IS NOT NULL))
      ) STRICT;

      CREATE TABLE wallets (
        wallet_id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE shares (
        wallet_id TEXT NOT NULL REFERENCES wallets (wallet_id) ON DELETE RESTRICT,
        key_type TEXT NOT NULL CHECK (key_type IN (${list(KEY_TYPES)})),
        version INTEGER NOT NULL CHECK (version >= 0),
        sealed BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        retired_at INTEGER,
        PRIMARY KEY (wallet_id, key_type, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE aux_info (
        set_id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE pool (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN (${list(POOL_KINDS)})),
        wallet_id TEXT NOT NULL,
        key_type TEXT NOT NULL,
        key_version INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        sealed BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (kind, wallet_id, key_type, key_version, item_id),
        FOREIGN KEY (wallet_id, key_type, key_version)
          REFERENCES shares (wallet_id, key_type, version) ON DELETE RESTRICT
      ) STRICT;
      CREATE INDEX pool_oldest ON pool (kind, wallet_id, key_type, key_version, seq);

      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        sealed BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The file's schema version: 0 for an empty file. Refuses foreign or too-new files. */
export function schemaVersion(db: Database.Database): number {
  if (!hasTable(db, 'schema_version')) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
      n: number;
    };
    if (tables.n > 0) throw new KeystoreSchemaError('the file is an SQLite database but not a keystore');
    return 0;
  }
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  const version = row.v ?? 0;
  if (version > LATEST_SCHEMA_VERSION)
    throw new KeystoreSchemaError(
      `keystore schema version ${version} is newer than this build supports (${LATEST_SCHEMA_VERSION})`,
    );
  return version;
}

/** Applies pending migrations in one IMMEDIATE transaction (safe against a concurrent opener). */
export function migrate(db: Database.Database, now = Date.now()): void {
  db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT',
    );
    const current = schemaVersion(db);
    const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, now);
    }
  }).immediate();
}
