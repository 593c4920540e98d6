/**
 * The NATS KV bucket of node heartbeats: one key per node id, history 1, and a bucket max-age
 * (nats-server 2.9 has no per-key TTL) so a node that died without deleting its key drops out
 * of the bucket on its own.
 *
 * File storage, measured on nats-server 2.9.10: a memory-backed stream is gone after a server
 * restart (its config is not kept), so every heartbeat and watch would fail until someone
 * recreated it; a file-backed bucket survives with its keys and its watchers' consumers. The
 * cost is a few hundred bytes per node per interval, trimmed by max-age.
 */
import { StorageType } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

export const DEFAULT_NODES_BUCKET = 'mpcium_nodes';
export const DEFAULT_NODES_MAX_AGE_MS = 15_000;

export interface NodesBucketOptions {
  /** Bucket name; `mpcium_nodes` unless set. */
  readonly bucket?: string;
  /** Bucket max-age, used when the bucket has to be created; 15 s unless set. */
  readonly maxAgeMs?: number;
}

/** Node ids are KV keys and NATS subject tokens: no dots, no wildcards. */
export function assertNodeId(nodeId: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(nodeId))
    throw new RangeError(`invalid node id ${JSON.stringify(nodeId)}`);
}

export function assertPositiveMs(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer`);
}

/** Binds the bucket without a server call (it may not exist yet). */
export function openNodesBucket(nc: NatsConnection, options: NodesBucketOptions = {}): Promise<KV> {
  return new Kvm(nc).open(options.bucket ?? DEFAULT_NODES_BUCKET);
}

/**
 * Creates the bucket, or binds it when it exists (an existing bucket keeps its own settings).
 * Also the recovery step after a server lost its store: heartbeats and watchers call it again.
 */
export async function ensureNodesBucket(nc: NatsConnection, options: NodesBucketOptions = {}): Promise<KV> {
  const bucket = options.bucket ?? DEFAULT_NODES_BUCKET;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_NODES_MAX_AGE_MS;
  assertPositiveMs('maxAgeMs', maxAgeMs);
  return new Kvm(nc).create(bucket, { history: 1, ttl: maxAgeMs, storage: StorageType.File });
}
