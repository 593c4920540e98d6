import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { safePrimePair } from '../testing/fixtures.js';
import { crt2 } from './crt.js';
import { gcd, mod, modInverse } from './modular.js';
import { randomBelow, randomBits } from './random.js';
import { isPerfectSquare, isqrt } from './sqrt.js';

const rng = seededRng('mpcium.test.math.modular');

function gcdSlow(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (x !== y && x !== 0n && y !== 0n) {
    if (x > y) x %= y;
    else y %= x;
  }
  return x === 0n ? y : x;
}

describe('mod, gcd, modInverse', () => {
  it('mod returns the representative in [0, m)', () => {
    assert.equal(mod(-1n, 7n), 6n);
    assert.equal(mod(-14n, 7n), 0n);
    assert.equal(mod(15n, 7n), 1n);
    assert.equal(mod(5n, 1n), 0n);
    assert.throws(() => mod(5n, 0n), RangeError);
    assert.throws(() => mod(5n, -3n), RangeError);
  });

  it('gcd agrees with a subtraction-based reference and divides both inputs', () => {
    for (let i = 0; i < 200; i++) {
      const g = randomBits(rng, 40) + 1n;
      const a = g * (randomBits(rng, 300) - (i % 2 ? 1n << 299n : 0n));
      const b = g * randomBits(rng, 200);
      const d = gcd(a, b);
      assert.equal(d, gcdSlow(a, b), `case ${i}`);
      if (d !== 0n) assert.ok(a % d === 0n && b % d === 0n, `divides, case ${i}`);
    }
    assert.equal(gcd(0n, 0n), 0n);
    assert.equal(gcd(0n, -5n), 5n);
  });

  it('modInverse gives a * a^-1 = 1 and throws for non-units', () => {
    for (let i = 0; i < 200; i++) {
      const m = randomBits(rng, 1 + (i % 600)) + 2n;
      const a = randomBits(rng, 700) - (i % 3 === 0 ? 1n << 699n : 0n);
      if (gcd(a, m) === 1n) {
        const inv = modInverse(a, m);
        assert.ok(inv >= 0n && inv < m);
        assert.equal(mod(a * inv, m), 1n, `case ${i}`);
      } else {
        assert.throws(() => modInverse(a, m), RangeError, `case ${i}`);
      }
    }
    assert.equal(modInverse(5n, 1n), 0n);
    assert.throws(() => modInverse(0n, 7n), RangeError);
    assert.throws(() => modInverse(6n, 9n), RangeError);
  });
});

describe('crt2', () => {
  it('combines residues modulo coprime moduli', () => {
    for (let i = 0; i < 100; i++) {
      const p = randomBits(rng, 200) | 1n;
      let q = randomBits(rng, 180) + 2n;
      while (gcd(p, q) !== 1n) q += 1n;
      const x = randomBelow(rng, p * q);
      const y = crt2(x % p, p, x % q, q);
      assert.equal(y, x, `case ${i}`);
    }
  });

  it('works for the prime powers p^2, q^2 of a Paillier key, with or without precomputed q^-1', () => {
    const { p, q } = safePrimePair('standard', 2);
    const [p2, q2] = [p * p, q * q];
    const qInv = modInverse(q2, p2);
    for (let i = 0; i < 10; i++) {
      const x = randomBelow(rng, p2 * q2);
      assert.equal(crt2(x % p2, p2, x % q2, q2), x);
      assert.equal(crt2(x % p2, p2, x % q2, q2, qInv), x);
    }
  });

  it('accepts unreduced and negative residues', () => {
    assert.equal(crt2(-1n, 5n, 10n, 7n), 24n);
    assert.equal(crt2(9n, 5n, -4n, 7n), 24n);
  });

  it('throws when the moduli share a factor', () => {
    assert.throws(() => crt2(1n, 6n, 2n, 9n), RangeError);
  });
});

describe('isqrt and isPerfectSquare', () => {
  it('floor square roots of random numbers', () => {
    for (let i = 0; i < 200; i++) {
      const n = randomBits(rng, 1 + ((i * 37) % 3000));
      const r = isqrt(n);
      assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n, `case ${i}`);
    }
    for (let n = 0n; n < 1000n; n++) {
      const r = isqrt(n);
      assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n, `n=${n}`);
    }
    assert.throws(() => isqrt(-1n), RangeError);
  });

  it('detects squares such as p^2 and rejects p*q', () => {
    const { p, q } = safePrimePair('standard', 3);
    assert.equal(isPerfectSquare(p * p), true);
    assert.equal(isPerfectSquare(p * q), false);
    assert.equal(isPerfectSquare(p * p + 1n), false);
    assert.equal(isPerfectSquare(0n), true);
    assert.equal(isPerfectSquare(-4n), false);
  });
});
