import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { safePrimePair } from '../testing/fixtures.js';
import { jacobi } from './jacobi.js';
import { modPow } from './modpow.js';
import { randomBelow, randomBits } from './random.js';

const rng = seededRng('mpcium.test.math.jacobi');
const SMALL_PRIMES = [
  3n,
  5n,
  7n,
  11n,
  13n,
  17n,
  19n,
  23n,
  29n,
  31n,
  37n,
  41n,
  43n,
  47n,
  97n,
  101n,
  251n,
  257n,
];

/** Euler's criterion: a^((p-1)/2) mod p is 1, p-1 or 0 for an odd prime p. */
function euler(a: bigint, p: bigint): number {
  const r = modPow(a, (p - 1n) / 2n, p);
  return r === p - 1n ? -1 : Number(r);
}

/** Naive Legendre symbol: is a a non-zero square modulo the prime p (by enumeration)? */
function legendreNaive(a: bigint, p: bigint): number {
  const x = ((a % p) + p) % p;
  if (x === 0n) return 0;
  for (let y = 1n; y < p; y++) if ((y * y) % p === x) return 1;
  return -1;
}

/** Naive Jacobi symbol: product of Legendre symbols over the factorization of n. */
function jacobiNaive(a: bigint, n: bigint): number {
  let result = 1;
  let m = n;
  for (let p = 3n; m > 1n; p += 2n) {
    while (m % p === 0n) {
      result = result * legendreNaive(a, p) + 0; // + 0 turns -0 into 0
      m /= p;
    }
  }
  return result;
}

describe('jacobi(a, n)', () => {
  it('equals Euler’s criterion for small primes and every a in [-p, 2p)', () => {
    for (const p of SMALL_PRIMES) {
      for (let a = -p; a < 2n * p; a++) assert.equal(jacobi(a, p), euler(a, p), `a=${a}, p=${p}`);
    }
  });

  it('equals Euler’s criterion for 1024- and 1536-bit primes (OpenSSL-sized moduli)', () => {
    for (const { p, q } of [safePrimePair('standard', 0), safePrimePair('strong', 0)]) {
      for (const prime of [p, q]) {
        for (let i = 0; i < 8; i++) {
          const a = randomBelow(rng, prime);
          assert.equal(jacobi(a, prime), euler(a, prime), `random residue #${i}`);
        }
        assert.equal(jacobi(-1n, prime), -1, 'p = 3 mod 4: -1 is a non-residue');
        assert.equal(jacobi(prime, prime), 0);
      }
    }
  });

  it('equals the product of Legendre symbols for every odd n < 400 and a in [-n, n]', () => {
    for (let n = 1n; n < 400n; n += 2n) {
      for (let a = -n; a <= n; a++) assert.equal(jacobi(a, n), jacobiNaive(a, n), `a=${a}, n=${n}`);
    }
  });

  it('is multiplicative in n and in a for large odd numbers', () => {
    for (let i = 0; i < 50; i++) {
      const n1 = randomBits(rng, 700) | 1n;
      const n2 = randomBits(rng, 500) | 1n;
      const a = randomBits(rng, 1200) - (1n << 1199n);
      const b = randomBits(rng, 900);
      assert.equal(jacobi(a, n1 * n2), jacobi(a, n1) * jacobi(a, n2) + 0, `n-multiplicativity #${i}`);
      assert.equal(jacobi(a * b, n1), jacobi(a, n1) * jacobi(b, n1) + 0, `a-multiplicativity #${i}`);
    }
  });

  it('(-1/N) = 1 for a Paillier-Blum modulus, the fact Πmod relies on', () => {
    const { p, q } = safePrimePair('standard', 1);
    assert.equal(jacobi(-1n, p * q), 1);
  });

  it('rejects even or non-positive n', () => {
    assert.throws(() => jacobi(3n, 8n), RangeError);
    assert.throws(() => jacobi(3n, 0n), RangeError);
    assert.throws(() => jacobi(3n, -7n), RangeError);
    assert.throws(() => jacobi(3 as unknown as bigint, 7n), TypeError);
  });
});
