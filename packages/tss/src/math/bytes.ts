/**
 * Bigint <-> byte conversions with explicit lengths (STYLE.md rule 3: bytes cross package
 * boundaries, bigints stay inside). Error messages never include the value: callers pass secrets
 * (Paillier primes, ring-Pedersen lambda) through these functions.
 */
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';

/** Number of significant bits of a non-negative bigint; 0 for 0. */
export function bitLength(x: bigint): number {
  if (typeof x !== 'bigint') throw new TypeError('bitLength: bigint expected');
  if (x < 0n) throw new RangeError('bitLength: negative value');
  return x === 0n ? 0 : x.toString(2).length;
}

/** Minimal number of bytes that hold a non-negative bigint (at least 1). */
export function byteLength(x: bigint): number {
  return Math.max(1, Math.ceil(bitLength(x) / 8));
}

/** Big-endian encoding of `0 <= x < 2^(8*len)` in exactly `len` bytes. */
export function bigintToBytes(x: bigint, len: number): Uint8Array {
  if (typeof x !== 'bigint') throw new TypeError('bigintToBytes: bigint expected');
  if (!Number.isSafeInteger(len) || len < 1) throw new RangeError('bigintToBytes: length must be >= 1');
  if (x < 0n) throw new RangeError('bigintToBytes: negative value');
  if (bitLength(x) > 8 * len) throw new RangeError(`bigintToBytes: value does not fit in ${len} bytes`);
  return numberToBytesBE(x, len);
}

/** Big-endian decoding; the empty array is 0. Leading zero bytes are allowed. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytesToBigint: Uint8Array expected');
  return bytes.length === 0 ? 0n : bytesToNumberBE(bytes);
}
