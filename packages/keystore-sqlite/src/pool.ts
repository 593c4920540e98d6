import type Database from 'better-sqlite3';
import { KeystoreConflictError, KeystoreNotFoundError } from './errors.js';
import type { RecordCipher } from './record-cipher.js';
import { identityLabel, type RecordIdentity } from './record-identity.js';
import { isForeignKeyViolation, isUniqueViolation } from './sqlite-errors.js';
import type { KeyType, PoolKind } from './validate.js';

/** A pooled single-use item: a presignature or a FROST nonce pair, opaque to the store. */
export interface PooledItem {
  readonly id: string;
  readonly bytes: Uint8Array;
}

/** Which pool: items belong to one share version of one wallet and key type. */
export interface PoolOwner {
  readonly kind: PoolKind;
  readonly walletId: string;
  readonly keyType: KeyType;
  readonly keyVersion: number;
}

interface PoolRow {
  seq: number;
  item_id: string;
  sealed: Uint8Array;
}

const itemId = (owner: PoolOwner, id: string): RecordIdentity => ({ table: 'pool', ...owner, itemId: id });

/**
 * Presignatures and nonces. Reusing one leaks the signing share (a repeated ECDSA k or FROST
 * nonce solves for the secret), so `take` deletes the item in the same IMMEDIATE transaction
 * that reads it: SQLite's single writer lock makes two connections, in one process or many,
 * serialize on it, and an item is handed out at most once, ever.
 */
export class PoolRecords {
  readonly #db: Database.Database;
  readonly #cipher: RecordCipher;
  readonly #insert: Database.Statement;
  readonly #oldest: Database.Statement;
  readonly #named: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #count: Database.Statement;

  constructor(db: Database.Database, cipher: RecordCipher) {
    this.#db = db;
    this.#cipher = cipher;
    this.#insert = db.prepare(
      `INSERT INTO pool (kind, wallet_id, key_type, key_version, item_id, sealed, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const where = 'FROM pool WHERE kind = ? AND wallet_id = ? AND key_type = ? AND key_version = ?';
    this.#oldest = db.prepare(`SELECT seq, item_id, sealed ${where} ORDER BY seq LIMIT 1`);
    this.#named = db.prepare(`SELECT seq, item_id, sealed ${where} AND item_id = ?`);
    this.#delete = db.prepare('DELETE FROM pool WHERE seq = ?');
    this.#count = db.prepare(`SELECT count(*) ${where}`).pluck();
  }

  /** Adds all items or none. Ids are unique within a pool; the share version must exist. */
  add(owner: PoolOwner, items: readonly PooledItem[]): void {
    const sealed = items.map((item) => this.#cipher.seal(itemId(owner, item.id), item.bytes));
    const now = Date.now();
    const { kind, walletId, keyType, keyVersion } = owner;
    this.#db
      .transaction(() => {
        items.forEach((item, i) => {
          try {
            this.#insert.run(kind, walletId, keyType, keyVersion, item.id, sealed[i], now);
          } catch (e) {
            if (isUniqueViolation(e))
              throw new KeystoreConflictError(`${identityLabel(itemId(owner, item.id))} already exists`);
            if (isForeignKeyViolation(e))
              throw new KeystoreNotFoundError(
                `${identityLabel({ table: 'shares', walletId, keyType, version: keyVersion })} does not exist; pool items need their share`,
              );
            throw e;
          }
        });
      })
      .immediate();
  }

  /**
   * Removes and returns the oldest item, or the one named `id`; `undefined` when there is none.
   * An item that fails its integrity check stays in place (the transaction rolls back).
   */
  take(owner: PoolOwner, id?: string): PooledItem | undefined {
    const { kind, walletId, keyType, keyVersion } = owner;
    return this.#db
      .transaction((): PooledItem | undefined => {
        const row = (
          id === undefined
            ? this.#oldest.get(kind, walletId, keyType, keyVersion)
            : this.#named.get(kind, walletId, keyType, keyVersion, id)
        ) as PoolRow | undefined;
        if (!row) return undefined;
        if (this.#delete.run(row.seq).changes !== 1)
          throw new Error('keystore bug: a pooled row vanished inside its IMMEDIATE transaction');
        return { id: row.item_id, bytes: this.#cipher.open(itemId(owner, row.item_id), row.sealed) };
      })
      .immediate();
  }

  count(owner: PoolOwner): number {
    const { kind, walletId, keyType, keyVersion } = owner;
    return this.#count.get(kind, walletId, keyType, keyVersion) as number;
  }
}
