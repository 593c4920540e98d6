import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AsyncQueue } from './async-queue.js';

test('AsyncQueue hands items over in order, to a waiting reader too', async () => {
  const q = new AsyncQueue<number>();
  q.push(1);
  const waiting = q.next().then((r) => r.value);
  assert.equal(await waiting, 1);
  const later = q.next();
  q.push(2);
  assert.deepEqual(await later, { value: 2, done: false });
});

test('AsyncQueue: end() finishes after the queued items; end(error) throws after them', async () => {
  const q = new AsyncQueue<number>();
  q.push(1);
  q.end();
  q.push(2);
  assert.deepEqual(await q.next(), { value: 1, done: false });
  assert.deepEqual(await q.next(), { value: undefined, done: true });
  const failing = new AsyncQueue<number>();
  failing.push(1);
  failing.end(new Error('boom'));
  assert.equal((await failing.next()).value, 1);
  await assert.rejects(failing.next(), /boom/);
});

test('AsyncQueue: an abort rejects a waiting read with the reason, and the queue stays usable', async () => {
  const q = new AsyncQueue<number>();
  const controller = new AbortController();
  const waiting = q.next(controller.signal);
  controller.abort(new Error('gone'));
  await assert.rejects(waiting, /gone/);
  await assert.rejects(q.next(controller.signal), /gone/);
  q.push(3);
  assert.equal((await q.next()).value, 3);
});
