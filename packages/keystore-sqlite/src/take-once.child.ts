/**
 * Test helper process for take-once.test.ts: opens the keystore named on the command line with
 * the data key from the parent, reports `ready`, and on `go` takes items from one pool until it
 * is empty, then reports what it got. Not part of the package's API.
 */
import { SqliteKeyStore } from './sqlite-key-store.js';
import type { KeyType, PoolKind } from './validate.js';

interface Job {
  path: string;
  dataKey: string;
  kind: PoolKind;
  walletId: string;
  keyType: KeyType;
  keyVersion: number;
}

const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const store = await SqliteKeyStore.open({ path: job.path, dataKey: job.dataKey });
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  await send({ ready: true });
  await go;
  const taken: Array<[string, string]> = [];
  for (;;) {
    const item = await store.takePooled(job.kind, job.walletId, job.keyType, job.keyVersion);
    if (!item) break;
    taken.push([item.id, Buffer.from(item.bytes).toString('utf8')]);
    // Let the other takers in: SQLite's busy handler backs off, so a tight loop would starve them.
    await new Promise((r) => setTimeout(r, 1));
  }
  await store.close();
  await send({ taken });
  process.disconnect();
}

main().catch(async (e: Error) => {
  await send({ error: `${e.name}: ${e.message}` });
  process.exit(1);
});
