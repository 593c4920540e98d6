import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import type { Rng } from '../engine/types.js';
import { safePrimePair } from '../testing/fixtures.js';
import { inInterval, inSymmetric, randomInterval, randomSymmetric } from './interval.js';
import { gcd } from './modular.js';
import { randomBelow, randomBits, randomUnit } from './random.js';

const rng = seededRng('mpcium.test.math.random');

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: readonly number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

describe('randomBits / randomBelow / randomUnit', () => {
  it('randomBits stays below 2^bits and reaches the top bit', () => {
    for (const bits of [0, 1, 7, 8, 9, 255, 256, 257, 2048]) {
      let top = false;
      for (let i = 0; i < 64; i++) {
        const x = randomBits(rng, bits);
        assert.ok(x >= 0n && x < 1n << BigInt(bits), `${bits} bits`);
        if (bits > 0 && x >> BigInt(bits - 1) === 1n) top = true;
      }
      if (bits > 0) assert.ok(top, `top bit of ${bits} reached`);
    }
    assert.throws(() => randomBits(rng, -1), RangeError);
  });

  it('randomBelow covers [0, n) uniformly (chi-square, small n)', () => {
    for (const n of [1n, 2n, 3n, 5n, 6n, 7n, 13n, 255n, 257n]) {
      const counts = new Array<number>(Number(n)).fill(0);
      const draws = 300 * Number(n);
      for (let i = 0; i < draws; i++) {
        const x = randomBelow(rng, n);
        assert.ok(x >= 0n && x < n);
        counts[Number(x)]!++;
      }
      assert.ok(
        counts.every((c) => c > 0),
        `every value below ${n} drawn`,
      );
      // 99.9% quantile of chi-square with k-1 degrees of freedom is below k-1 + 5*sqrt(2(k-1)) + 10.
      const k = Number(n) - 1;
      assert.ok(chiSquare(counts, draws) < k + 5 * Math.sqrt(2 * k) + 10, `chi-square for n=${n}`);
    }
    assert.throws(() => randomBelow(rng, 0n), RangeError);
  });

  it('randomBelow on large bounds stays in range, and just above a power of two', () => {
    const n = (1n << 2048n) + 1n;
    for (let i = 0; i < 50; i++) {
      const x = randomBelow(rng, n);
      assert.ok(x >= 0n && x < n);
    }
  });

  it('randomUnit returns elements of Z*_N', () => {
    const { p, q } = safePrimePair('standard', 0);
    const N = p * q;
    for (let i = 0; i < 20; i++) {
      const x = randomUnit(rng, N);
      assert.ok(x > 0n && x < N && gcd(x, N) === 1n);
    }
    for (let i = 0; i < 200; i++) {
      const x = randomUnit(rng, 30n);
      assert.ok([1n, 7n, 11n, 13n, 17n, 19n, 23n, 29n].includes(x), 'unit mod 30');
    }
    assert.equal(randomUnit(rng, 2n), 1n);
    assert.throws(() => randomUnit(rng, 1n), RangeError);
  });

  it('a source returning the wrong number of bytes is refused', () => {
    const short: Rng = (n = 32) => new Uint8Array(Math.max(0, n - 1));
    assert.throws(() => randomBits(short, 64), TypeError);
  });
});

describe('symmetric intervals ±2^bits', () => {
  it('randomInterval reaches both endpoints and stays inside', () => {
    const seen = new Set<bigint>();
    for (let i = 0; i < 400; i++) {
      const x = randomInterval(rng, 1);
      assert.ok(x >= -2n && x <= 2n);
      seen.add(x);
    }
    assert.deepEqual(
      [...seen].sort((a, b) => (a < b ? -1 : 1)),
      [-2n, -1n, 0n, 1n, 2n],
    );
    for (let i = 0; i < 200; i++) {
      const x = randomInterval(rng, 256);
      assert.ok(inInterval(x, 256));
    }
    let negative = 0;
    for (let i = 0; i < 200; i++) if (randomInterval(rng, 768) < 0n) negative++;
    assert.ok(negative > 60 && negative < 140, 'both signs occur');
  });

  it('randomSymmetric(bound) covers [-bound, bound]', () => {
    const seen = new Set<bigint>();
    for (let i = 0; i < 300; i++) seen.add(randomSymmetric(rng, 3n));
    assert.equal(seen.size, 7);
    assert.equal(randomSymmetric(rng, 0n), 0n);
    assert.throws(() => randomSymmetric(rng, -1n), RangeError);
  });

  it('inInterval / inSymmetric are inclusive at ±2^bits and exclusive beyond', () => {
    const b = 1n << 256n;
    assert.ok(inInterval(b, 256) && inInterval(-b, 256) && inInterval(0n, 256));
    assert.ok(!inInterval(b + 1n, 256) && !inInterval(-b - 1n, 256));
    assert.ok(inSymmetric(5n, 5n) && !inSymmetric(6n, 5n) && !inSymmetric(-6n, 5n));
  });
});
