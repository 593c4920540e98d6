import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isMessage } from '@bufbuild/protobuf';
import { credentials, Metadata, Client as RawClient, Server, ServerCredentials, status } from '@grpc/grpc-js';
import { GetWalletResponseSchema, KeyType, WalletService } from '@mpcium/proto';
import { addService, service } from './add-service.js';
import { createClient } from './client.js';
import { Code, GrpcError, INTERNAL_MESSAGE } from './errors.js';
import { startServer } from './server.js';
import {
  LEAKY_SECRET,
  PUBLIC_KEY,
  startWalletFixture,
  type WalletFixture,
} from './testing/wallet-fixture.js';

/** Sends raw bytes to a method, as a client with identity serializers would. */
function sendRaw(address: string, path: string, bytes: Buffer): Promise<{ code: number; details: string }> {
  const raw = new RawClient(address, credentials.createInsecure());
  return new Promise((resolve) => {
    raw.makeUnaryRequest(
      path,
      (b: Buffer) => b,
      (b: Buffer) => b,
      bytes,
      (err) => {
        raw.close();
        resolve(err ? { code: err.code, details: err.details } : { code: status.OK, details: '' });
      },
    );
  });
}

async function rejection(promise: Promise<unknown>): Promise<GrpcError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof GrpcError, `expected a GrpcError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('unary calls over loopback', () => {
  let f: WalletFixture;
  before(async () => {
    f = await startWalletFixture();
  });
  after(() => f.close());

  test('typed messages round-trip: the response is a GetWalletResponse with every field intact', async () => {
    const res = await f.client.getWallet({ walletId: 'w1' });
    assert.ok(isMessage(res, GetWalletResponseSchema));
    assert.equal(res.wallet?.walletId, 'w1');
    assert.equal(res.wallet?.createdAtMs, 1700000000000n);
    assert.equal(res.wallet?.keys.length, 1);
    assert.equal(res.wallet?.keys[0]?.keyType, KeyType.ECDSA_SECP256K1);
    assert.deepEqual(res.wallet?.keys[0]?.publicKey, PUBLIC_KEY);
    assert.equal(res.wallet?.keys[0]?.version, 3);
  });

  test('the handler context carries the method path, the peer, request metadata and the deadline', async () => {
    const metadata = new Metadata();
    metadata.set('x-request-id', 'req-42');
    const res = await f.client.getWallet({ walletId: 'context' }, { metadata, deadlineMs: 5000 });
    const [method, peer, requestId, deadline] = (res.wallet?.walletId ?? '').split('|');
    assert.equal(method, '/mpcium.v1.WalletService/GetWallet');
    assert.match(peer ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(requestId, 'req-42');
    assert.equal(deadline, 'deadline');
  });

  test('a GrpcError thrown by the handler reaches the client with its code and message', async () => {
    const err = await rejection(f.client.getWallet({ walletId: 'missing' }));
    assert.equal(err.code, Code.NOT_FOUND);
    assert.equal(err.message, 'wallet "missing" not found');
    assert.equal(err.codeName, 'NOT_FOUND');
  });

  test('any other error becomes INTERNAL with a generic message; the cause goes to onError only', async () => {
    const before = f.errors.length;
    const err = await rejection(f.client.getWallet({ walletId: 'boom' }));
    assert.equal(err.code, Code.INTERNAL);
    assert.equal(err.message, INTERNAL_MESSAGE);
    assert.ok(!JSON.stringify({ m: err.message, md: err.metadata.toJSON() }).includes('hunter2'));
    const logged = f.errors.slice(before);
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.method, '/mpcium.v1.WalletService/GetWallet');
    assert.equal((logged[0]!.err as Error).message, LEAKY_SECRET);
  });

  test('a response that does not encode is INTERNAL; the encoder error goes to onError', async () => {
    const before = f.errors.length;
    const err = await rejection(f.client.getWallet({ walletId: 'unencodable' }));
    assert.equal(err.code, Code.INTERNAL);
    assert.ok(!err.message.includes('uint32'));
    assert.match(String(f.errors[before]?.err), /uint32/);
  });

  test('methods the implementation leaves out answer UNIMPLEMENTED', async () => {
    const err = await rejection(f.client.listWallets({}));
    assert.equal(err.code, Code.UNIMPLEMENTED);
    assert.match(err.message, /ListWallets is not implemented/);
  });

  test('malformed request bytes are INVALID_ARGUMENT "malformed request", and the handler never runs', async () => {
    const calls = f.calls.get('getWallet') ?? 0;
    // Field 1 (wallet_id) claims 5 bytes but carries 1; then invalid UTF-8 in a proto3 string.
    for (const bytes of [[0x0a, 0x05, 0x61], [0x0a, 0x02, 0xff, 0xfe], [0x00]]) {
      const res = await sendRaw(f.server.address, '/mpcium.v1.WalletService/GetWallet', Buffer.from(bytes));
      assert.deepEqual(res, { code: status.INVALID_ARGUMENT, details: 'malformed request' });
    }
    assert.equal(f.calls.get('getWallet') ?? 0, calls);
  });

  test('a request over the default 4 MiB limit is RESOURCE_EXHAUSTED', async () => {
    const res = await sendRaw(
      f.server.address,
      '/mpcium.v1.WalletService/GetWallet',
      Buffer.alloc(4 * 1024 * 1024 + 1),
    );
    assert.equal(res.code, status.RESOURCE_EXHAUSTED);
  });

  test('deadline exceeded: the client gets DEADLINE_EXCEEDED and the handler signal aborts with it', async () => {
    const err = await rejection(f.client.getWallet({ walletId: 'slow' }, { deadlineMs: 100 }));
    assert.equal(err.code, Code.DEADLINE_EXCEEDED);
    assert.deepEqual(await f.nextAbort(), { id: 'slow', code: Code.DEADLINE_EXCEEDED });
  });

  test('cancelling through the call signal rejects with CANCELLED and aborts the handler signal', async () => {
    const controller = new AbortController();
    const pending = rejection(f.client.getWallet({ walletId: 'slow' }, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const err = await pending;
    assert.equal(err.code, Code.CANCELLED);
    assert.deepEqual(await f.nextAbort(), { id: 'slow', code: Code.CANCELLED });
    const early = await rejection(f.client.getWallet({ walletId: 'w1' }, { signal: AbortSignal.abort() }));
    assert.equal(early.code, Code.CANCELLED);
  });

  test('a client default deadline applies to calls that set none', async () => {
    const client = createClient(WalletService, f.server.address, { defaultDeadlineMs: 80 });
    try {
      const err = await rejection(client.getWallet({ walletId: 'slow' }));
      assert.equal(err.code, Code.DEADLINE_EXCEEDED);
      assert.deepEqual(await f.nextAbort(), { id: 'slow', code: Code.DEADLINE_EXCEEDED });
    } finally {
      client.close();
    }
  });

  test('an unreachable server is UNAVAILABLE', async () => {
    const client = createClient(WalletService, '127.0.0.1:1', { defaultDeadlineMs: 2000 });
    try {
      const err = await rejection(client.getWallet({ walletId: 'w1' }));
      assert.equal(err.code, Code.UNAVAILABLE);
    } finally {
      client.close();
    }
  });
});

describe('mapError', () => {
  class Refused extends Error {}

  test('maps application failures to statuses at the edge; unmapped ones still go to onError', async () => {
    const logged: unknown[] = [];
    const server = await startServer({
      port: 0,
      services: [
        service(WalletService, {
          async getWallet(r) {
            if (r.walletId === 'refused') throw new Refused('intent expired');
            if (r.walletId === 'mapper-fails') throw new TypeError('not mine');
            throw new RangeError('bug');
          },
        }),
      ],
      mapError: (err) => {
        if (err instanceof Refused) return new GrpcError(Code.FAILED_PRECONDITION, err.message);
        if (err instanceof TypeError) throw new Error('mapper bug');
        return undefined;
      },
      onError: (err) => logged.push(err),
    });
    const client = createClient(WalletService, server.address, { defaultDeadlineMs: 5000 });
    try {
      const refused = await rejection(client.getWallet({ walletId: 'refused' }));
      assert.deepEqual([refused.code, refused.message], [Code.FAILED_PRECONDITION, 'intent expired']);
      assert.equal(logged.length, 0);
      const bug = await rejection(client.getWallet({ walletId: 'other' }));
      assert.deepEqual([bug.code, bug.message], [Code.INTERNAL, INTERNAL_MESSAGE]);
      assert.ok(logged[0] instanceof RangeError);
      const mapperFails = await rejection(client.getWallet({ walletId: 'mapper-fails' }));
      assert.equal(mapperFails.code, Code.INTERNAL);
      assert.deepEqual(
        logged.slice(1).map((e) => (e as Error).message),
        ['mapper bug', 'not mine'],
      );
    } finally {
      client.close();
      await server.shutdown(100);
    }
  });
});

describe('addService on a plain grpc-js server', () => {
  test('a per-service limit below the server-wide one is enforced: RESOURCE_EXHAUSTED', async () => {
    const server = new Server();
    addService(
      server,
      WalletService,
      { getWallet: async (req) => ({ wallet: { walletId: req.walletId } }) },
      { maxReceiveMessageBytes: 64 },
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    const client = createClient(WalletService, `127.0.0.1:${port}`);
    try {
      assert.equal((await client.getWallet({ walletId: 'x'.repeat(60) })).wallet?.walletId.length, 60);
      const err = await rejection(client.getWallet({ walletId: 'x'.repeat(100) }));
      assert.equal(err.code, Code.RESOURCE_EXHAUSTED);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  test('implementations are type-checked and checked at run time', () => {
    const typo = { deleteWallet: async () => ({}) };
    // @ts-expect-error: WalletService has no method "deleteWallet".
    assert.throws(() => addService(new Server(), WalletService, typo), TypeError);
    service(WalletService, {
      // @ts-expect-error: a GetWalletResponse has no field "walletId".
      getWallet: async () => ({ walletId: 'w' }),
    });
    assert.throws(
      () => addService(new Server(), WalletService, {}, { maxReceiveMessageBytes: -1 }),
      RangeError,
    );
  });

  test('GrpcError refuses OK and out-of-range codes', () => {
    assert.throws(() => new GrpcError(Code.OK, 'fine'), RangeError);
    assert.throws(() => new GrpcError(17 as Code, 'what'), RangeError);
    assert.equal(String(new GrpcError(Code.ABORTED, 'x')), 'GrpcError: ABORTED: x');
  });
});
