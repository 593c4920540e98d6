/**
 * Entry checks for every public argument (noble-style: TypeError for a wrong type, RangeError
 * for a wrong value). Messages describe the rule, not the offending value, so that a secret
 * passed in the wrong place is never echoed.
 */

/** The key types a wallet can hold. */
export const KEY_TYPES = ['ecdsa-secp256k1', 'ed25519', 'taproot'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** The kinds of pooled single-use items. */
export const POOL_KINDS = ['presignature', 'frost-nonce'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

/** Longest wallet id, node set id, item id or secret name, in UTF-16 code units. */
export const MAX_ID_LENGTH = 128;
/** Largest plaintext a record may hold (aux info with Paillier proofs is well below this). */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** Largest share version. */
export const MAX_VERSION = 0x7fff_ffff;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to reject them
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A non-empty identifier of at most MAX_ID_LENGTH characters without control characters. */
export function assertId(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  if (value.length === 0) throw new RangeError(`${what} must not be empty`);
  if (value.length > MAX_ID_LENGTH)
    throw new RangeError(`${what} must be at most ${MAX_ID_LENGTH} characters, got ${value.length}`);
  if (CONTROL.test(value)) throw new RangeError(`${what} must not contain control characters`);
}

export function assertKeyType(value: unknown): asserts value is KeyType {
  if (!KEY_TYPES.includes(value as KeyType))
    throw new RangeError(`keyType must be one of ${KEY_TYPES.join(', ')}`);
}

export function assertPoolKind(value: unknown): asserts value is PoolKind {
  if (!POOL_KINDS.includes(value as PoolKind))
    throw new RangeError(`pooled kind must be one of ${POOL_KINDS.join(', ')}`);
}

/** A share version: an integer in [0, MAX_VERSION]. */
export function assertVersion(value: unknown, what = 'version'): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_VERSION)
    throw new RangeError(`${what} must be an integer in [0, ${MAX_VERSION}]`);
}

/** Record plaintext: a non-empty Uint8Array of at most MAX_RECORD_BYTES. */
export function assertBytes(value: unknown, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array`);
  if (value.length === 0) throw new RangeError(`${what} must not be empty`);
  if (value.length > MAX_RECORD_BYTES)
    throw new RangeError(`${what} must be at most ${MAX_RECORD_BYTES} bytes, got ${value.length}`);
}
