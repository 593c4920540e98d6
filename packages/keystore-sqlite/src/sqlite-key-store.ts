import type Database from 'better-sqlite3';
import { type ConnectionSettings, readSettings } from './connection.js';
import { KeystoreClosedError } from './errors.js';
import { schemaVersion } from './migrations.js';
import { NamedRecords } from './named-records.js';
import { type PooledItem, PoolRecords } from './pool.js';
import type { KeyStore } from './port.js';
import { RecordCipher } from './record-cipher.js';
import { INSPECT, REDACTED } from './redact.js';
import { type ShareRecord, ShareRecords } from './shares.js';
import { type KeySource, type OpenOptions, openUnlocked } from './unlock.js';
import {
  assertBytes,
  assertId,
  assertKeyType,
  assertPoolKind,
  assertVersion,
  type KeyType,
  type PoolKind,
} from './validate.js';

/** What `status()` reports: the connection's durability settings and how the store was unlocked. */
export interface KeystoreStatus extends ConnectionSettings {
  readonly schemaVersion: number;
  readonly keySource: KeySource;
}

interface Open {
  readonly db: Database.Database;
  readonly shares: ShareRecords;
  readonly pool: PoolRecords;
  readonly named: NamedRecords;
  readonly keySource: KeySource;
}

/**
 * One node's encrypted share storage in one SQLite file (WAL, synchronous = FULL). Every record
 * is AES-256-GCM under the data key with its identity as associated data. Bytes in, bytes out:
 * the store never interprets protocol payloads. Methods are async so the store can sit behind a
 * remote KeyStore port; each runs one SQLite transaction.
 */
export class SqliteKeyStore implements KeyStore {
  #open: Open | undefined;

  private constructor(open: Open) {
    this.#open = open;
  }

  /**
   * Opens (or creates) the keystore at `path`, unlocking it with the node's password or the data
   * key. A wrong password or key throws KeystoreLockedError and leaves the file untouched.
   */
  static async open(options: OpenOptions): Promise<SqliteKeyStore> {
    const { db, key, keySource } = await openUnlocked(options);
    try {
      const cipher = new RecordCipher(key);
      const shares = new ShareRecords(db, cipher);
      const pool = new PoolRecords(db, cipher);
      const named = new NamedRecords(db, cipher);
      return new SqliteKeyStore({ db, shares, pool, named, keySource });
    } catch (e) {
      db.close();
      throw e;
    }
  }

  #state(): Open {
    if (!this.#open) throw new KeystoreClosedError();
    return this.#open;
  }

  /** Closes the file (checkpointing the WAL) and drops the data key. Idempotent. */
  async close(): Promise<void> {
    const open = this.#open;
    this.#open = undefined;
    open?.db.close();
  }

  get closed(): boolean {
    return this.#open === undefined;
  }

  async status(): Promise<KeystoreStatus> {
    const { db, keySource } = this.#state();
    return { ...readSettings(db), schemaVersion: schemaVersion(db), keySource };
  }

  // Key shares

  /** Writes share `version`; a version that exists is refused (KeystoreConflictError). */
  async putShare(walletId: string, keyType: KeyType, version: number, bytes: Uint8Array): Promise<void> {
    assertShareKey(walletId, keyType, version);
    assertBytes(bytes, 'share');
    this.#state().shares.put(walletId, keyType, version, bytes);
  }

  /** The named version, or the latest active one; `undefined` when absent. */
  async getShare(walletId: string, keyType: KeyType, version?: number): Promise<ShareRecord | undefined> {
    assertId(walletId, 'walletId');
    assertKeyType(keyType);
    if (version !== undefined) assertVersion(version);
    return this.#state().shares.get(walletId, keyType, version);
  }

  /** Keeps `version` but stops returning it as latest (after a refresh or reshare). */
  async retireShare(walletId: string, keyType: KeyType, version: number): Promise<void> {
    assertShareKey(walletId, keyType, version);
    this.#state().shares.retire(walletId, keyType, version);
  }

  /** Every wallet id with at least one stored share version, sorted. */
  async listWallets(): Promise<string[]> {
    return this.#state().shares.listWallets();
  }

  async hasWallet(walletId: string): Promise<boolean> {
    assertId(walletId, 'walletId');
    return this.#state().shares.hasWallet(walletId);
  }

  // Aux info

  /** Stores this node's aux info for a node set; written once per set id. */
  async putAuxInfo(setId: string, bytes: Uint8Array): Promise<void> {
    assertId(setId, 'setId');
    assertBytes(bytes, 'aux info');
    this.#state().named.putAuxInfo(setId, bytes);
  }

  async getAuxInfo(setId: string): Promise<Uint8Array | undefined> {
    assertId(setId, 'setId');
    return this.#state().named.getAuxInfo(setId);
  }

  // Pooled single-use items

  /** Adds presignatures or nonces for one share version, all or none. */
  async addPooled(
    kind: PoolKind,
    walletId: string,
    keyType: KeyType,
    keyVersion: number,
    items: readonly PooledItem[],
  ): Promise<void> {
    const owner = poolOwner(kind, walletId, keyType, keyVersion);
    if (!Array.isArray(items)) throw new TypeError('items must be an array');
    for (const item of items) {
      assertId(item?.id, 'item id');
      assertBytes(item.bytes, 'pooled item');
    }
    this.#state().pool.add(owner, items);
  }

  /** Removes and returns the oldest item (or the one named `id`); each item is handed out once. */
  async takePooled(
    kind: PoolKind,
    walletId: string,
    keyType: KeyType,
    keyVersion: number,
    id?: string,
  ): Promise<PooledItem | undefined> {
    const owner = poolOwner(kind, walletId, keyType, keyVersion);
    if (id !== undefined) assertId(id, 'item id');
    return this.#state().pool.take(owner, id);
  }

  async countPooled(kind: PoolKind, walletId: string, keyType: KeyType, keyVersion: number): Promise<number> {
    return this.#state().pool.count(poolOwner(kind, walletId, keyType, keyVersion));
  }

  // Generic secrets

  /** Stores (or atomically replaces) a named secret such as the node's identity key. */
  async putSecret(name: string, bytes: Uint8Array): Promise<void> {
    assertId(name, 'secret name');
    assertBytes(bytes, 'secret');
    this.#state().named.putSecret(name, bytes);
  }

  async getSecret(name: string): Promise<Uint8Array | undefined> {
    assertId(name, 'secret name');
    return this.#state().named.getSecret(name);
  }

  toString(): string {
    return `SqliteKeyStore(${REDACTED})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [INSPECT](): string {
    return this.toString();
  }
}

function assertShareKey(walletId: string, keyType: KeyType, version: number): void {
  assertId(walletId, 'walletId');
  assertKeyType(keyType);
  assertVersion(version);
}

function poolOwner(kind: PoolKind, walletId: string, keyType: KeyType, keyVersion: number) {
  assertPoolKind(kind);
  assertId(walletId, 'walletId');
  assertKeyType(keyType);
  assertVersion(keyVersion, 'keyVersion');
  return { kind, walletId, keyType, keyVersion };
}
