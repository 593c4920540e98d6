/**
 * The coordinator's view of the nodes bucket, kept by a KV watch (current values first, then
 * updates). A node is ready while its heartbeat is present, says `ready`, and is younger than
 * `staleAfterMs` by the watcher's own clock (see freshness.ts: arrival times, no clock skew).
 *
 * Server restarts: after every client reconnect the watch is replaced by a new one, which
 * replays the current values, so a consumer lost with the server (or never resumed) cannot
 * leave the view frozen; if the watch ends by itself it is re-established with backoff. The
 * bucket is re-ensured each time, so a server that lost its store gets it back.
 *
 * Expiry: the server drops keys older than the bucket's max-age without telling watchers, so
 * the view forgets a node not heard from for `forgetAfterMs` (the max-age unless set).
 * Malformed values are ignored and counted; nothing here logs.
 */
import type { NodeHeartbeat } from '@mpcium/proto';
import { type KV, type KvWatchEntry, KvWatchInclude } from '@nats-io/kv';
import type { NatsConnection, Status } from '@nats-io/transport-node';
import { type Arrival, ageMs } from './freshness.js';
import { decodeHeartbeat } from './heartbeat-codec.js';
import {
  assertPositiveMs,
  DEFAULT_NODES_MAX_AGE_MS,
  ensureNodesBucket,
  type NodesBucketOptions,
} from './nodes-bucket.js';

export const DEFAULT_STALE_AFTER_MS = 6_000;

export interface NodeWatcherOptions extends NodesBucketOptions {
  readonly staleAfterMs?: number;
  /** Forget a node not heard from for this long; the bucket max-age unless set. */
  readonly forgetAfterMs?: number;
  /** The local monotonic clock, ms; `performance.now` unless set. */
  readonly now?: () => number;
  /** Longest `start()` waits for the bucket's current values; 2 s unless set. */
  readonly syncTimeoutMs?: number;
}

type Watch = Awaited<ReturnType<KV['watch']>>;

interface Seen extends Arrival {
  readonly heartbeat: NodeHeartbeat;
}

const MAX_BACKOFF_MS = 5_000;

export class NodeWatcher {
  readonly #nc: NatsConnection;
  readonly #bucket: NodesBucketOptions;
  readonly #staleAfterMs: number;
  readonly #forgetAfterMs: number;
  readonly #now: () => number;
  readonly #nodes = new Map<string, Seen>();
  #latest: Arrival | undefined;
  #malformed = 0;
  #watch: Watch | undefined;
  #stopped = false;
  #running: Promise<void> = Promise.resolve();
  #status: (AsyncIterable<Status> & { stop?(): void }) | undefined;
  #wake: (() => void) | undefined;
  #replace = false;
  #onSynced: (() => void) | undefined;

  private constructor(nc: NatsConnection, o: NodeWatcherOptions) {
    this.#nc = nc;
    this.#bucket = { bucket: o.bucket, maxAgeMs: o.maxAgeMs };
    this.#staleAfterMs = o.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.#forgetAfterMs = o.forgetAfterMs ?? o.maxAgeMs ?? DEFAULT_NODES_MAX_AGE_MS;
    this.#now = o.now ?? (() => performance.now());
    assertPositiveMs('staleAfterMs', this.#staleAfterMs);
    assertPositiveMs('forgetAfterMs', this.#forgetAfterMs);
    if (this.#forgetAfterMs < this.#staleAfterMs)
      throw new RangeError('forgetAfterMs must be >= staleAfterMs');
  }

  /** Watches the bucket (created if missing); resolves once its current values are loaded. */
  static async start(nc: NatsConnection, options: NodeWatcherOptions = {}): Promise<NodeWatcher> {
    const syncTimeoutMs = options.syncTimeoutMs ?? 2_000;
    assertPositiveMs('syncTimeoutMs', syncTimeoutMs);
    const w = new NodeWatcher(nc, options);
    const synced = new Promise<void>((resolve) => {
      w.#onSynced = resolve;
    });
    const kv = await w.#open();
    w.#running = w.#run();
    w.#followReconnects();
    // An empty bucket delivers nothing to wait for; otherwise the last current value says so.
    if ((await kv.status().catch(() => undefined))?.values === 0) w.#onSynced?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([synced, new Promise((r) => (timer = setTimeout(r, syncTimeoutMs)))]);
    clearTimeout(timer);
    w.#onSynced = undefined;
    return w;
  }

  /** The node's last heartbeat, fresh or not, until it is deleted or forgotten. */
  get(nodeId: string): NodeHeartbeat | undefined {
    return this.#current(nodeId)?.heartbeat;
  }

  isReady(nodeId: string): boolean {
    const seen = this.#current(nodeId);
    return seen?.heartbeat.ready === true && this.#age(seen) <= this.#staleAfterMs;
  }

  /** Every known node's last heartbeat, by node id. */
  all(): NodeHeartbeat[] {
    const ids = [...this.#nodes.keys()].sort();
    return ids.flatMap((id) => this.#current(id)?.heartbeat ?? []);
  }

  /** Values ignored because they were not a heartbeat of the node named by their key. */
  get malformed(): number {
    return this.#malformed;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#status?.stop?.();
    this.#watch?.stop();
    this.#wake?.();
    await this.#running;
  }

  #age(seen: Seen): number {
    return ageMs(seen, this.#latest ?? seen, this.#now());
  }

  #current(nodeId: string): Seen | undefined {
    const seen = this.#nodes.get(nodeId);
    if (seen === undefined || this.#age(seen) <= this.#forgetAfterMs) return seen;
    this.#nodes.delete(nodeId);
    return undefined;
  }

  async #open(): Promise<KV> {
    const kv = await ensureNodesBucket(this.#nc, this.#bucket);
    const watch = await kv.watch({ include: KvWatchInclude.LastValue });
    if (this.#stopped) watch.stop();
    this.#watch = watch;
    return kv;
  }

  /** Drains the current watch; when it ends (replaced on reconnect, or lost), opens another. */
  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped && !this.#nc.isClosed()) {
      const watch = this.#watch;
      if (watch) {
        try {
          for await (const entry of watch) this.#apply(entry);
        } catch {
          // The watch failed; replaced below like one that ended.
        }
        this.#watch = undefined;
        // A watch ended on purpose is replaced at once, one that ended by itself after a pause.
        if (!this.#replace) failures++;
        this.#replace = false;
        continue;
      }
      if (failures > 0) await this.#sleep(Math.min(MAX_BACKOFF_MS, 100 * 2 ** (failures - 1)));
      if (this.#stopped || this.#nc.isClosed()) return;
      try {
        await this.#open();
        failures = 0;
      } catch {
        failures++;
      }
    }
  }

  #apply(e: KvWatchEntry): void {
    const arrival = { storedAtMs: e.created.getTime(), receivedAtMs: this.#now() };
    this.#latest = arrival;
    if (e.operation !== 'PUT') this.#nodes.delete(e.key);
    else {
      const heartbeat = decodeHeartbeat(e.key, e.value);
      if (heartbeat) this.#nodes.set(e.key, { heartbeat, ...arrival });
      else this.#malformed++;
    }
    if (e.delta === 0) this.#onSynced?.();
  }

  /** A reconnect may be to a server that lost the watch's consumer: start a new watch. */
  #followReconnects(): void {
    // The client's status iterator is a QueuedIterator; its stop() ends it on our stop().
    const status = this.#nc.status() as AsyncIterable<Status> & { stop?(): void };
    this.#status = status;
    void (async () => {
      for await (const s of status) {
        if (this.#stopped) return;
        if (s.type === 'reconnect' && this.#watch) {
          this.#replace = true;
          this.#watch.stop();
        }
      }
    })();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
