import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create, isMessage, toBinary } from '@bufbuild/protobuf';
import { status } from '@grpc/grpc-js';
import {
  GetWalletRequestSchema,
  GetWalletResponseSchema,
  KeyType,
  ServerReflection,
  WalletService,
  WatchOperationResponseSchema,
} from '@mpcium/proto';
import { guardedDecoder, methodPath, RejectedRequest, serviceDefinition } from './definition.js';

describe('serviceDefinition', () => {
  const def = serviceDefinition(WalletService);

  test('one entry per method, keyed by local name, with the HTTP/2 path', () => {
    assert.deepEqual(Object.keys(def), [
      'createWallet',
      'getWallet',
      'listWallets',
      'sign',
      'getOperation',
      'watchOperation',
      'getClusterStatus',
    ]);
    assert.equal(def.sign?.path, '/mpcium.v1.WalletService/Sign');
    assert.equal(def.getClusterStatus?.path, '/mpcium.v1.WalletService/GetClusterStatus');
    assert.equal(methodPath(WalletService.method.getWallet), '/mpcium.v1.WalletService/GetWallet');
  });

  test('stream flags follow the method kind', () => {
    assert.deepEqual([def.getWallet?.requestStream, def.getWallet?.responseStream], [false, false]);
    assert.deepEqual([def.watchOperation?.requestStream, def.watchOperation?.responseStream], [false, true]);
    const bidi = serviceDefinition(ServerReflection).serverReflectionInfo;
    assert.deepEqual([bidi?.requestStream, bidi?.responseStream], [true, true]);
  });

  test('serializers are protobuf binary both ways', () => {
    const request = create(GetWalletRequestSchema, { walletId: 'w1' });
    const bytes = def.getWallet!.requestSerialize(request);
    assert.ok(Buffer.isBuffer(bytes));
    assert.deepEqual(new Uint8Array(bytes), toBinary(GetWalletRequestSchema, request));
    const back = def.getWallet!.requestDeserialize(bytes);
    assert.ok(isMessage(back, GetWalletRequestSchema));
    assert.equal(back.walletId, 'w1');
    const response = create(GetWalletResponseSchema, {
      wallet: { walletId: 'w1', keys: [{ keyType: KeyType.ED25519, publicKey: new Uint8Array(32).fill(7) }] },
    });
    const decoded = def.getWallet!.responseDeserialize(def.getWallet!.responseSerialize(response));
    assert.ok(isMessage(decoded, GetWalletResponseSchema));
    assert.deepEqual(decoded.wallet?.keys[0]?.publicKey, new Uint8Array(32).fill(7));
    assert.equal(
      decoded.wallet?.keys[0]?.publicKey.constructor,
      Uint8Array,
      'a plain Uint8Array, not a Buffer',
    );
  });

  test('deserializers are strict: truncated data, invalid UTF-8 and field number 0 throw', () => {
    for (const bad of [
      [0x0a, 0x05, 0x61],
      [0x0a, 0x02, 0xff, 0xfe],
      [0x00],
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    ]) {
      assert.throws(() => def.getWallet!.requestDeserialize(Buffer.from(bad)), `${bad} should not decode`);
    }
  });

  test('unknown fields are accepted but not kept', () => {
    // Field 9, varint 1: unknown to GetWalletRequest.
    const msg = def.getWallet!.requestDeserialize(Buffer.from([0x0a, 0x01, 0x61, 0x48, 0x01]));
    assert.ok(isMessage(msg, GetWalletRequestSchema));
    assert.equal(msg.walletId, 'a');
    assert.deepEqual(
      new Uint8Array(def.getWallet!.requestSerialize(msg)),
      Uint8Array.from([0x0a, 0x01, 0x61]),
    );
  });
});

describe('guardedDecoder (the server side)', () => {
  const decodeGuarded = guardedDecoder(WatchOperationResponseSchema, 16);

  test('returns a RejectedRequest instead of throwing: INVALID_ARGUMENT "malformed request"', () => {
    const r = decodeGuarded(Buffer.from([0x0a, 0x05]));
    assert.ok(r instanceof RejectedRequest);
    assert.equal(r.error.code, status.INVALID_ARGUMENT);
    assert.equal(r.error.message, 'malformed request');
    assert.ok(r.error.cause instanceof Error, 'the decoder error is kept as the cause');
  });

  test('returns RESOURCE_EXHAUSTED above the limit, before decoding', () => {
    const r = decodeGuarded(Buffer.alloc(17));
    assert.ok(r instanceof RejectedRequest);
    assert.equal(r.error.code, status.RESOURCE_EXHAUSTED);
    assert.ok(!(decodeGuarded(Buffer.alloc(0)) instanceof RejectedRequest));
  });
});
