import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIXTURE_PRIME_BITS, negativePrimes, safePrimePair, safePrimePairs } from '../testing/fixtures.js';
import { bitLength } from './bytes.js';
import { isProbablePrime, isSafePrime } from './prime.js';

describe('isProbablePrime / isSafePrime', () => {
  it('classifies small numbers', () => {
    const primes = new Set([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73]);
    for (let n = -5; n < 75; n++) assert.equal(isProbablePrime(BigInt(n)), primes.has(n), `n=${n}`);
    const safe = new Set([5, 7, 11, 23, 47, 59, 83, 107]);
    for (let n = 0; n < 110; n++) assert.equal(isSafePrime(BigInt(n)), safe.has(n), `n=${n}`);
  });

  it('rejects Carmichael numbers and products of large primes', () => {
    for (const n of [561n, 1105n, 1729n, 2465n, 2821n, 6601n, 8911n]) assert.equal(isProbablePrime(n), false);
    const { p, q } = safePrimePair('standard', 0);
    assert.equal(isProbablePrime(p * q), false);
    assert.equal(isSafePrime(2n * p + 1n), isProbablePrime(2n * p + 1n));
  });
});

describe('safe-prime fixtures (test-only, scripts/gen-prime-fixtures.ts)', () => {
  for (const profile of ['standard', 'strong'] as const) {
    it(`${profile}: every pair is two distinct safe primes = 3 mod 4 with N of exactly 2x${FIXTURE_PRIME_BITS[profile]} bits`, () => {
      const pairs = safePrimePairs(profile);
      assert.equal(pairs.length, profile === 'standard' ? 8 : 3);
      for (const [i, { p, q }] of pairs.entries()) {
        assert.notEqual(p, q, `pair #${i}: p != q`);
        for (const [name, x] of [
          ['p', p],
          ['q', q],
        ] as const) {
          assert.equal(bitLength(x), FIXTURE_PRIME_BITS[profile], `pair #${i}: ${name} bit length`);
          assert.equal(x % 4n, 3n, `pair #${i}: ${name} = 3 mod 4 (Blum)`);
          assert.ok(isProbablePrime((x - 1n) / 2n), `pair #${i}: (${name}-1)/2 is prime`);
          assert.ok(isProbablePrime(x), `pair #${i}: ${name} is prime`);
        }
        assert.equal(bitLength(p * q), 2 * FIXTURE_PRIME_BITS[profile], `pair #${i}: N bit length`);
      }
    });
  }
});

describe('negative-test prime fixtures', () => {
  it('are primes of the stated shape', () => {
    const { prime2048, prime3072, blumNotSafe1024, nonBlum1024 } = negativePrimes();
    assert.equal(bitLength(prime2048), 2048);
    assert.equal(bitLength(prime3072), 3072);
    assert.ok(isProbablePrime(prime2048) && isProbablePrime(prime3072));
    assert.equal(bitLength(blumNotSafe1024), 1024);
    assert.equal(blumNotSafe1024 % 4n, 3n);
    assert.ok(isProbablePrime(blumNotSafe1024) && !isSafePrime(blumNotSafe1024));
    assert.equal(bitLength(nonBlum1024), 1024);
    assert.equal(nonBlum1024 % 4n, 1n);
    assert.ok(isProbablePrime(nonBlum1024));
  });
});
