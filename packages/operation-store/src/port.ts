import type { Operation } from '@mpcium/proto';

/**
 * Where the coordinator keeps operations, idempotency keys and the replay window
 * (ARCHITECTURE.md "State"): Redis in a cluster, memory in the embedded mode. Both adapters pass
 * the same contract tests.
 */
export interface OpenResult {
  /** True when this call created the operation. */
  readonly created: boolean;
  /** The stored operation (the existing one when not created). */
  readonly operation: Operation;
  /** False when the id was first used for a different request (same id, other intent bytes). */
  readonly sameRequest: boolean;
}

export interface OperationStore {
  /** Creates the operation unless its id exists (the intent id is the idempotency key). */
  open(operation: Operation, requestDigest: Uint8Array): Promise<OpenResult>;
  get(operationId: string): Promise<Operation | undefined>;
  /** Replaces a stored operation; throws when it does not exist. */
  update(operation: Operation): Promise<void>;
  /** True the first time (keyId, nonce) is claimed within `ttlMs`; false on a replay. */
  claimNonce(keyId: string, nonce: Uint8Array, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export const DIGEST_BYTES = 32;

export function checkDigest(d: Uint8Array): void {
  if (!(d instanceof Uint8Array) || d.length !== DIGEST_BYTES)
    throw new RangeError('request digest must be 32 bytes');
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Wallets' public data, kept by the coordinator (public keys only, never shares). */
export interface WalletDirectory {
  /** Stores a wallet; throws when the id exists. */
  saveWallet(walletId: string, wallet: Uint8Array): Promise<void>;
  getWallet(walletId: string): Promise<Uint8Array | undefined>;
  /** Wallet ids in ascending order after `after`, at most `limit`. */
  listWalletIds(after: string, limit: number): Promise<string[]>;
}
