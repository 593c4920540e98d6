import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Health } from '@mpcium/proto';
import { createClient } from './client.js';
import { Code, GrpcError } from './errors.js';
import { HealthService, ServingStatus } from './health.js';
import { startServer } from './server.js';
import { startWalletFixture, type WalletFixture } from './testing/wallet-fixture.js';
import type { Client } from './types.js';

const WALLET = 'mpcium.v1.WalletService';

/** Reads a Watch stream one status at a time. */
function watcher(stream: AsyncIterable<{ status: ServingStatus }>) {
  const iterator = stream[Symbol.asyncIterator]();
  return {
    async next(): Promise<ServingStatus | 'ended'> {
      const r = await iterator.next();
      return r.done ? 'ended' : r.value.status;
    },
    stop: () => iterator.return?.(),
  };
}

describe('grpc.health.v1 over loopback', () => {
  let f: WalletFixture;
  let client: Client<typeof Health>;
  let health: HealthService;
  before(async () => {
    health = new HealthService();
    f = await startWalletFixture({ health });
    client = createClient(Health, f.server.address, { defaultDeadlineMs: 5000 });
  });
  after(async () => {
    client.close();
    await f.close();
  });

  test('Check answers the server as a whole ("") and a known service', async () => {
    assert.equal((await client.check({ service: '' })).status, ServingStatus.SERVING);
    health.setStatus(WALLET, ServingStatus.NOT_SERVING);
    assert.equal((await client.check({ service: WALLET })).status, ServingStatus.NOT_SERVING);
    health.setStatus(WALLET, ServingStatus.SERVING);
    assert.equal((await client.check({ service: WALLET })).status, ServingStatus.SERVING);
  });

  test('Check of an unknown service is NOT_FOUND', async () => {
    await assert.rejects(
      client.check({ service: 'nope.v1.Nothing' }),
      (err) => err instanceof GrpcError && err.code === Code.NOT_FOUND,
    );
  });

  test('Watch sends the current status, then each change, and no repeats', async () => {
    health.setStatus(WALLET, ServingStatus.SERVING);
    const w = watcher(client.watch({ service: WALLET }));
    assert.equal(await w.next(), ServingStatus.SERVING);
    health.setStatus(WALLET, ServingStatus.SERVING);
    health.setStatus(WALLET, ServingStatus.NOT_SERVING);
    assert.equal(await w.next(), ServingStatus.NOT_SERVING);
    health.setStatus(WALLET, ServingStatus.SERVING);
    assert.equal(await w.next(), ServingStatus.SERVING);
    await w.stop();
  });

  test('Watch of an unknown service says SERVICE_UNKNOWN and stays open until it becomes known', async () => {
    const w = watcher(client.watch({ service: 'later.v1.Service' }));
    assert.equal(await w.next(), ServingStatus.SERVICE_UNKNOWN);
    health.setStatus('later.v1.Service', ServingStatus.SERVING);
    assert.equal(await w.next(), ServingStatus.SERVING);
    health.clearStatus('later.v1.Service');
    assert.equal(await w.next(), ServingStatus.SERVICE_UNKNOWN);
    await w.stop();
  });

  test('setStatus refuses SERVICE_UNKNOWN and values outside the enum', () => {
    assert.throws(() => health.setStatus('x', ServingStatus.SERVICE_UNKNOWN), RangeError);
    assert.throws(() => health.setStatus('x', 9 as ServingStatus), RangeError);
    assert.equal(health.getStatus('x'), undefined);
  });
});

describe('health through startServer', () => {
  test('by default the server and each registered service are SERVING', async () => {
    const f = await startWalletFixture();
    const client = createClient(Health, f.server.address, { defaultDeadlineMs: 5000 });
    try {
      assert.equal((await client.check({ service: '' })).status, ServingStatus.SERVING);
      assert.equal((await client.check({ service: WALLET })).status, ServingStatus.SERVING);
    } finally {
      client.close();
      await f.close();
    }
  });

  test('shutdown turns every status NOT_SERVING and ends the watches, so the drain is not held up', async () => {
    const server = await startServer({ port: 0, services: [] });
    const client = createClient(Health, server.address, { defaultDeadlineMs: 5000 });
    try {
      const w = watcher(client.watch({ service: '' }));
      assert.equal(await w.next(), ServingStatus.SERVING);
      const started = Date.now();
      const stopping = server.shutdown(5000);
      assert.equal(await w.next(), ServingStatus.NOT_SERVING);
      assert.equal(await w.next(), 'ended');
      await stopping;
      assert.ok(Date.now() - started < 2000, 'graceful shutdown waited for the grace period');
      assert.equal(server.health?.getStatus(''), ServingStatus.NOT_SERVING);
      server.health?.setStatus('', ServingStatus.SERVING);
      assert.equal(
        server.health?.getStatus(''),
        ServingStatus.NOT_SERVING,
        'updates after shutdown are ignored',
      );
    } finally {
      client.close();
    }
  });

  test('health: false registers no health service', async () => {
    const server = await startServer({ port: 0, services: [], health: false });
    const client = createClient(Health, server.address, { defaultDeadlineMs: 5000 });
    try {
      await assert.rejects(
        client.check({ service: '' }),
        (err) => err instanceof GrpcError && err.code === Code.UNIMPLEMENTED,
      );
    } finally {
      client.close();
      await server.shutdown(100);
    }
  });
});
