/**
 * TEST-ONLY: the behaviour every OperationStore adapter must have. Run by the memory adapter's
 * unit test and by the Redis adapter's e2e test against a real redis-server.
 */
import assert from 'node:assert/strict';
import { create } from '@bufbuild/protobuf';
import { type Operation, OperationSchema, OperationState } from '@mpcium/proto';
import type { OperationStore, WalletDirectory } from './port.js';

const digest = (b: number) => new Uint8Array(32).fill(b);

function op(id: string, state = OperationState.PENDING): Operation {
  return create(OperationSchema, { operationId: id, state, createdAtMs: 1n, updatedAtMs: 1n });
}

export async function operationStoreContract(
  make: () => Promise<OperationStore & WalletDirectory>,
): Promise<void> {
  const store = await make();
  const other = await make();
  try {
    const id = `op-${Math.random().toString(36).slice(2)}`;
    // Idempotency: the first open creates, a second returns the stored operation.
    const first = await store.open(op(id), digest(1));
    assert.deepEqual([first.created, first.sameRequest], [true, true]);
    const again = await other.open(op(id, OperationState.RUNNING), digest(1));
    assert.deepEqual(
      [again.created, again.sameRequest, again.operation.state],
      [false, true, OperationState.PENDING],
    );
    // The same id with other request bytes is reported, never a second operation.
    const clash = await store.open(op(id), digest(2));
    assert.deepEqual([clash.created, clash.sameRequest], [false, false]);
    // Updates are visible to every client.
    await store.update(op(id, OperationState.SUCCEEDED));
    assert.equal((await other.get(id))?.state, OperationState.SUCCEEDED);
    assert.equal(await other.get(`${id}-missing`), undefined);
    await assert.rejects(store.update(op(`${id}-missing`)), /does not exist/);
    // Concurrent opens of one id from two clients create it once.
    const race = `${id}-race`;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, k) => (k % 2 ? store : other).open(op(race), digest(3))),
    );
    assert.equal(results.filter((r) => r.created).length, 1);
    // Replay window: a nonce is claimed once within its TTL, and again after it expires.
    const nonce = new Uint8Array(16).fill(7);
    assert.equal(await store.claimNonce('k1', nonce, 200), true);
    assert.equal(await other.claimNonce('k1', nonce, 200), false);
    assert.equal(await store.claimNonce('k2', nonce, 200), true, 'nonces are per key');
    await new Promise((r) => setTimeout(r, 260));
    assert.equal(await other.claimNonce('k1', nonce, 200), true);
    await assert.rejects(store.open(op(`${id}-bad`), new Uint8Array(3)), /32 bytes/);
    // Unfinished operations keep their request until an update makes them final.
    const running = `${id}-running`;
    await store.open(op(running, OperationState.RUNNING), digest(4), new Uint8Array([1, 2, 3]));
    const listed = (await other.unfinished()).find((u) => u.operation.operationId === running);
    assert.deepEqual(listed?.request, new Uint8Array([1, 2, 3]));
    await other.update(op(running, OperationState.RUNNING));
    assert.ok((await store.unfinished()).some((u) => u.operation.operationId === running));
    await other.update(op(running, OperationState.FAILED));
    assert.ok(!(await store.unfinished()).some((u) => u.operation.operationId === running));
    assert.ok(
      !(await store.unfinished()).some((u) => u.operation.operationId === id),
      'final ones are not listed',
    );
    // Wallet directory: write once, read from any client, list in id order after a cursor.
    const w = (n: string) => `${id}-w${n}`;
    for (const n of ['2', '1', '3']) await store.saveWallet(w(n), new TextEncoder().encode(n));
    await assert.rejects(other.saveWallet(w('1'), new Uint8Array(1)), /already exists/);
    assert.deepEqual(await other.getWallet(w('2')), new TextEncoder().encode('2'));
    assert.equal(await other.getWallet(w('9')), undefined);
    const page1 = (await other.listWalletIds(`${id}-w`, 2)).filter((x) => x.startsWith(id));
    assert.deepEqual(page1, [w('1'), w('2')]);
    assert.deepEqual(await other.listWalletIds(w('2'), 10), [w('3')]);
  } finally {
    await store.close();
    await other.close();
  }
}
