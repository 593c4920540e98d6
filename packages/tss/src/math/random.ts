/**
 * Uniform sampling from an injected random source (STYLE.md rule 1: rounds never read global
 * randomness; tests pass a seeded Rng). Rejection sampling keeps every value exactly uniform:
 * a biased nonce in Paillier or in a sigma-protocol mask leaks the secret over many sessions.
 */
import type { Rng } from '../engine/types.js';
import { bytesToBigint } from './bytes.js';
import { gcd } from './modular.js';

function draw(rng: Rng, len: number): Uint8Array {
  const out = rng(len);
  if (!(out instanceof Uint8Array) || out.length !== len) {
    throw new TypeError(`rng returned ${out?.length ?? 'no'} bytes, expected ${len}`);
  }
  return out;
}

/** Uniform in [0, 2^bits). */
export function randomBits(rng: Rng, bits: number): bigint {
  if (!Number.isSafeInteger(bits) || bits < 0) throw new RangeError('randomBits: bits must be >= 0');
  if (bits === 0) return 0n;
  const len = Math.ceil(bits / 8);
  const bytes = draw(rng, len);
  // Clear the excess high bits of the first byte so the value has exactly `bits` bits of range.
  bytes[0] = bytes[0]! & (0xff >> (8 * len - bits));
  return bytesToBigint(bytes);
}

/** Uniform in [0, n), n >= 1, by rejection from [0, 2^bitlen(n)): fewer than 2 draws expected. */
export function randomBelow(rng: Rng, n: bigint): bigint {
  if (typeof n !== 'bigint') throw new TypeError('randomBelow: bigint expected');
  if (n < 1n) throw new RangeError('randomBelow: bound must be >= 1');
  if (n === 1n) return 0n;
  const bits = (n - 1n).toString(2).length;
  for (;;) {
    const x = randomBits(rng, bits);
    if (x < n) return x;
  }
}

/**
 * Uniform in Z*_N: the Paillier nonce rho and ring-Pedersen r of CGGMP (ePrint 2021/060, Sec. 2,
 * "Paillier encryption"). For a Paillier-Blum N a non-unit turns up with probability ~2^-1023,
 * and would reveal a factor, so it is rejected rather than used.
 */
export function randomUnit(rng: Rng, N: bigint): bigint {
  if (typeof N !== 'bigint') throw new TypeError('randomUnit: bigint expected');
  if (N < 2n) throw new RangeError('randomUnit: modulus must be >= 2');
  for (;;) {
    const x = randomBelow(rng, N);
    if (x !== 0n && gcd(x, N) === 1n) return x;
  }
}
