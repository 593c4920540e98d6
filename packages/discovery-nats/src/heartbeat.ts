/**
 * A node's heartbeat: its NodeHeartbeat, encoded, put under key = node id in the nodes bucket
 * every interval (the first at once). A failed beat (server down, JetStream still recovering,
 * bucket lost) goes to `onError` and the next tick tries again, re-ensuring the bucket first;
 * nothing here throws after start. Beats never overlap: each tick is scheduled after the
 * previous beat settles. `stop()` deletes the key so watchers drop the node at once.
 */
import { toBinary } from '@bufbuild/protobuf';
import { type NodeHeartbeat, NodeHeartbeatSchema } from '@mpcium/proto';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  assertNodeId,
  assertPositiveMs,
  ensureNodesBucket,
  type NodesBucketOptions,
  openNodesBucket,
} from './nodes-bucket.js';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 2_000;

export interface HeartbeatOptions extends NodesBucketOptions {
  readonly nodeId: string;
  readonly intervalMs?: number;
  /** The node's current state; its `nodeId` must be empty or equal to `nodeId`. */
  readonly status: () => NodeHeartbeat | Promise<NodeHeartbeat>;
  /** Failed beats and a failed delete at stop; never payloads. */
  readonly onError?: (err: unknown) => void;
}

export interface Heartbeat {
  /** Beats once more now (after any beat in flight); failures go to `onError`. */
  beatNow(): Promise<void>;
  /** Stops beating and deletes the key, best effort. Idempotent. */
  stop(): Promise<void>;
}

export function startHeartbeat(nc: NatsConnection, options: HeartbeatOptions): Heartbeat {
  const { nodeId, status } = options;
  // A throwing onError must not break the chain of beats.
  const onError = (err: unknown): void => {
    try {
      options.onError?.(err);
    } catch {}
  };
  const intervalMs = options.intervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  assertNodeId(nodeId);
  assertPositiveMs('intervalMs', intervalMs);
  // A put that outlives the interval has failed for our purpose; the next tick retries.
  const putTimeoutMs = Math.max(intervalMs, 1_000);
  const bucket = { bucket: options.bucket, maxAgeMs: options.maxAgeMs };
  let kv: KV | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | undefined;

  const beat = async (): Promise<void> => {
    if (stopped) return;
    let hb: NodeHeartbeat;
    try {
      hb = await status();
      if (hb.nodeId !== '' && hb.nodeId !== nodeId)
        throw new Error(`heartbeat names node ${JSON.stringify(hb.nodeId)}, expected ${nodeId}`);
    } catch (err) {
      return onError(err);
    }
    try {
      kv ??= await ensureNodesBucket(nc, bucket);
      await kv.put(nodeId, toBinary(NodeHeartbeatSchema, { ...hb, nodeId }), { timeout: putTimeoutMs });
    } catch (err) {
      kv = undefined;
      onError(err);
    }
  };
  const enqueue = (): Promise<void> => {
    chain = chain.then(beat);
    return chain;
  };
  const tick = (): void => {
    void enqueue().then(() => {
      if (stopped) return;
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    });
  };
  tick();

  return {
    beatNow: () => (stopped ? Promise.resolve() : enqueue()),
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        await chain;
        try {
          await (kv ?? (await openNodesBucket(nc, bucket))).delete(nodeId);
        } catch (err) {
          onError(err);
        }
      })();
      return stopping;
    },
  };
}
