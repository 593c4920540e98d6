import type { Operation } from '@mpcium/proto';
import { Redis, type RedisOptions } from 'ioredis';
import {
  checkDigest,
  isFinal,
  type OpenResult,
  type OperationStore,
  sameBytes,
  type UnfinishedOperation,
  type WalletDirectory,
} from './port.js';
import { decodeRecord, encodeRecord } from './record.js';

/**
 * Operations in Redis: `<prefix>op:<id>` holds digest || operation, created with SET NX so two
 * coordinator replicas opening the same intent get one operation; `<prefix>nonce:<key>:<hex>`
 * is the replay window, SET NX with a TTL. Unfinished operations are members of the sorted set
 * `<prefix>unfinished` (scored by opening time) with their request bytes in `<prefix>req:<id>`,
 * until the update that makes them final.
 */
export class RedisOperationStore implements OperationStore, WalletDirectory {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #retentionMs: number;

  constructor(url: string, options: { prefix?: string; retentionMs?: number; redis?: RedisOptions } = {}) {
    this.#redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3, ...options.redis });
    this.#prefix = options.prefix ?? 'mpcium:';
    this.#retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  }

  async open(operation: Operation, requestDigest: Uint8Array, request?: Uint8Array): Promise<OpenResult> {
    checkDigest(requestDigest);
    const id = operation.operationId;
    const key = this.#opKey(id);
    const set = await this.#redis.set(
      key,
      encodeRecord(requestDigest, operation),
      'PX',
      this.#retentionMs,
      'NX',
    );
    if (set === 'OK') {
      if (!isFinal(operation)) {
        await this.#redis
          .multi()
          .set(`${this.#prefix}req:${id}`, Buffer.from(request ?? []), 'PX', this.#retentionMs)
          .zadd(`${this.#prefix}unfinished`, Date.now(), id)
          .exec();
      }
      return { created: true, operation, sameRequest: true };
    }
    const existing = await this.#redis.getBuffer(key);
    if (!existing) return this.open(operation, requestDigest, request); // expired in between: try again
    const { digest, operation: stored } = decodeRecord(existing);
    return { created: false, operation: stored, sameRequest: sameBytes(digest, requestDigest) };
  }

  async get(operationId: string): Promise<Operation | undefined> {
    const r = await this.#redis.getBuffer(this.#opKey(operationId));
    return r ? decodeRecord(r).operation : undefined;
  }

  async update(operation: Operation): Promise<void> {
    const key = this.#opKey(operation.operationId);
    const r = await this.#redis.getBuffer(key);
    if (!r) throw new Error(`operation ${operation.operationId} does not exist`);
    const { digest } = decodeRecord(r);
    const ok = await this.#redis.set(key, encodeRecord(digest, operation), 'PX', this.#retentionMs, 'XX');
    if (ok !== 'OK') throw new Error(`operation ${operation.operationId} does not exist`);
    if (isFinal(operation)) {
      await this.#redis
        .multi()
        .zrem(`${this.#prefix}unfinished`, operation.operationId)
        .del(`${this.#prefix}req:${operation.operationId}`)
        .exec();
    }
  }

  async unfinished(): Promise<UnfinishedOperation[]> {
    const ids = await this.#redis.zrange(`${this.#prefix}unfinished`, 0, -1);
    const out: UnfinishedOperation[] = [];
    for (const id of ids) {
      const [record, request] = await Promise.all([
        this.#redis.getBuffer(this.#opKey(id)),
        this.#redis.getBuffer(`${this.#prefix}req:${id}`),
      ]);
      if (!record) {
        await this.#redis.zrem(`${this.#prefix}unfinished`, id);
        continue;
      }
      const operation = decodeRecord(record).operation;
      if (!isFinal(operation)) out.push({ operation, request: Uint8Array.from(request ?? []) });
    }
    return out;
  }

  async claimNonce(keyId: string, nonce: Uint8Array, ttlMs: number): Promise<boolean> {
    const key = `${this.#prefix}nonce:${keyId}:${Buffer.from(nonce).toString('hex')}`;
    return (await this.#redis.set(key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async saveWallet(walletId: string, wallet: Uint8Array): Promise<void> {
    const ok = await this.#redis.set(`${this.#prefix}wallet:${walletId}`, Buffer.from(wallet), 'NX');
    if (ok !== 'OK') throw new Error(`wallet ${walletId} already exists`);
    await this.#redis.zadd(`${this.#prefix}wallets`, 0, walletId);
  }

  async getWallet(walletId: string): Promise<Uint8Array | undefined> {
    const w = await this.#redis.getBuffer(`${this.#prefix}wallet:${walletId}`);
    return w ? Uint8Array.from(w) : undefined;
  }

  async listWalletIds(after: string, limit: number): Promise<string[]> {
    // One sorted set with equal scores orders members lexicographically.
    const min = after === '' ? '-' : `(${after}`;
    return this.#redis.zrangebylex(`${this.#prefix}wallets`, min, '+', 'LIMIT', 0, limit);
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  #opKey(id: string): string {
    return `${this.#prefix}op:${id}`;
  }
}
