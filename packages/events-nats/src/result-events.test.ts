import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { OperationSchema, OperationState } from '@mpcium/proto';
import { type NatsFixture, natsFixture, waitFor } from '@mpcium/testkit';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ResultEvents, type ResultEventsOptions } from './result-events.js';
import { collect, failedOp, signatureOp, walletOp } from './test-ops.js';

let nats: NatsFixture;
let nc: NatsConnection;
let streams = 0;
/** A stream of its own per test, on one server per file. */
function freshStream(): Required<Pick<ResultEventsOptions, 'stream' | 'subjectPrefix'>> {
  const n = ++streams;
  return { stream: `RESULTS_${n}`, subjectPrefix: `t${n}.results` };
}

before(async () => {
  nats = await natsFixture();
  nc = await nats.connect();
});
after(() => nats.close());

test('an event published before anyone subscribed reaches a late subscriber', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  const op = walletOp('op-1');
  assert.deepEqual(await events.publish(op), { duplicate: false, seq: 1 });
  const received: unknown[] = [];
  const sub = await collect(nc, { ...names, durable: 'late', onEvent: (e) => void received.push(e) });
  try {
    await waitFor('one event', () => sub.ids.length === 1);
    assert.deepEqual(toBinary(OperationSchema, received[0] as typeof op), toBinary(OperationSchema, op));
  } finally {
    await sub.stop();
  }
});

test('the same operation published twice is one event; the second publish is a duplicate', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  const first = await events.publish(walletOp('op-1'));
  // As a second coordinator would: another connection, another publisher.
  const other = await ResultEvents.open(await nats.connect(), names);
  const second = await other.publish(walletOp('op-1'));
  assert.deepEqual(second, { duplicate: true, seq: first.seq });
  await events.publish(failedOp('op-2'));
  const sub = await collect(nc, { ...names, durable: 'client' });
  try {
    await waitFor('op-2', () => sub.ids.includes('op-2'));
    assert.deepEqual(sub.ids, ['op-1', 'op-2']);
  } finally {
    await sub.stop();
  }
});

test('operations of every kind arrive as events in publish order, on subjects by kind', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  const ops = [walletOp('a'), signatureOp('b'), failedOp('c'), walletOp('d')];
  const seqs = [];
  for (const op of ops) seqs.push((await events.publish(op)).seq);
  assert.deepEqual(seqs, [1, 2, 3, 4]);
  const jsm = await jetstreamManager(nc);
  const subjects = await Promise.all(
    seqs.map(async (seq) => (await jsm.streams.getMessage(names.stream, { seq }))?.subject),
  );
  assert.deepEqual(
    subjects,
    ['wallet', 'signature', 'error', 'wallet'].map((k) => `${names.subjectPrefix}.${k}`),
  );
  const sub = await collect(nc, { ...names, durable: 'client' });
  const errorsOnly = await collect(nc, { ...names, durable: 'errors', filter: 'error' });
  try {
    await waitFor('four events', () => sub.ids.length === 4);
    assert.deepEqual(sub.ids, ['a', 'b', 'c', 'd']);
    await waitFor('the error event', () => errorsOnly.ids.length === 1);
    assert.deepEqual(errorsOnly.ids, ['c']);
  } finally {
    await sub.stop();
    await errorsOnly.stop();
  }
});

test('a durable consumer stopped and restarted continues where it left off', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  await events.publish(walletOp('a'));
  await events.publish(walletOp('b'));
  const first = await collect(nc, { ...names, durable: 'client' });
  await waitFor('a and b', () => first.ids.length === 2);
  await first.stop();
  // Offline now; results keep coming.
  await events.publish(walletOp('c'));
  const second = await collect(nc, { ...names, durable: 'client' });
  try {
    await waitFor('c', () => second.ids.length === 1);
    assert.deepEqual(second.ids, ['c']);
    const info = await (await jetstreamManager(nc)).consumers.info(names.stream, 'client');
    assert.equal(info.num_ack_pending, 0, 'every delivered event acked');
    assert.equal(info.num_pending, 0);
  } finally {
    await second.stop();
  }
  assert.deepEqual(first.ids, ['a', 'b']);
  assert.equal(first.handled + second.handled, 3);
});

test('events prefetched when a consumer stops are delivered to its next run', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  for (const id of ['a', 'b', 'c']) await events.publish(walletOp(id));
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  // A short ack wait: events the stopped run had prefetched but not handed back come again soon.
  const first = await collect(nc, { ...names, durable: 'client', ackWaitMs: 1_000, onEvent: () => held });
  await waitFor('a in hand', async () => {
    const info = await (await jetstreamManager(nc)).consumers.info(names.stream, 'client');
    return info.num_ack_pending === 3;
  });
  const stopped = first.stop();
  release();
  await stopped;
  assert.deepEqual(first.ids, ['a']);
  const second = await collect(nc, { ...names, durable: 'client', ackWaitMs: 1_000 });
  try {
    // Delivery is at least once: a handed-back event may arrive twice, in any order.
    await waitFor('b and c', () => second.ids.includes('b') && second.ids.includes('c'), 10_000);
    assert.deepEqual([...new Set(second.ids)].sort(), ['b', 'c']);
  } finally {
    await second.stop();
  }
});

test('a malformed message is terminated, counted and skipped', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  const js = jetstream(nc);
  const running = create(OperationSchema, { operationId: 'x', state: OperationState.RUNNING });
  await js.publish(`${names.subjectPrefix}.wallet`, new TextEncoder().encode('not an operation'));
  await js.publish(`${names.subjectPrefix}.wallet`, toBinary(OperationSchema, running));
  await events.publish(walletOp('ok'));
  const sub = await collect(nc, { ...names, durable: 'client' });
  try {
    await waitFor('ok', () => sub.ids.length === 1);
    assert.deepEqual(sub.ids, ['ok']);
    assert.equal(sub.malformed, 2);
    const info = await (await jetstreamManager(nc)).consumers.info(names.stream, 'client');
    assert.equal(info.num_ack_pending, 0, 'terminated, not left to redeliver');
  } finally {
    await sub.stop();
  }
});

test('a failing onEvent is reported and the event delivered again', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  await events.publish(walletOp('a'));
  const errors: unknown[] = [];
  let attempts = 0;
  const sub = await collect(nc, {
    ...names,
    durable: 'client',
    retryDelayMs: 100,
    onError: (e) => errors.push(e),
    onEvent: () => {
      if (++attempts === 1) throw new Error('backend down');
    },
  });
  try {
    await waitFor('a handled', () => sub.ids.length === 1, 3_000);
    assert.equal(attempts, 2);
    assert.match(String(errors[0]), /backend down/);
  } finally {
    await sub.stop();
  }
});

test('only final operations whose result matches their state may be published', async () => {
  const names = freshStream();
  const events = await ResultEvents.open(nc, names);
  const running = create(OperationSchema, { operationId: 'r', state: OperationState.RUNNING });
  await assert.rejects(events.publish(running), { name: 'TypeError', message: /is not final/ });
  const pending = create(OperationSchema, { operationId: 'p', state: OperationState.PENDING });
  await assert.rejects(events.publish(pending), /is not final/);
  const empty = create(OperationSchema, { operationId: 's', state: OperationState.SUCCEEDED });
  await assert.rejects(events.publish(empty), /result \(none\) does not match its state SUCCEEDED/);
  const mixed = { ...failedOp('f'), state: OperationState.SUCCEEDED };
  await assert.rejects(events.publish(mixed), /does not match/);
  await assert.rejects(events.publish(walletOp('')), /no operation id/);
  const info = await (await jetstreamManager(nc)).streams.info(names.stream);
  assert.equal(info.state.messages, 0);
});

test('open creates the stream, updates its limits, and refuses one on memory storage', async () => {
  const names = freshStream();
  await ResultEvents.open(nc, names);
  const jsm = await jetstreamManager(nc);
  let config = (await jsm.streams.info(names.stream)).config;
  assert.equal(config.storage, StorageType.File);
  assert.deepEqual(config.subjects, [`${names.subjectPrefix}.>`]);
  assert.equal(config.duplicate_window, 2 * 60 * 60 * 1e9);
  assert.equal(config.max_age, 7 * 24 * 60 * 60 * 1e9);
  await ResultEvents.open(nc, { ...names, duplicateWindowMs: 60_000, maxAgeMs: 3_600_000 });
  config = (await jsm.streams.info(names.stream)).config;
  assert.equal(config.duplicate_window, 60e9);
  assert.equal(config.max_age, 3_600e9);

  const memory = freshStream();
  await jsm.streams.add({
    name: memory.stream,
    subjects: [`${memory.subjectPrefix}.>`],
    storage: StorageType.Memory,
  });
  await assert.rejects(ResultEvents.open(nc, memory), /exists with memory storage/);
  await assert.rejects(ResultEvents.open(nc, { subjectPrefix: 'a.>' }), RangeError);
  await assert.rejects(ResultEvents.open(nc, { duplicateWindowMs: 10, maxAgeMs: 5 }), RangeError);
});
