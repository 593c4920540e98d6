import type Database from 'better-sqlite3';
import { KeystoreConflictError, KeystoreNotFoundError } from './errors.js';
import type { RecordCipher } from './record-cipher.js';
import { identityLabel, type RecordIdentity } from './record-identity.js';
import { isUniqueViolation } from './sqlite-errors.js';
import type { KeyType } from './validate.js';

/** A decrypted key share record. `bytes` is opaque to the store. */
export interface ShareRecord {
  readonly walletId: string;
  readonly keyType: KeyType;
  readonly version: number;
  /** `retired` after a refresh or reshare wrote its successor; kept, but never "latest". */
  readonly status: 'active' | 'retired';
  readonly bytes: Uint8Array;
}

interface ShareRow {
  version: number;
  sealed: Uint8Array;
  retired_at: number | null;
}

const shareId = (walletId: string, keyType: KeyType, version: number): RecordIdentity => ({
  table: 'shares',
  walletId,
  keyType,
  version,
});

/** Versioned key shares: each version written once; the latest active one is the default. */
export class ShareRecords {
  readonly #db: Database.Database;
  readonly #cipher: RecordCipher;
  readonly #insertWallet: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #byVersion: Database.Statement;
  readonly #latest: Database.Statement;
  readonly #retire: Database.Statement;
  readonly #wallets: Database.Statement;
  readonly #hasWallet: Database.Statement;

  constructor(db: Database.Database, cipher: RecordCipher) {
    this.#db = db;
    this.#cipher = cipher;
    this.#insertWallet = db.prepare('INSERT OR IGNORE INTO wallets (wallet_id, created_at) VALUES (?, ?)');
    this.#insert = db.prepare(
      'INSERT INTO shares (wallet_id, key_type, version, sealed, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    const cols = 'SELECT version, sealed, retired_at FROM shares WHERE wallet_id = ? AND key_type = ?';
    this.#byVersion = db.prepare(`${cols} AND version = ?`);
    this.#latest = db.prepare(`${cols} AND retired_at IS NULL ORDER BY version DESC LIMIT 1`);
    this.#retire = db.prepare(
      'UPDATE shares SET retired_at = ? WHERE wallet_id = ? AND key_type = ? AND version = ? AND retired_at IS NULL',
    );
    this.#wallets = db.prepare('SELECT wallet_id FROM wallets ORDER BY wallet_id').pluck();
    this.#hasWallet = db.prepare('SELECT 1 FROM wallets WHERE wallet_id = ?').pluck();
  }

  put(walletId: string, keyType: KeyType, version: number, bytes: Uint8Array): void {
    const id = shareId(walletId, keyType, version);
    const sealed = this.#cipher.seal(id, bytes);
    const now = Date.now();
    this.#db
      .transaction(() => {
        this.#insertWallet.run(walletId, now);
        try {
          this.#insert.run(walletId, keyType, version, sealed, now);
        } catch (e) {
          if (isUniqueViolation(e))
            throw new KeystoreConflictError(
              `${identityLabel(id)} already exists; a share version is written once (write a new version)`,
            );
          throw e;
        }
      })
      .immediate();
  }

  /** The named version (active or retired), or the latest active one when `version` is omitted. */
  get(walletId: string, keyType: KeyType, version?: number): ShareRecord | undefined {
    const row = (
      version === undefined
        ? this.#latest.get(walletId, keyType)
        : this.#byVersion.get(walletId, keyType, version)
    ) as ShareRow | undefined;
    if (!row) return undefined;
    const bytes = this.#cipher.open(shareId(walletId, keyType, row.version), row.sealed);
    const status = row.retired_at === null ? 'active' : 'retired';
    return { walletId, keyType, version: row.version, status, bytes };
  }

  /** Marks a version retired; retiring a retired version is a no-op, a missing one is an error. */
  retire(walletId: string, keyType: KeyType, version: number): void {
    this.#db
      .transaction(() => {
        if (this.#retire.run(Date.now(), walletId, keyType, version).changes === 1) return;
        if (this.#byVersion.get(walletId, keyType, version) === undefined)
          throw new KeystoreNotFoundError(
            `${identityLabel(shareId(walletId, keyType, version))} does not exist`,
          );
      })
      .immediate();
  }

  listWallets(): string[] {
    return this.#wallets.all() as string[];
  }

  hasWallet(walletId: string): boolean {
    return this.#hasWallet.get(walletId) !== undefined;
  }
}
