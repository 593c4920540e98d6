import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { SignedIntegerSchema } from '@mpcium/proto';
import { fromSignedInteger, fromUnsignedInteger, toSignedInteger } from './integer.js';

test('signed integers round-trip canonically', () => {
  for (const x of [0n, 1n, -1n, 255n, 256n, -256n, 2n ** 2048n - 1n, -(2n ** 1000n)]) {
    assert.equal(fromSignedInteger(toSignedInteger(x), 300, 'x'), x);
  }
  assert.equal(toSignedInteger(0n).magnitude.length, 0);
});

test('non-canonical, oversized and out-of-range integers are rejected', () => {
  const raw = (negative: boolean, magnitude: number[]) =>
    create(SignedIntegerSchema, { negative, magnitude: Uint8Array.from(magnitude) });
  assert.throws(() => fromSignedInteger(raw(false, [0, 1]), 8, 'x'), /leading zero/);
  assert.throws(() => fromSignedInteger(raw(true, []), 8, 'x'), /negative zero/);
  assert.throws(() => fromSignedInteger(raw(false, [1, 2, 3]), 2, 'x'), /longer than 2 bytes/);
  assert.throws(() => fromSignedInteger(undefined, 2, 'x'), /missing/);
  assert.throws(() => fromUnsignedInteger(toSignedInteger(-1n), 100n, 'x'), /out of range/);
  assert.throws(() => fromUnsignedInteger(toSignedInteger(100n), 100n, 'x'), /out of range/);
  assert.equal(fromUnsignedInteger(toSignedInteger(99n), 100n, 'x'), 99n);
});
