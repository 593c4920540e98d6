/**
 * How old a heartbeat is, without comparing two machines' clocks.
 *
 * A live heartbeat is as old as the time since it arrived here. That alone would make a dead
 * node look fresh when its last value is replayed (the watcher starts, or re-watches after a
 * reconnect, and receives the bucket's current values, up to max-age old). So each entry also
 * keeps the server's store timestamp, and its age is measured from the last entry received:
 * the server-clock gap between the two, moved onto the local clock. Only differences of one
 * server's timestamps are used; the node's own `at_ms` is informational and never compared.
 * The estimate is never later than the entry's own arrival, so a server clock stepped back
 * cannot make an entry look fresher than a live one. What remains: until a newer entry
 * arrives, the newest replayed entry counts as just received.
 */

export interface Arrival {
  /** When the server stored the entry, on the server's clock (ms since the epoch). */
  readonly storedAtMs: number;
  /** When this watcher received it, on the local monotonic clock (ms). */
  readonly receivedAtMs: number;
}

/** The local time at which `entry` was stored, estimated against `latest`, the last arrival. */
export function localStoredAt(entry: Arrival, latest: Arrival): number {
  return Math.min(entry.receivedAtMs, latest.receivedAtMs - (latest.storedAtMs - entry.storedAtMs));
}

/** The entry's age at local time `now`. */
export function ageMs(entry: Arrival, latest: Arrival, now: number): number {
  return now - localStoredAt(entry, latest);
}
