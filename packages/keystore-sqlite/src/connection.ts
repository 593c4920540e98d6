import Database from 'better-sqlite3';

/** Pragmas of an open connection, as read back from SQLite. */
export interface ConnectionSettings {
  readonly journalMode: string;
  readonly synchronous: 'off' | 'normal' | 'full' | 'extra';
  readonly foreignKeys: boolean;
  readonly secureDelete: boolean;
}

/**
 * Opens the file with the per-connection settings that do not write to it: a busy timeout (so
 * IMMEDIATE transactions from other connections queue instead of failing), synchronous = FULL
 * (a committed transaction survives power loss), foreign keys, secure_delete (a taken
 * presignature's ciphertext is zeroed, not left in a free page), and no trusted schema.
 * WAL is switched on separately, by `enableWal`, once the caller may write.
 */
export function openConnection(path: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('trusted_schema = OFF');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** WAL is persistent in the file; setting it again is a no-op. */
export function enableWal(db: Database.Database): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`keystore: could not switch the database to WAL (got ${String(mode)})`);
}

const SYNC = ['off', 'normal', 'full', 'extra'] as const;

export function readSettings(db: Database.Database): ConnectionSettings {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: SYNC[Number(db.pragma('synchronous', { simple: true }))] ?? 'off',
    foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
    secureDelete: db.pragma('secure_delete', { simple: true }) === 1,
  };
}
