import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bitLength } from '../math/bytes.js';
import { negativePrimes, safePrimePair, safePrimePairs } from '../testing/fixtures.js';
import { paillierModulusDefect } from './modulus.js';
import { STANDARD_PROFILE, STRONG_PROFILE } from './profiles.js';
import { PaillierPublicKey } from './public-key.js';

describe('Paillier modulus non-proof checks (CRYPTO.md "Non-proof checks", negative test 3)', () => {
  it('accepts every honest fixture modulus for its own profile', () => {
    for (const { p, q } of safePrimePairs('standard'))
      assert.equal(paillierModulusDefect(p * q, STANDARD_PROFILE), null);
    for (const { p, q } of safePrimePairs('strong'))
      assert.equal(paillierModulusDefect(p * q, STRONG_PROFILE), null);
  });

  it('rejects N of the wrong length for the profile (too short, too long)', () => {
    const { p, q } = safePrimePair('standard', 0);
    const strong = safePrimePair('strong', 0);
    assert.match(paillierModulusDefect(p * q, STRONG_PROFILE) ?? '', /2048 bits/);
    assert.match(paillierModulusDefect(strong.p * strong.q, STANDARD_PROFILE) ?? '', /3072 bits/);
    const short = ((p * q) >> 1n) | 1n;
    assert.equal(bitLength(short), 2047);
    assert.match(paillierModulusDefect(short, STANDARD_PROFILE) ?? '', /2047 bits/);
    const huge = (1n << 4096n) | 1n;
    assert.match(paillierModulusDefect(huge, STRONG_PROFILE) ?? '', /4097 bits/);
  });

  it('rejects an even N', () => {
    const { p, q } = safePrimePair('standard', 1);
    assert.equal(paillierModulusDefect(p * q + 1n, STANDARD_PROFILE), 'modulus is even');
  });

  it('rejects N with a small factor (BitForge shape)', () => {
    const { p, q } = safePrimePair('standard', 2);
    // 3 * 5 * 7 * ... times a big cofactor, adjusted to the exact length.
    const N = 3n * 5n * 7n * 11n * 13n * (((p * q) / 15015n) | 1n);
    assert.equal(bitLength(N), 2048);
    assert.match(paillierModulusDefect(N, STANDARD_PROFILE) ?? '', /factor below 1024/);
  });

  it('rejects N = p^2 (a square) and N = p^3 (a prime power)', () => {
    const { p } = safePrimePair('standard', 3);
    assert.equal(bitLength(p * p), 2048);
    assert.equal(paillierModulusDefect(p * p, STANDARD_PROFILE), 'modulus is a perfect square');
    const p3 = p * p * p;
    assert.equal(bitLength(p3), 3072);
    assert.equal(paillierModulusDefect(p3, STRONG_PROFILE), 'modulus is a prime or a prime power');
  });

  it('rejects a prime N', () => {
    const { prime2048, prime3072 } = negativePrimes();
    assert.equal(paillierModulusDefect(prime2048, STANDARD_PROFILE), 'modulus is a prime or a prime power');
    assert.equal(paillierModulusDefect(prime3072, STRONG_PROFILE), 'modulus is a prime or a prime power');
  });

  it('PaillierPublicKey.fromModulus throws on each defect; fromBytes round-trips and refuses padding', () => {
    const { p, q } = safePrimePair('standard', 4);
    assert.throws(() => PaillierPublicKey.fromModulus(p * p, STANDARD_PROFILE), RangeError);
    assert.throws(() => PaillierPublicKey.fromModulus(0n, STANDARD_PROFILE), RangeError);
    assert.throws(() => PaillierPublicKey.fromModulus(-(p * q), STANDARD_PROFILE), RangeError);
    assert.throws(() => PaillierPublicKey.fromModulus(5 as unknown as bigint, STANDARD_PROFILE), TypeError);
    const pk = PaillierPublicKey.fromModulus(p * q, STANDARD_PROFILE);
    assert.equal(pk.bits, 2048);
    assert.equal(pk.N2, p * q * p * q);
    const bytes = pk.toBytes();
    assert.equal(bytes.length, 256);
    assert.ok(PaillierPublicKey.fromBytes(bytes, STANDARD_PROFILE).equals(pk));
    assert.throws(
      () => PaillierPublicKey.fromBytes(Uint8Array.of(0, ...bytes), STANDARD_PROFILE),
      RangeError,
    );
    assert.ok(Object.isFrozen(pk));
  });
});
