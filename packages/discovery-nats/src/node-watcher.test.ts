import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { type NodeHeartbeat, NodeHeartbeatSchema } from '@mpcium/proto';
import { type NatsFixture, natsFixture, waitFor } from '@mpcium/testkit';
import type { NatsConnection } from '@nats-io/transport-node';
import { startHeartbeat } from './heartbeat.js';
import { NodeWatcher } from './node-watcher.js';
import { ensureNodesBucket } from './nodes-bucket.js';

let nats: NatsFixture;
let nc: NatsConnection;
let buckets = 0;
/** A bucket of its own per test, on one server per file. */
const freshBucket = () => `nodes_${++buckets}`;

before(async () => {
  nats = await natsFixture();
  nc = await nats.connect();
});
after(() => nats.close());

function beat(nodeId: string, fields: { ready?: boolean } = {}): NodeHeartbeat {
  return create(NodeHeartbeatSchema, { nodeId, party: 1, atMs: BigInt(Date.now()), ready: true, ...fields });
}

test('a heartbeat appears and is ready', async () => {
  const bucket = freshBucket();
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs: 1_000 });
  const hb = startHeartbeat(nc, { bucket, nodeId: 'node0', intervalMs: 100, status: () => beat('node0') });
  try {
    await waitFor('node0 ready', () => watcher.isReady('node0'));
    assert.equal(watcher.get('node0')?.party, 1);
    assert.deepEqual(
      watcher.all().map((h) => h.nodeId),
      ['node0'],
    );
    assert.equal(watcher.isReady('node1'), false);
    assert.equal(watcher.get('node1'), undefined);
  } finally {
    await hb.stop();
    await watcher.stop();
  }
});

test('a node that stops beating is not ready after staleAfterMs', async () => {
  const bucket = freshBucket();
  const kv = await ensureNodesBucket(nc, { bucket });
  const staleAfterMs = 400;
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs });
  try {
    // One beat, then silence: a node that crashed without deleting its key.
    await kv.put('node0', toBinary(NodeHeartbeatSchema, beat('node0')));
    await waitFor('node0 ready', () => watcher.isReady('node0'));
    const seenReady = performance.now();
    await waitFor('node0 stale', () => !watcher.isReady('node0'), 3_000);
    const waited = performance.now() - seenReady;
    assert.ok(waited >= staleAfterMs - 50, `stale after ${waited} ms`);
    assert.equal(watcher.get('node0')?.nodeId, 'node0', 'still known, only stale');
  } finally {
    await watcher.stop();
  }
});

test('stop() deletes the key and the node disappears at once', async () => {
  const bucket = freshBucket();
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs: 10_000 });
  const hb = startHeartbeat(nc, { bucket, nodeId: 'node0', intervalMs: 100, status: () => beat('node0') });
  try {
    await waitFor('node0 ready', () => watcher.isReady('node0'));
    await hb.stop();
    // Far sooner than staleAfterMs: the delete is seen, not the silence.
    await waitFor('node0 gone', () => watcher.get('node0') === undefined, 1_000);
    assert.equal(watcher.isReady('node0'), false);
    const kv = await ensureNodesBucket(nc, { bucket });
    assert.equal((await kv.get('node0'))?.operation, 'DEL');
    await hb.stop();
  } finally {
    await watcher.stop();
  }
});

test('ready=false is honoured', async () => {
  const bucket = freshBucket();
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs: 1_000 });
  let ready = false;
  const hb = startHeartbeat(nc, {
    bucket,
    nodeId: 'node0',
    intervalMs: 100,
    status: () => beat('node0', { ready }),
  });
  try {
    await waitFor('node0 heartbeat', () => watcher.get('node0'));
    assert.equal(watcher.get('node0')?.ready, false);
    assert.equal(watcher.isReady('node0'), false);
    ready = true;
    await hb.beatNow();
    await waitFor('node0 ready', () => watcher.isReady('node0'));
  } finally {
    await hb.stop();
    await watcher.stop();
  }
});

test('malformed values are ignored and counted', async () => {
  const bucket = freshBucket();
  const kv = await ensureNodesBucket(nc, { bucket });
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs: 1_000 });
  try {
    await kv.put('node1', new TextEncoder().encode('not a heartbeat'));
    await kv.put('node2', toBinary(NodeHeartbeatSchema, beat('node3')));
    await kv.put('node4', new Uint8Array());
    await kv.put('node0', toBinary(NodeHeartbeatSchema, beat('node0')));
    await waitFor('node0 ready', () => watcher.isReady('node0'));
    await waitFor('three malformed', () => watcher.malformed === 3);
    for (const id of ['node1', 'node2', 'node3', 'node4']) assert.equal(watcher.get(id), undefined);
    assert.deepEqual(
      watcher.all().map((h) => h.nodeId),
      ['node0'],
    );
  } finally {
    await watcher.stop();
  }
});

test('a watcher started later has the current heartbeats on start, and a dead node is stale', async () => {
  const bucket = freshBucket();
  const kv = await ensureNodesBucket(nc, { bucket });
  await kv.put('dead', toBinary(NodeHeartbeatSchema, beat('dead')));
  await new Promise((r) => setTimeout(r, 600));
  const hb = startHeartbeat(nc, { bucket, nodeId: 'live', intervalMs: 100, status: () => beat('live') });
  await hb.beatNow();
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs: 400 });
  try {
    assert.equal(watcher.isReady('live'), true, 'loaded before start() resolved');
    // Its replayed value is ~600 ms older than the live one, by the server's timestamps.
    assert.equal(watcher.get('dead')?.nodeId, 'dead');
    assert.equal(watcher.isReady('dead'), false);
  } finally {
    await hb.stop();
    await watcher.stop();
  }
});

test('a failing status is reported and the next tick beats again', async () => {
  const bucket = freshBucket();
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs: 1_000 });
  const errors: unknown[] = [];
  let calls = 0;
  const hb = startHeartbeat(nc, {
    bucket,
    nodeId: 'node0',
    intervalMs: 100,
    status: () => {
      if (++calls === 1) throw new Error('keystore unreachable');
      return calls === 2 ? beat('node9') : beat('node0');
    },
    onError: (err) => errors.push(err),
  });
  try {
    await waitFor('node0 ready', () => watcher.isReady('node0'));
    assert.equal(errors.length, 2);
    assert.match(String(errors[0]), /keystore unreachable/);
    assert.match(String(errors[1]), /heartbeat names node "node9", expected node0/);
  } finally {
    await hb.stop();
    await watcher.stop();
  }
});

test('an empty node id in the status is filled in; invalid options are refused', async () => {
  const bucket = freshBucket();
  const watcher = await NodeWatcher.start(nc, { bucket, staleAfterMs: 1_000 });
  const hb = startHeartbeat(nc, { bucket, nodeId: 'node0', intervalMs: 100, status: () => beat('') });
  try {
    await waitFor('node0 ready', () => watcher.isReady('node0'));
  } finally {
    await hb.stop();
    await watcher.stop();
  }
  const status = () => beat('x');
  assert.throws(() => startHeartbeat(nc, { nodeId: 'a.b', status }), RangeError);
  assert.throws(() => startHeartbeat(nc, { nodeId: 'n', intervalMs: 0, status }), RangeError);
  await assert.rejects(NodeWatcher.start(nc, { staleAfterMs: 10_000, forgetAfterMs: 5_000 }), RangeError);
});
