import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { type BroadcastEcho, type PeerEnvelope, PeerEnvelopeSchema } from '@mpcium/proto';
import {
  type Abort,
  abort,
  assertParties,
  type Outbound,
  type PartyIndex,
  type Rng,
  type Round,
  type Step,
} from '@mpcium/tss';
import { broadcastDigest, checkEcho, makeEcho } from './echo.js';
import type { DropReason, SessionEvent, SessionResult } from './result.js';
import { realTimers, type Timers, type Transport } from './transport.js';

export const SESSION_ID_BYTES = 32;
export const DEFAULT_MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;

export interface SessionOptions<O> {
  readonly sessionId: Uint8Array;
  readonly protocol: string;
  readonly self: PartyIndex;
  readonly parties: readonly PartyIndex[];
  /** Builds this party's first step (round 1 and its outbound messages). */
  readonly start: (rng: Rng) => Step<O>;
  readonly transport: Transport;
  readonly rng: Rng;
  /** How long a round may wait for its messages before the session times out. */
  readonly roundTimeoutMs: number;
  readonly timers?: Timers;
  /** Future rounds buffered at most this far ahead of the current one. */
  readonly maxRoundsAhead?: number;
  readonly maxEnvelopeBytes?: number;
  readonly onEvent?: (event: SessionEvent) => void;
}

interface Received {
  broadcast?: { readonly payload: Uint8Array; readonly message: unknown };
  p2p?: { readonly payload: Uint8Array; readonly message: unknown };
}

/**
 * Drives one party through a protocol over a Transport (cggmp21's round-based delivery port).
 * Every inbound envelope is checked before any cryptography: session id, protocol, membership,
 * routing, round and duplicates; future-round messages are buffered; a reliable broadcast is
 * followed by an echo inside the next round's envelopes; each round times out naming the
 * parties it still waits for.
 */
export function runSession<O>(options: SessionOptions<O>): Promise<SessionResult<O>> {
  return new Promise((resolve) => new SessionDriver(options, resolve).begin());
}

class SessionDriver<O> {
  readonly #o: SessionOptions<O>;
  readonly #resolve: (r: SessionResult<O>) => void;
  readonly #timers: Timers;
  readonly #parties: readonly PartyIndex[];
  readonly #maxAhead: number;
  readonly #maxBytes: number;
  #round: Round<O> | undefined;
  #received = new Map<PartyIndex, Received>();
  /** Future-round envelopes: at most one broadcast and one p2p per sender and round, so a peer
   * cannot grow this buffer beyond (rounds ahead) x (peers) x 2 envelopes. */
  #future = new Map<number, Map<string, PeerEnvelope>>();
  /** Our view of the current round's reliable broadcasts: per-sender digests. */
  #reliable: { round: number; digests: Map<PartyIndex, Uint8Array> } | undefined;
  /** The previous round's view, which every current-round envelope must echo. */
  #echoed: { round: number; digests: Map<PartyIndex, Uint8Array> } | undefined;
  /** Echo attached to our outbound messages of the current round. */
  #echo: BroadcastEcho | undefined;
  #timer: unknown;
  #unsubscribe: (() => void) | undefined;
  #ended = false;

  constructor(options: SessionOptions<O>, resolve: (r: SessionResult<O>) => void) {
    this.#o = options;
    this.#resolve = resolve;
    this.#timers = options.timers ?? realTimers;
    this.#parties = assertParties(options.parties, options.self);
    this.#maxAhead = options.maxRoundsAhead ?? 4;
    this.#maxBytes = options.maxEnvelopeBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
    if (options.sessionId.length !== SESSION_ID_BYTES) {
      throw new RangeError(`session id must be ${SESSION_ID_BYTES} bytes`);
    }
  }

  begin(): void {
    this.#unsubscribe = this.#o.transport.subscribe((bytes) => this.#onEnvelope(bytes));
    let step: Step<O>;
    try {
      step = this.#o.start(this.#o.rng);
    } catch (e) {
      this.#end({ kind: 'bug', message: `start failed: ${errorMessage(e)}` });
      return;
    }
    this.#apply(step);
  }

  #apply(first: Step<O>): void {
    let step: Step<O> | undefined = first;
    while (step && !this.#ended) {
      if (step.kind === 'done') return this.#end({ kind: 'ok', output: step.output });
      if (step.kind === 'abort') return this.#end(step);
      step = this.#enter(step.round, step.out);
    }
  }

  /** Starts a round: sends its outbound messages, then replays buffered ones. */
  #enter(round: Round<O>, out: readonly Outbound[]): Step<O> | undefined {
    const previous = this.#round;
    this.#clearTimer();
    this.#round = round;
    this.#received = new Map();
    this.#o.onEvent?.({ type: 'round', round: round.number });
    const wasReliable = previous?.broadcast?.reliable === true && this.#reliable !== undefined;
    this.#echoed = wasReliable ? this.#reliable : undefined;
    this.#echo = this.#echoed ? makeEcho(this.#echoed.round, this.#echoed.digests) : undefined;
    if (wasReliable && !round.broadcast && !round.p2p) {
      this.#end({
        kind: 'bug',
        message: `round ${round.number} follows a reliable broadcast but carries no echo`,
      });
      return undefined;
    }
    this.#reliable = round.broadcast?.reliable ? { round: round.number, digests: new Map() } : undefined;
    for (const m of out) {
      if (m.to !== null && (m.to === this.#o.self || !this.#parties.includes(m.to))) {
        this.#end({ kind: 'bug', message: `round ${round.number} addressed a message to non-peer ${m.to}` });
        return undefined;
      }
      if (m.to === null && this.#reliable?.round === round.number) {
        this.#reliable.digests.set(this.#o.self, this.#digest(round.number, this.#o.self, m.payload));
      }
      this.#send(round.number, m.to, m.payload);
    }
    this.#timer = this.#timers.set(this.#o.roundTimeoutMs, () => this.#onTimeout(round.number));
    const buffered = [...(this.#future.get(round.number)?.values() ?? [])];
    this.#future.delete(round.number);
    for (const env of buffered) {
      if (this.#ended) return undefined;
      this.#accept(env);
    }
    return this.#ended ? undefined : this.#tryFinalize();
  }

  #send(round: number, to: PartyIndex | null, payload: Uint8Array): void {
    const env = create(PeerEnvelopeSchema, {
      sessionId: this.#o.sessionId,
      protocol: this.#o.protocol,
      round,
      from: this.#o.self,
      to: to ?? 0,
      payload,
      ...(this.#echo ? { echo: this.#echo } : {}),
    });
    try {
      const sent = this.#o.transport.send(to, toBinary(PeerEnvelopeSchema, env));
      if (sent instanceof Promise) sent.catch((e) => this.#end({ kind: 'io', message: errorMessage(e) }));
    } catch (e) {
      this.#end({ kind: 'io', message: errorMessage(e) });
    }
  }

  #onEnvelope(bytes: Uint8Array): void {
    if (this.#ended) return this.#drop('after-end');
    if (bytes.length > this.#maxBytes) return this.#drop('oversized');
    let env: PeerEnvelope;
    try {
      env = fromBinary(PeerEnvelopeSchema, bytes);
    } catch {
      return this.#drop('malformed-envelope');
    }
    if (!sameBytes(env.sessionId, this.#o.sessionId)) return this.#drop('wrong-session', env);
    if (env.protocol !== this.#o.protocol) return this.#drop('wrong-protocol', env);
    if (env.from === this.#o.self || !this.#parties.includes(env.from)) return this.#drop('non-member', env);
    if (env.to !== 0 && env.to !== this.#o.self) return this.#drop('misrouted', env);
    const current = this.#round?.number ?? 0;
    if (env.round < current) return this.#drop('past-round', env);
    if (env.round > current) {
      if (env.round > current + this.#maxAhead) return this.#drop('too-far-ahead', env);
      const slots = this.#future.get(env.round) ?? new Map<string, PeerEnvelope>();
      const key = `${env.from}/${env.to === 0 ? 'b' : 'p'}`;
      const first = slots.get(key);
      if (first) {
        if (sameBytes(first.payload, env.payload)) return this.#drop('duplicate', env);
        return this.#end(abort([env.from], `conflicting messages for round ${env.round}`));
      }
      slots.set(key, env);
      this.#future.set(env.round, slots);
      this.#o.onEvent?.({ type: 'buffered', from: env.from, round: env.round });
      return;
    }
    this.#accept(env);
    if (!this.#ended) {
      const step = this.#tryFinalize();
      if (step) this.#apply(step);
    }
  }

  /** Checks and stores one current-round envelope; ends the session on misbehaviour. */
  #accept(env: PeerEnvelope): void {
    const round = this.#round!;
    const kind = env.to === 0 ? 'broadcast' : 'p2p';
    const spec = kind === 'broadcast' ? round.broadcast : round.p2p;
    if (!spec) return this.#drop('unexpected-kind', env);
    const slot = this.#received.get(env.from) ?? {};
    const existing = slot[kind];
    if (existing) {
      if (sameBytes(existing.payload, env.payload)) return this.#drop('duplicate', env);
      return this.#end(
        abort([env.from], `conflicting ${spec.name} messages in round ${round.number}`, {
          first: toHex(existing.payload),
          second: toHex(env.payload),
        }),
      );
    }
    if (this.#echoed) {
      const bad = checkEcho(env.from, env.echo, this.#echoed.round, this.#echoed.digests);
      if (bad) return this.#end(abort(bad.culprits, bad.reason, { echoer: String(env.from) }));
    }
    let message: unknown;
    try {
      message = spec.decode(env.payload);
    } catch (e) {
      return this.#end(abort([env.from], `invalid ${spec.name} message: ${errorMessage(e)}`));
    }
    if (kind === 'broadcast' && spec.reliable) {
      this.#reliable!.digests.set(env.from, this.#digest(round.number, env.from, env.payload));
    }
    slot[kind] = { payload: env.payload, message };
    this.#received.set(env.from, slot);
  }

  #missing(): PartyIndex[] {
    const round = this.#round!;
    return round.peers.filter((p) => {
      const slot = this.#received.get(p);
      return (round.broadcast && !slot?.broadcast) || (round.p2p && !slot?.p2p);
    });
  }

  #tryFinalize(): Step<O> | undefined {
    const round = this.#round!;
    if (this.#missing().length > 0) return undefined;
    const broadcast = new Map<PartyIndex, unknown>();
    const p2p = new Map<PartyIndex, unknown>();
    for (const [from, slot] of this.#received) {
      if (slot.broadcast) broadcast.set(from, slot.broadcast.message);
      if (slot.p2p) p2p.set(from, slot.p2p.message);
    }
    try {
      return round.finalize({ broadcast, p2p }, this.#o.rng);
    } catch (e) {
      this.#end({ kind: 'bug', message: `round ${round.number} failed: ${errorMessage(e)}` });
      return undefined;
    }
  }

  #onTimeout(round: number): void {
    if (this.#ended || this.#round?.number !== round) return;
    this.#end({ kind: 'timeout', round, missing: this.#missing() });
  }

  #digest(round: number, from: PartyIndex, payload: Uint8Array): Uint8Array {
    return broadcastDigest(this.#o.sessionId, this.#o.protocol, round, from, payload);
  }

  #drop(reason: DropReason, env?: PeerEnvelope): void {
    this.#o.onEvent?.({ type: 'dropped', reason, ...(env ? { from: env.from, round: env.round } : {}) });
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = undefined;
  }

  #end(result: SessionResult<O> | Abort): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#clearTimer();
    this.#unsubscribe?.();
    this.#future.clear();
    this.#resolve(result);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
