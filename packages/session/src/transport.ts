import type { PartyIndex } from '@mpcium/tss';

/**
 * The port a session runs over (STYLE.md rule 11). It moves encoded `PeerEnvelope` bytes; the
 * adapter behind it (in-memory bus, NATS) signs, encrypts and routes them. `to === null` is a
 * broadcast to every other participant of the session.
 */
export interface Transport {
  send(to: PartyIndex | null, envelope: Uint8Array): void | Promise<void>;
  /** Registers the receiver of this party's inbound envelopes; returns the unsubscribe. */
  subscribe(handler: (envelope: Uint8Array) => void): () => void;
}

/** A transport opened for one session, released with `close()` when the session ends. */
export interface SessionTransport extends Transport {
  close(): void;
}

/** Timer port so tests and simulators can control time. */
export interface Timers {
  set(ms: number, fn: () => void): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = Object.freeze({
  set: (ms: number, fn: () => void) => setTimeout(fn, ms),
  clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
