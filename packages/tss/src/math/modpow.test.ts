import assert from 'node:assert/strict';
import { generatePrimeSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { safePrimePair } from '../testing/fixtures.js';
import { MODPOW_OPENSSL_MAX_BITS, MODPOW_OPENSSL_MIN_BITS, modPow } from './modpow.js';
import { randomBits } from './random.js';

// Independent reference: right-to-left binary exponentiation and a recursive extended Euclid,
// deliberately written differently from modpow.ts so a shared mistake is unlikely.
function refPow(b: bigint, e: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  let base = ((b % m) + m) % m;
  if (e < 0n) {
    base = refInverse(base, m);
    e = -e;
  }
  let r = 1n;
  while (e > 0n) {
    if (e & 1n) r = (r * base) % m;
    base = (base * base) % m;
    e >>= 1n;
  }
  return r;
}

function egcd(a: bigint, b: bigint): [bigint, bigint, bigint] {
  if (b === 0n) return [a, 1n, 0n];
  const [g, x, y] = egcd(b, a % b);
  return [g, y, x - (a / b) * y];
}

function refInverse(a: bigint, m: bigint): bigint {
  const [g, x] = egcd(a, m);
  if (g !== 1n) throw new Error('no inverse');
  return ((x % m) + m) % m;
}

const rng = seededRng('mpcium.test.math.modpow');

/** A random modulus of exactly `bits` bits with the requested parity. */
function modulus(bits: number, parity: 'odd' | 'even'): bigint {
  const m = randomBits(rng, bits) | (1n << BigInt(bits - 1));
  return parity === 'odd' ? m | 1n : bits === 1 ? 2n : m & ~1n;
}

describe('modPow agrees with the BigInt reference', () => {
  const sizes = [2, 3, 5, 8, 13, 31, 64, 100, 255, 256, 500, 510, 511, 512, 513, 520, 768, 1024, 1025];
  for (const bits of sizes) {
    for (const parity of ['odd', 'even'] as const) {
      it(`${bits}-bit ${parity} moduli, random bases and exponents`, () => {
        for (let i = 0; i < 6; i++) {
          const m = modulus(bits, parity);
          const b = randomBits(rng, bits + 8) - (i % 2 === 0 ? 0n : 1n << BigInt(bits + 4));
          const e = randomBits(rng, 1 + ((i * 97) % (2 * bits + 1)));
          assert.equal(modPow(b, e, m), refPow(b, e, m), `b^e mod m, case ${i}`);
        }
      });
    }
  }

  for (const [bits, expBits] of [
    [1536, 1536],
    [2048, 2048],
    [3072, 1024],
    [4096, 2048],
    [6144, 256],
  ] as const) {
    it(`${bits}-bit odd modulus, ${expBits}-bit exponent (OpenSSL path)`, () => {
      const m = modulus(bits, 'odd');
      const b = randomBits(rng, bits);
      const e = randomBits(rng, expBits);
      assert.equal(modPow(b, e, m), refPow(b, e, m));
    });
  }

  it('moduli above the OpenSSL limit fall back to BigInt', () => {
    for (const bits of [MODPOW_OPENSSL_MAX_BITS, MODPOW_OPENSSL_MAX_BITS + 1, 12_000]) {
      const m = modulus(bits, 'odd');
      const b = randomBits(rng, bits);
      assert.equal(modPow(b, 65537n, m), refPow(b, 65537n, m), `${bits}-bit modulus`);
    }
  });

  it('negative exponents use the modular inverse', () => {
    for (const bits of [7, 64, 511, 512, 513, 1024, 2048]) {
      for (const parity of ['odd', 'even'] as const) {
        const m = modulus(bits, parity);
        let b = randomBits(rng, bits);
        while (egcd(b % m, m)[0] !== 1n) b += 1n;
        const e = -(randomBits(rng, 300) + 1n);
        const r = modPow(b, e, m);
        assert.equal(r, refPow(b, e, m), `${bits}-bit ${parity}`);
        assert.equal((r * refPow(b, -e, m)) % m, 1n % m, `b^e * b^-e = 1 for ${bits}-bit ${parity}`);
      }
    }
  });
});

describe('modPow edge cases (the inputs OpenSSL throws on or gets wrong)', () => {
  const sizes = [
    MODPOW_OPENSSL_MIN_BITS - 1,
    MODPOW_OPENSSL_MIN_BITS,
    MODPOW_OPENSSL_MIN_BITS + 1,
    1024,
    2048,
  ];
  for (const bits of sizes) {
    for (const parity of ['odd', 'even'] as const) {
      it(`${bits}-bit ${parity} modulus: b in {0, 1, m-1, m, m+1, -1, 2, m-2} x e in {0, 1, 2, 3, -1, -2}`, () => {
        const m = modulus(bits, parity);
        const bases = [0n, 1n, m - 1n, m, m + 1n, -1n, 2n, m - 2n, -m, 3n * m + 2n];
        const exps = [0n, 1n, 2n, 3n, -1n, -2n, 1n << 200n];
        for (const [bi, b] of bases.entries()) {
          for (const [ei, e] of exps.entries()) {
            const unit = egcd(((b % m) + m) % m, m)[0] === 1n;
            if (e < 0n && !unit) {
              assert.throws(() => modPow(b, e, m), RangeError, `base #${bi}, exponent #${ei}`);
            } else {
              assert.equal(modPow(b, e, m), refPow(b, e, m), `base #${bi}, exponent #${ei}`);
            }
          }
        }
      });
    }
  }

  it('results 0 and 1 (which OpenSSL refuses) are computed', () => {
    const { p, q } = safePrimePair('standard', 0);
    const N = p * q;
    const phi = (p - 1n) * (q - 1n);
    const b = 5n;
    assert.equal(modPow(b, phi, N), 1n, 'b^phi(N) = 1');
    assert.equal(modPow(b, 2n * phi, N), 1n, 'b^(2 phi(N)) = 1');
    assert.equal(modPow(b, phi + 1n, N), b, 'b^(phi(N)+1) = b');
    const p2 = p * p;
    assert.equal(modPow(p, 2n, p2), 0n, 'p^2 mod p^2 = 0');
    assert.equal(modPow(3n * p, 5n, p2), 0n, '(3p)^5 mod p^2 = 0');
    assert.equal(modPow(p, 1n, p2), p);
    assert.equal(modPow(p + 1n, p, p2), 1n, '(1+p)^p = 1 mod p^2');
    assert.equal(modPow(p * p + 1n, 12345n, p2), 1n, 'base reduced to 1');
  });

  it('non-units modulo a composite, including b sharing a factor with m', () => {
    const p = generatePrimeSync(512, { bigint: true });
    const q = generatePrimeSync(512, { bigint: true });
    const m = p * q;
    for (const b of [p, 2n * p, q, p * p, m - p]) {
      const e = randomBits(rng, 700);
      assert.equal(modPow(b, e, m), refPow(b, e, m));
      assert.throws(() => modPow(b, -e, m), RangeError);
    }
  });

  it('m = 1 gives 0; tiny moduli work', () => {
    assert.equal(modPow(5n, 3n, 1n), 0n);
    assert.equal(modPow(0n, 0n, 1n), 0n);
    assert.equal(modPow(5n, 3n, 2n), 1n);
    assert.equal(modPow(4n, 3n, 2n), 0n);
    assert.equal(modPow(3n, -1n, 7n), 5n);
    assert.equal(modPow(0n, 0n, 7n), 1n);
  });

  it('rejects non-positive moduli and non-bigint arguments', () => {
    assert.throws(() => modPow(2n, 3n, 0n), RangeError);
    assert.throws(() => modPow(2n, 3n, -7n), RangeError);
    assert.throws(() => modPow(2 as unknown as bigint, 3n, 7n), TypeError);
    assert.throws(() => modPow(2n, 3 as unknown as bigint, 7n), TypeError);
    assert.throws(() => modPow(2n, 3n, 7 as unknown as bigint), TypeError);
  });

  it('stays correct across more moduli than the context cache holds', () => {
    for (let i = 0; i < 140; i++) {
      const m = modulus(512, 'odd');
      const b = randomBits(rng, 512);
      assert.equal(modPow(b, 65537n, m), refPow(b, 65537n, m), `modulus #${i}`);
    }
  });

  it('reuses a cached modulus with different exponents (no state leaks between calls)', () => {
    const m = modulus(2048, 'odd');
    const b = randomBits(rng, 2047);
    for (const e of [3n, 65537n, randomBits(rng, 256), 2n, randomBits(rng, 2048)]) {
      assert.equal(modPow(b, e, m), refPow(b, e, m));
    }
  });
});
