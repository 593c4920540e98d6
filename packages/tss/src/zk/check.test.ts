import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { SignedIntegerSchema } from '@mpcium/proto';
import { STANDARD_PROFILE } from '../paillier/profiles.js';
import { safePrimePair } from '../testing/fixtures.js';
import {
  allUnits,
  decodeNatural,
  decodeStrict,
  fail,
  inSymmetricRange,
  isUnit,
  modulusDefect,
  ok,
  verdict,
} from './check.js';
import { toSignedInteger } from './integer.js';

const { p, q } = safePrimePair('standard', 7);
const N = p * q;

describe('zk/check helpers', () => {
  it('ok(), fail() and verdict() build frozen ProofCheck values', () => {
    assert.deepEqual(ok(), { ok: true });
    assert.deepEqual(fail('x'), { ok: false, reason: 'x' });
    assert.ok(Object.isFrozen(fail('x')));
    assert.deepEqual(verdict(null), { ok: true });
    assert.deepEqual(verdict('bad'), { ok: false, reason: 'bad' });
  });

  it('allUnits is exact: one gcd finds any value sharing a factor with N', () => {
    const units = [2n, 3n, N - 2n, (p + 1n) * 5n];
    assert.ok(allUnits(units, N));
    assert.ok(units.every((u) => isUnit(u, N)));
    for (const bad of [p, 7n * q, p * 2n]) {
      assert.equal(allUnits([...units, bad], N), false);
      assert.equal(isUnit(bad, N), false);
    }
    for (const outOfRange of [0n, N, N + 1n, -1n, 5]) {
      assert.equal(allUnits([...units, outOfRange], N), false);
    }
  });

  it('inSymmetricRange is the closed interval ±bound and refuses non-bigints', () => {
    assert.ok(inSymmetricRange(7n, 7n) && inSymmetricRange(-7n, 7n) && inSymmetricRange(0n, 0n));
    assert.equal(inSymmetricRange(8n, 7n), false);
    assert.equal(inSymmetricRange(-8n, 7n), false);
    assert.equal(inSymmetricRange(3, 7n), false);
  });

  it('modulusDefect names the statement field and accepts an honest N', () => {
    assert.equal(modulusDefect('N', N, STANDARD_PROFILE), null);
    assert.equal(modulusDefect('N0', N + 1n, STANDARD_PROFILE), 'N0: modulus is even');
    assert.equal(modulusDefect('N', '5', STANDARD_PROFILE), 'N is not an integer');
  });

  it('decodeStrict refuses unknown fields and malformed bytes; decodeNatural refuses negatives', () => {
    const good = toBinary(SignedIntegerSchema, toSignedInteger(300n));
    assert.equal(decodeNatural(decodeStrict(SignedIntegerSchema, good, 'x'), 2, 'x'), 300n);
    assert.throws(
      () => decodeStrict(SignedIntegerSchema, Uint8Array.of(...good, 0x18, 0x01), 'x'),
      /unknown/,
    );
    assert.throws(() => decodeStrict(SignedIntegerSchema, Uint8Array.of(0x12, 0x05, 0x01), 'x'), /malformed/);
    const negative = create(SignedIntegerSchema, { negative: true, magnitude: Uint8Array.of(1) });
    assert.throws(() => decodeNatural(negative, 2, 'x'), /x: negative/);
  });
});
