/**
 * Modular basics shared by Paillier, ring-Pedersen and the CGGMP proofs. These are BigInt code:
 * variable-time, so they are meant for public values or for operations whose timing does not
 * depend on a secret beyond its size (modPow is the OpenSSL-backed exception, see modpow.ts).
 */

function assertBigint(name: string, x: unknown): asserts x is bigint {
  if (typeof x !== 'bigint') throw new TypeError(`${name}: bigint expected`);
}

function assertModulus(name: string, m: bigint): void {
  assertBigint(name, m);
  if (m < 1n) throw new RangeError(`${name}: modulus must be positive`);
}

/** The representative of `a` in [0, m). */
export function mod(a: bigint, m: bigint): bigint {
  assertBigint('mod', a);
  assertModulus('mod', m);
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** Greatest common divisor of |a| and |b|; gcd(0, 0) = 0. */
export function gcd(a: bigint, b: bigint): bigint {
  assertBigint('gcd', a);
  assertBigint('gcd', b);
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * a^-1 mod m, for any a with gcd(a, m) = 1. Throws a RangeError otherwise: a missing inverse in
 * CGGMP means a non-unit reached a place that needs Z*_N, which is evidence, not a bug to mask.
 */
export function modInverse(a: bigint, m: bigint): bigint {
  assertBigint('modInverse', a);
  assertModulus('modInverse', m);
  if (m === 1n) return 0n;
  let [r0, r1] = [m, mod(a, m)];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (r0 !== 1n) throw new RangeError('modInverse: value is not invertible modulo m');
  return mod(t0, m);
}
