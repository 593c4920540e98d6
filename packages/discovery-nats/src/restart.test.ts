import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { NodeHeartbeatSchema } from '@mpcium/proto';
import { natsFixture, waitFor } from '@mpcium/testkit';
import { startHeartbeat } from './heartbeat.js';
import { NodeWatcher } from './node-watcher.js';

const beat = () => create(NodeHeartbeatSchema, { nodeId: 'node0', atMs: BigInt(Date.now()), ready: true });

for (const freshStore of [false, true]) {
  const name = freshStore
    ? 'server restarted with an empty store: the bucket is recreated and the watch re-established'
    : 'server restarted with its store: heartbeats resume and the same watcher sees fresh ones';
  test(name, async () => {
    const nats = await natsFixture();
    try {
      const [node, coordinator] = [await nats.connect(), await nats.connect()];
      const errors: unknown[] = [];
      const hb = startHeartbeat(node, {
        nodeId: 'node0',
        intervalMs: 100,
        status: beat,
        onError: (e) => errors.push(e),
      });
      const watcher = await NodeWatcher.start(coordinator, { staleAfterMs: 500 });
      try {
        await waitFor('node0 ready', () => watcher.isReady('node0'));
        await nats.stop();
        await waitFor('node0 stale while the server is away', () => !watcher.isReady('node0'));
        await waitFor('a failed beat reported', () => errors.length > 0);
        await nats.start({ freshStore });
        const restartedAt = Date.now();
        // Fresh means made after the restart, not a replayed value.
        await waitFor(
          'a heartbeat made after the restart',
          () => watcher.isReady('node0') && Number(watcher.get('node0')?.atMs) > restartedAt,
          10_000,
        );
        const reported = errors.length;
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(errors.length, reported, 'no failures once the server is back');
        assert.ok(watcher.isReady('node0'));
      } finally {
        await hb.stop();
        await watcher.stop();
      }
    } finally {
      await nats.close();
    }
  });
}
