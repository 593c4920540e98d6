/**
 * The symmetric intervals of CGGMP (ePrint 2021/060, Sec. 2 notation): "±2^l" is the set of
 * integers x with -2^l <= x <= 2^l, and "±(2^l·N)" likewise. Provers sample masks from these
 * intervals; verifiers reject responses outside them (CRYPTO.md "Non-proof checks"; CRYPTO.md
 * item 7: z1 outside ±2^(l+eps) must be rejected).
 */
import type { Rng } from '../engine/types.js';
import { randomBelow } from './random.js';

/** Uniform in [-bound, bound] (2·bound + 1 values). */
export function randomSymmetric(rng: Rng, bound: bigint): bigint {
  if (typeof bound !== 'bigint') throw new TypeError('randomSymmetric: bigint expected');
  if (bound < 0n) throw new RangeError('randomSymmetric: bound must be >= 0');
  return randomBelow(rng, 2n * bound + 1n) - bound;
}

/** Uniform in ±2^bits = [-2^bits, 2^bits]. */
export function randomInterval(rng: Rng, bits: number): bigint {
  if (!Number.isSafeInteger(bits) || bits < 0) throw new RangeError('randomInterval: bits must be >= 0');
  return randomSymmetric(rng, 1n << BigInt(bits));
}

/** x in [-bound, bound]. */
export function inSymmetric(x: bigint, bound: bigint): boolean {
  if (typeof x !== 'bigint' || typeof bound !== 'bigint') throw new TypeError('inSymmetric: bigint expected');
  return x >= -bound && x <= bound;
}

/** x in ±2^bits. */
export function inInterval(x: bigint, bits: number): boolean {
  if (!Number.isSafeInteger(bits) || bits < 0) throw new RangeError('inInterval: bits must be >= 0');
  return inSymmetric(x, 1n << BigInt(bits));
}
