import type { Operation } from '@mpcium/proto';
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

/** The embedded mode's store: one process, the same semantics as Redis. */
export class MemoryOperationStore implements OperationStore, WalletDirectory {
  readonly #wallets = new Map<string, Uint8Array>();
  readonly #ops = new Map<string, { record: Buffer; expires: number }>();
  readonly #nonces = new Map<string, number>();
  /** Unfinished operation ids, in the order they were opened, with their requests. */
  readonly #unfinished = new Map<string, Uint8Array>();
  readonly #retentionMs: number;
  readonly #now: () => number;

  constructor(options: { retentionMs?: number; now?: () => number } = {}) {
    this.#retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.#now = options.now ?? Date.now;
  }

  async open(operation: Operation, requestDigest: Uint8Array, request?: Uint8Array): Promise<OpenResult> {
    checkDigest(requestDigest);
    const existing = this.#live(operation.operationId);
    if (existing) {
      const { digest, operation: stored } = decodeRecord(existing);
      return { created: false, operation: stored, sameRequest: sameBytes(digest, requestDigest) };
    }
    this.#ops.set(operation.operationId, {
      record: encodeRecord(requestDigest, operation),
      expires: this.#now() + this.#retentionMs,
    });
    if (!isFinal(operation)) this.#unfinished.set(operation.operationId, Uint8Array.from(request ?? []));
    return { created: true, operation, sameRequest: true };
  }

  async get(operationId: string): Promise<Operation | undefined> {
    const r = this.#live(operationId);
    return r ? decodeRecord(r).operation : undefined;
  }

  async update(operation: Operation): Promise<void> {
    const r = this.#live(operation.operationId);
    if (!r) throw new Error(`operation ${operation.operationId} does not exist`);
    const { digest } = decodeRecord(r);
    this.#ops.set(operation.operationId, {
      record: encodeRecord(digest, operation),
      expires: this.#now() + this.#retentionMs,
    });
    if (isFinal(operation)) this.#unfinished.delete(operation.operationId);
  }

  async unfinished(): Promise<UnfinishedOperation[]> {
    const out: UnfinishedOperation[] = [];
    for (const [id, request] of this.#unfinished) {
      const r = this.#live(id);
      if (r) out.push({ operation: decodeRecord(r).operation, request: Uint8Array.from(request) });
      else this.#unfinished.delete(id);
    }
    return out;
  }

  async claimNonce(keyId: string, nonce: Uint8Array, ttlMs: number): Promise<boolean> {
    const key = `${keyId}:${Buffer.from(nonce).toString('hex')}`;
    const now = this.#now();
    const until = this.#nonces.get(key);
    if (until !== undefined && until > now) return false;
    this.#nonces.set(key, now + ttlMs);
    if (this.#nonces.size > 100_000) for (const [k, t] of this.#nonces) if (t <= now) this.#nonces.delete(k);
    return true;
  }

  async saveWallet(walletId: string, wallet: Uint8Array): Promise<void> {
    if (this.#wallets.has(walletId)) throw new Error(`wallet ${walletId} already exists`);
    this.#wallets.set(walletId, Uint8Array.from(wallet));
  }

  async getWallet(walletId: string): Promise<Uint8Array | undefined> {
    const w = this.#wallets.get(walletId);
    return w ? Uint8Array.from(w) : undefined;
  }

  async listWalletIds(after: string, limit: number): Promise<string[]> {
    return [...this.#wallets.keys()]
      .filter((id) => id > after)
      .sort()
      .slice(0, limit);
  }

  async close(): Promise<void> {}

  #live(id: string): Buffer | undefined {
    const e = this.#ops.get(id);
    if (!e) return undefined;
    if (e.expires <= this.#now()) {
      this.#ops.delete(id);
      return undefined;
    }
    return e.record;
  }
}
