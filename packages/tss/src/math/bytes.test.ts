import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { bigintToBytes, bitLength, byteLength, bytesToBigint } from './bytes.js';
import { randomBits } from './random.js';

const rng = seededRng('mpcium.test.math.bytes');

describe('bigint <-> bytes', () => {
  it('round-trips with explicit lengths, big-endian and left-padded', () => {
    assert.deepEqual(bigintToBytes(0x0102n, 4), Uint8Array.of(0, 0, 1, 2));
    assert.deepEqual(bigintToBytes(0n, 1), Uint8Array.of(0));
    assert.equal(bytesToBigint(Uint8Array.of(0, 0, 1, 2)), 0x0102n);
    assert.equal(bytesToBigint(new Uint8Array(0)), 0n);
    for (let i = 0; i < 100; i++) {
      const bits = 1 + ((i * 53) % 4096);
      const x = randomBits(rng, bits);
      const len = Math.ceil(bits / 8) + (i % 3);
      const bytes = bigintToBytes(x, len);
      assert.equal(bytes.length, len);
      assert.equal(bytesToBigint(bytes), x);
    }
  });

  it('rejects values that do not fit, negative values and bad lengths without echoing the value', () => {
    const secret = 0x1234567890abcdefn;
    for (const f of [
      () => bigintToBytes(secret, 7),
      () => bigintToBytes(-secret, 8),
      () => bigintToBytes(secret, 0),
      () => bigintToBytes(secret, 1.5),
    ]) {
      assert.throws(f, (err: Error) => {
        assert.ok(err instanceof RangeError);
        assert.ok(!err.message.includes(secret.toString()) && !err.message.includes(secret.toString(16)));
        return true;
      });
    }
    assert.throws(() => bigintToBytes(1 as unknown as bigint, 1), TypeError);
    assert.throws(() => bytesToBigint([1, 2] as unknown as Uint8Array), TypeError);
  });

  it('bitLength and byteLength', () => {
    assert.equal(bitLength(0n), 0);
    assert.equal(bitLength(1n), 1);
    assert.equal(bitLength(255n), 8);
    assert.equal(bitLength(256n), 9);
    assert.equal(bitLength(1n << 4095n), 4096);
    assert.equal(byteLength(0n), 1);
    assert.equal(byteLength(256n), 2);
    assert.throws(() => bitLength(-1n), RangeError);
  });
});
