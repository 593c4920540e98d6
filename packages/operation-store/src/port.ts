import { type Operation, OperationState } from '@mpcium/proto';

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

/** An operation that is not final yet, with the request that opened it (to resume it). */
export interface UnfinishedOperation {
  readonly operation: Operation;
  /** The request bytes given to `open` (the signed intent); empty when none were given. */
  readonly request: Uint8Array;
}

export interface OperationStore {
  /**
   * Creates the operation unless its id exists (the intent id is the idempotency key). `request`
   * (the signed intent's bytes) is kept while the operation is unfinished, so a restarted
   * coordinator can resume it.
   */
  open(operation: Operation, requestDigest: Uint8Array, request?: Uint8Array): Promise<OpenResult>;
  get(operationId: string): Promise<Operation | undefined>;
  /** Replaces a stored operation; throws when it does not exist. A final one leaves `unfinished`. */
  update(operation: Operation): Promise<void>;
  /** Operations opened and not yet final (SUCCEEDED or FAILED), oldest first. */
  unfinished(): Promise<UnfinishedOperation[]>;
  /** True the first time (keyId, nonce) is claimed within `ttlMs`; false on a replay. */
  claimNonce(keyId: string, nonce: Uint8Array, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export const DIGEST_BYTES = 32;

export function isFinal(op: Operation): boolean {
  return op.state === OperationState.SUCCEEDED || op.state === OperationState.FAILED;
}

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
