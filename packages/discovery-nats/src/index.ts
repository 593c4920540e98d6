/** Discovery and health over NATS KV: node heartbeats and the coordinator's view of them. */
export { type Arrival, ageMs, localStoredAt } from './freshness.js';
export {
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  type Heartbeat,
  type HeartbeatOptions,
  startHeartbeat,
} from './heartbeat.js';
export { decodeHeartbeat, MAX_HEARTBEAT_BYTES } from './heartbeat-codec.js';
export { DEFAULT_STALE_AFTER_MS, NodeWatcher, type NodeWatcherOptions } from './node-watcher.js';
export {
  DEFAULT_NODES_BUCKET,
  DEFAULT_NODES_MAX_AGE_MS,
  ensureNodesBucket,
  type NodesBucketOptions,
} from './nodes-bucket.js';
