import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  modulusBitsAllowed,
  SECURITY_PROFILES,
  STANDARD_PROFILE,
  STRONG_PROFILE,
  securityProfile,
} from './profiles.js';

describe('security profiles (CRYPTO.md "Parameters")', () => {
  it("standard is the taurus set: N = 2048 bits, l = 256, l' = 1280, eps = 512, 80 repetitions", () => {
    assert.deepEqual(
      { ...STANDARD_PROFILE },
      {
        name: 'standard',
        kappa: 256,
        primeBits: 1024,
        minModulusBits: 2048,
        maxModulusBits: 2048,
        ell: 256,
        ellPrime: 1280,
        epsilon: 512,
        repetitions: 80,
        challengeBits: 256,
      },
    );
  });

  it("strong is the cggmp21 128-bit set: N >= 3072 bits, l = 256, l' = 848, eps = 230, 128 repetitions", () => {
    assert.deepEqual(
      { ...STRONG_PROFILE },
      {
        name: 'strong',
        kappa: 384,
        primeBits: 1536,
        minModulusBits: 3072,
        maxModulusBits: 4096,
        ell: 256,
        ellPrime: 848,
        epsilon: 230,
        repetitions: 128,
        challengeBits: 128,
      },
    );
  });

  for (const profile of SECURITY_PROFILES) {
    it(`${profile.name}: satisfies the cggmp21 spec's correctness conditions`, () => {
      assert.equal(profile.primeBits, 4 * profile.kappa, 'primes of 4 kappa bits');
      assert.equal(profile.minModulusBits, 8 * profile.kappa, 'N of 8 kappa bits');
      assert.ok(profile.ell >= 256, 'l >= lambda (secp256k1 order bits)');
      assert.ok(profile.epsilon >= 8 + profile.challengeBits, 'eps >= 8 + log Q');
      assert.ok(profile.ellPrime <= 8 * profile.kappa, "l' <= 8 kappa");
      assert.ok(profile.ellPrime + profile.epsilon < profile.minModulusBits - 1, "2^(l'+eps) < N/2");
      assert.ok(profile.ell + profile.epsilon < profile.minModulusBits - 1, '2^(l+eps) < N/2');
      assert.ok(profile.repetitions >= 80, 'soundness 2^-m with m >= 80');
      assert.ok(profile.maxModulusBits * 2 <= 10_000, "N^2 stays on OpenSSL's fast path");
    });

    it(`${profile.name}: is frozen and found by name`, () => {
      assert.ok(Object.isFrozen(profile));
      assert.equal(securityProfile(profile.name), profile);
    });
  }

  it('the two profiles differ in repetitions and challenge space', () => {
    assert.notEqual(STANDARD_PROFILE.repetitions, STRONG_PROFILE.repetitions);
    assert.ok(Object.isFrozen(SECURITY_PROFILES));
  });

  it('modulusBitsAllowed: exactly 2048 for standard, 3072..4096 for strong', () => {
    assert.ok(modulusBitsAllowed(STANDARD_PROFILE, 2048));
    assert.ok(!modulusBitsAllowed(STANDARD_PROFILE, 2047));
    assert.ok(!modulusBitsAllowed(STANDARD_PROFILE, 2049));
    assert.ok(!modulusBitsAllowed(STANDARD_PROFILE, 3072));
    assert.ok(modulusBitsAllowed(STRONG_PROFILE, 3072));
    assert.ok(modulusBitsAllowed(STRONG_PROFILE, 4096));
    assert.ok(!modulusBitsAllowed(STRONG_PROFILE, 3071));
    assert.ok(!modulusBitsAllowed(STRONG_PROFILE, 4097));
    assert.ok(!modulusBitsAllowed(STRONG_PROFILE, 2048));
  });

  it('rejects unknown names', () => {
    assert.throws(() => securityProfile('weak'), RangeError);
  });
});
