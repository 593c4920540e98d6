import assert from 'node:assert/strict';
import { test } from 'node:test';
import { natsFixture, waitFor } from '@mpcium/testkit';
import { ResultEvents } from './result-events.js';
import { collect, walletOp } from './test-ops.js';

test('server restarted with its store: the stream, consumers, unacked events and de-duplication survive', async () => {
  const nats = await natsFixture();
  try {
    const [coordinator, client] = [await nats.connect(), await nats.connect()];
    const events = await ResultEvents.open(coordinator, { publishTimeoutMs: 500 });
    await events.publish(walletOp('a'));
    // One client stays subscribed through the restart; another read `a`, then went offline.
    const live = await collect(client, { durable: 'live' });
    const offline = await collect(client, { durable: 'offline' });
    await waitFor('a, by both', () => live.ids.length === 1 && offline.ids.length === 1);
    await offline.stop();
    await events.publish(walletOp('b'));
    await waitFor('b, live', () => live.ids.length === 2);

    await nats.stop();
    await nats.start();
    // Published at once: the first attempt may be lost in the reconnect; publish retries it.
    const again = await events.publish(walletOp('a'));
    assert.deepEqual(again, { duplicate: true, seq: 1 }, 'the duplicate window outlived the restart');
    await events.publish(walletOp('c'));

    const back = await collect(client, { durable: 'offline' });
    const newcomer = await collect(client, { durable: 'newcomer' });
    try {
      await waitFor('c, live', () => live.ids.length === 3, 10_000);
      assert.deepEqual(live.ids, ['a', 'b', 'c']);
      await waitFor('b and c, offline', () => back.ids.length === 2);
      assert.deepEqual(back.ids, ['b', 'c']);
      await waitFor('everything, newcomer', () => newcomer.ids.length === 3);
      assert.deepEqual(newcomer.ids, ['a', 'b', 'c']);
    } finally {
      await Promise.all([live.stop(), back.stop(), newcomer.stop()]);
    }
  } finally {
    await nats.close();
  }
});

test('server restarted without its store: publishing recreates the stream', async () => {
  const nats = await natsFixture();
  try {
    const nc = await nats.connect();
    const events = await ResultEvents.open(nc, { publishTimeoutMs: 500 });
    await events.publish(walletOp('a'));
    await nats.stop();
    await nats.start({ freshStore: true });
    assert.deepEqual(await events.publish(walletOp('b')), { duplicate: false, seq: 1 });
    const sub = await collect(nc, { durable: 'client' });
    try {
      await waitFor('b', () => sub.ids.length === 1);
      assert.deepEqual(sub.ids, ['b']);
    } finally {
      await sub.stop();
    }
  } finally {
    await nats.close();
  }
});
