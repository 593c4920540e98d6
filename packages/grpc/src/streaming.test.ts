import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMessage } from '@bufbuild/protobuf';
import { OperationState, WatchOperationResponseSchema } from '@mpcium/proto';
import { Code, GrpcError, INTERNAL_MESSAGE } from './errors.js';
import { LEAKY_SECRET, startWalletFixture, type WalletFixture } from './testing/wallet-fixture.js';

async function collect<T>(items: AsyncIterable<T>): Promise<{ items: T[]; error?: GrpcError }> {
  const out: T[] = [];
  try {
    for await (const item of items) out.push(item);
  } catch (err) {
    assert.ok(err instanceof GrpcError, `expected a GrpcError, got ${String(err)}`);
    return { items: out, error: err };
  }
  return { items: out };
}

describe('server-streaming calls over loopback', () => {
  let f: WalletFixture;
  before(async () => {
    f = await startWalletFixture();
  });
  after(() => f.close());

  test('every item arrives, typed and in order, and the stream ends', async () => {
    const { items, error } = await collect(f.client.watchOperation({ operationId: 'op-3' }));
    assert.equal(error, undefined);
    assert.deepEqual(
      items.map((i) => [i.operation?.operationId, i.operation?.state, i.operation?.progress]),
      [
        ['op-3', OperationState.PENDING, ''],
        ['op-3', OperationState.RUNNING, 'presigning'],
        ['op-3', OperationState.SUCCEEDED, 'done'],
      ],
    );
    assert.ok(items.every((i) => isMessage(i, WatchOperationResponseSchema)));
  });

  test('1000 items reach a slow reader without loss (backpressure on both sides)', async () => {
    let n = 0;
    for await (const item of f.client.watchOperation({ operationId: 'op-many' })) {
      assert.equal(item.operation?.progress, `step ${n}`);
      n++;
      if (n % 100 === 0) await sleep(5);
    }
    assert.equal(n, 1000);
  });

  test('a GrpcError after some items: the items arrive, then the error with its code', async () => {
    const { items, error } = await collect(f.client.watchOperation({ operationId: 'op-fail' }));
    assert.equal(items.length, 2);
    assert.equal(error?.code, Code.ABORTED);
    assert.equal(error?.message, 'node2 sent an invalid proof');
  });

  test('a generic error mid-stream is INTERNAL without its message', async () => {
    const before = f.errors.length;
    const { items, error } = await collect(f.client.watchOperation({ operationId: 'op-boom' }));
    assert.equal(items.length, 2);
    assert.equal(error?.code, Code.INTERNAL);
    assert.equal(error?.message, INTERNAL_MESSAGE);
    assert.equal((f.errors[before]!.err as Error).message, LEAKY_SECRET);
    assert.equal(f.errors[before]!.method, '/mpcium.v1.WalletService/WatchOperation');
  });

  test('leaving the loop early cancels the call: the handler signal aborts with CANCELLED', async () => {
    for await (const item of f.client.watchOperation({ operationId: 'op-hang' })) {
      if (item.operation?.state === OperationState.RUNNING) break;
    }
    assert.deepEqual(await f.nextAbort(), { id: 'op-hang', code: Code.CANCELLED });
  });

  test('the call signal cancels a stream in progress: CANCELLED on both sides', async () => {
    const controller = new AbortController();
    const stream = f.client.watchOperation({ operationId: 'op-hang' }, { signal: controller.signal });
    const seen: OperationState[] = [];
    const result = collect(
      (async function* () {
        for await (const item of stream) {
          seen.push(item.operation?.state ?? OperationState.UNSPECIFIED);
          if (seen.length === 2) controller.abort();
          yield item;
        }
      })(),
    );
    const { error } = await result;
    assert.equal(error?.code, Code.CANCELLED);
    assert.deepEqual(seen, [OperationState.PENDING, OperationState.RUNNING]);
    assert.deepEqual(await f.nextAbort(), { id: 'op-hang', code: Code.CANCELLED });
  });

  test('a stream past its deadline ends with DEADLINE_EXCEEDED after the items sent so far', async () => {
    const { items, error } = await collect(
      f.client.watchOperation({ operationId: 'op-hang' }, { deadlineMs: 150 }),
    );
    assert.equal(items.length, 2);
    assert.equal(error?.code, Code.DEADLINE_EXCEEDED);
    assert.deepEqual(await f.nextAbort(), { id: 'op-hang', code: Code.DEADLINE_EXCEEDED });
  });

  test('iterating the same call object twice makes two calls', async () => {
    const stream = f.client.watchOperation({ operationId: 'op-3' });
    assert.equal((await collect(stream)).items.length, 3);
    assert.equal((await collect(stream)).items.length, 3);
  });
});
