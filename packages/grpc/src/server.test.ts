import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WalletService } from '@mpcium/proto';
import { freePort } from '@mpcium/testkit';
import { service } from './add-service.js';
import { createClient } from './client.js';
import { Code, GrpcError } from './errors.js';
import { startServer } from './server.js';
import { startWalletFixture } from './testing/wallet-fixture.js';

describe('startServer', () => {
  test('listens on the given port of 127.0.0.1 and reports it', async () => {
    const port = await freePort();
    const server = await startServer({
      port,
      services: [service(WalletService, { getWallet: async (r) => ({ wallet: { walletId: r.walletId } }) })],
    });
    const client = createClient(WalletService, `127.0.0.1:${port}`, { defaultDeadlineMs: 5000 });
    try {
      assert.equal(server.port, port);
      assert.equal(server.address, `127.0.0.1:${port}`);
      assert.equal((await client.getWallet({ walletId: 'w9' })).wallet?.walletId, 'w9');
    } finally {
      client.close();
      await server.shutdown(100);
    }
  });

  test('a port in use is an error', async () => {
    const first = await startServer({ port: 0, services: [] });
    try {
      await assert.rejects(startServer({ port: first.port, services: [] }));
    } finally {
      await first.shutdown(100);
    }
  });

  test('options are checked before anything starts', async () => {
    await assert.rejects(startServer({ port: 70000, services: [] }), RangeError);
    await assert.rejects(startServer({ port: 1.5, services: [] }), RangeError);
    const twice = service(WalletService, {});
    await assert.rejects(startServer({ port: 0, services: [twice, twice] }), TypeError);
  });

  test('graceful shutdown lets a running call finish and refuses new ones', async () => {
    let release: () => void = () => {};
    const server = await startServer({
      port: 0,
      services: [
        service(WalletService, {
          async getWallet(r) {
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            return { wallet: { walletId: r.walletId } };
          },
        }),
      ],
    });
    const client = createClient(WalletService, server.address, { defaultDeadlineMs: 5000 });
    try {
      const running = client.getWallet({ walletId: 'in-flight' });
      await sleep(50);
      const stopping = server.shutdown(5000);
      await assert.rejects(
        client.getWallet({ walletId: 'late' }),
        (err) => err instanceof GrpcError && err.code === Code.UNAVAILABLE,
      );
      release();
      assert.equal((await running).wallet?.walletId, 'in-flight');
      await stopping;
      assert.equal(server.shutdown(1), stopping, 'shutdown is idempotent');
    } finally {
      client.close();
    }
  });

  test('after the grace period the rest is cancelled: the handler signal aborts', async () => {
    const f = await startWalletFixture();
    try {
      const stream = f.client.watchOperation({ operationId: 'op-hang' });
      const reading = (async () => {
        for await (const _ of stream) {
          // drain
        }
      })();
      await sleep(50);
      const started = Date.now();
      await f.server.shutdown(150);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 140 && elapsed < 2000, `shutdown took ${elapsed} ms`);
      assert.deepEqual(await f.nextAbort(), { id: 'op-hang', code: Code.CANCELLED });
      await assert.rejects(reading, (err) => err instanceof GrpcError);
    } finally {
      f.client.close();
    }
  });

  test('shutdown refuses a negative grace period', async () => {
    const server = await startServer({ port: 0, services: [] });
    await assert.rejects(server.shutdown(-1), RangeError);
    await server.shutdown(100);
  });
});
