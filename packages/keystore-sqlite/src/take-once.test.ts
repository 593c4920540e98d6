import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateDataKey } from './key-material.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { defer, tempDir } from './test-store.js';

/**
 * Single use across connections: a presignature or nonce handed out twice leaks the signing
 * share, so concurrent takers on one file must split the pool exactly.
 */

const ITEMS = 200;
const POOL = { kind: 'presignature', walletId: 'w', keyType: 'ecdsa-secp256k1', keyVersion: 1 } as const;
const CHILD = fileURLToPath(new URL('./take-once.child.ts', import.meta.url));

async function filledStore(t: Parameters<typeof tempDir>[0]) {
  const path = join(tempDir(t), 'pool.db');
  const dataKey = Buffer.from(generateDataKey()).toString('base64');
  const store = await SqliteKeyStore.open({ path, dataKey });
  defer(t, () => store.close());
  await store.putShare(POOL.walletId, POOL.keyType, POOL.keyVersion, new TextEncoder().encode('share'));
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    id: `item-${i}`,
    bytes: new TextEncoder().encode(`presignature ${i}`),
  }));
  await store.addPooled(POOL.kind, POOL.walletId, POOL.keyType, POOL.keyVersion, items);
  return { path, dataKey, store };
}

/** Takes until the pool is empty, pausing between takes so other takers interleave. */
async function drain(store: SqliteKeyStore, byName?: (n: number) => string | undefined, pauseMs?: number) {
  const taken: Array<[string, string]> = [];
  for (let n = 0; ; n++) {
    const name = byName?.(n);
    const item = await store.takePooled(POOL.kind, POOL.walletId, POOL.keyType, POOL.keyVersion, name);
    if (item) taken.push([item.id, new TextDecoder().decode(item.bytes)]);
    else if (name === undefined) return taken;
    await new Promise((r) => (pauseMs === undefined ? setImmediate(r) : setTimeout(r, pauseMs)));
  }
}

function assertExactlyOnce(all: Array<Array<[string, string]>>): void {
  const flat = all.flat();
  const ids = flat.map(([id]) => id);
  assert.equal(ids.length, ITEMS, 'every item handed out, none twice');
  assert.equal(new Set(ids).size, ITEMS, 'no item handed out twice');
  const expected = new Set(Array.from({ length: ITEMS }, (_, i) => `item-${i}`));
  assert.deepEqual(new Set(ids), expected);
  for (const [id, payload] of flat) assert.equal(payload, `presignature ${id.slice(5)}`);
}

test('two stores on one file, interleaved takes (oldest and by name): each item exactly once', async (t) => {
  const { path, dataKey, store } = await filledStore(t);
  const other = await SqliteKeyStore.open({ path, dataKey });
  defer(t, () => other.close());
  // The second taker asks for specific ids, some of which the first has already taken.
  const results = await Promise.all([
    drain(store),
    drain(other, (n) => (n < ITEMS ? `item-${(n * 7) % ITEMS}` : undefined)),
    drain(other),
  ]);
  assertExactlyOnce(results);
  assert.equal(await store.countPooled(POOL.kind, POOL.walletId, POOL.keyType, POOL.keyVersion), 0);
});

test('two processes and this one take from one file at the same time: each item exactly once', async (t) => {
  const { path, dataKey, store } = await filledStore(t);
  const job = JSON.stringify({ path, dataKey, ...POOL });
  const children: ChildProcess[] = [0, 1].map(() =>
    fork(CHILD, [job], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  defer(t, () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });
  const messages = children.map(
    (child) =>
      new Promise<Array<[string, string]>>((resolve, reject) => {
        child.on('message', (m: { taken?: Array<[string, string]>; error?: string }) => {
          if (m.taken) resolve(m.taken);
          if (m.error) reject(new Error(`child: ${m.error}`));
        });
        child.once('exit', (code) => reject(new Error(`child exited (${code}) before reporting`)));
      }),
  );
  await Promise.all(children.map((child) => new Promise((r) => child.once('message', r))));
  for (const child of children) child.send('go');
  const mine = await drain(store, undefined, 1);
  const theirs = await Promise.all(messages);
  t.diagnostic(`taken: parent ${mine.length}, children ${theirs.map((x) => x.length).join(' + ')}`);
  assertExactlyOnce([mine, ...theirs]);
  // With the pauses, the takers really overlap (not one draining the pool before the others start).
  assert.ok([mine, ...theirs].filter((x) => x.length > 0).length >= 2);
});
