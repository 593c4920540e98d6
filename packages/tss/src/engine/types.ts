/**
 * The protocol engine's vocabulary. A protocol is a chain of pure rounds: each round takes the
 * messages of its number from every other party and returns the next round with the messages to
 * send, the output, or an abort naming culprits (STYLE.md rule 1; multi-party-sig's rounds,
 * ZcashFoundation/frost's DKG functions). Rounds never do I/O, read clocks or global randomness:
 * the random source is an argument.
 */

/** 1-based index of a party in a session's participant list. Zero is never a valid party. */
export type PartyIndex = number;

/** A random source: returns `n` fresh bytes. Tests pass a seeded one. */
export type Rng = (n?: number) => Uint8Array;

/** How a message travels. `reliable` broadcasts are echo-checked by the session driver. */
export interface MessageSpec<T> {
  /** Stable name, used in errors and evidence, e.g. `frost.dkg.r1`. */
  readonly name: string;
  readonly kind: 'broadcast' | 'p2p';
  /** The driver must prove every recipient saw the same bytes (CRYPTO.md item 12). */
  readonly reliable: boolean;
  encode(message: T): Uint8Array;
  /** Parses and validates wire bytes; throws on anything malformed. */
  decode(bytes: Uint8Array): T;
}

/** A message leaving a round: `to === null` is a broadcast to every other party. */
export interface Outbound {
  readonly to: PartyIndex | null;
  readonly payload: Uint8Array;
}

/** What a round receives: at most one broadcast and one p2p message from every other party. */
export interface Inbound<B, P> {
  readonly broadcast: ReadonlyMap<PartyIndex, B>;
  readonly p2p: ReadonlyMap<PartyIndex, P>;
}

/** A failed protocol run with the parties it blames and public evidence (hex or text only). */
export interface Abort {
  readonly kind: 'abort';
  readonly culprits: readonly PartyIndex[];
  readonly reason: string;
  readonly evidence?: Readonly<Record<string, string>>;
}

export type Step<O> =
  | { readonly kind: 'next'; readonly round: Round<O>; readonly out: readonly Outbound[] }
  | { readonly kind: 'done'; readonly output: O }
  | Abort;

/**
 * One protocol round. It declares which messages it expects from every other party; the driver
 * collects them (checking session, membership, duplicates, and reliable broadcast first) and
 * calls `finalize` exactly once with all of them.
 */
export interface Round<O, B = unknown, P = unknown> {
  readonly protocol: string;
  readonly number: number;
  /** Parties whose messages this round waits for (every participant except self). */
  readonly peers: readonly PartyIndex[];
  readonly broadcast?: MessageSpec<B>;
  readonly p2p?: MessageSpec<P>;
  finalize(inbound: Inbound<B, P>, rng: Rng): Step<O>;
}

export function abort(
  culprits: readonly PartyIndex[],
  reason: string,
  evidence?: Record<string, string>,
): Abort {
  return Object.freeze({
    kind: 'abort',
    culprits: Object.freeze([...new Set(culprits)].sort((a, b) => a - b)),
    reason,
    ...(evidence ? { evidence: Object.freeze({ ...evidence }) } : {}),
  });
}

export function next<O>(round: Round<O>, out: readonly Outbound[]): Step<O> {
  return Object.freeze({ kind: 'next', round, out: Object.freeze([...out]) });
}

export function done<O>(output: O): Step<O> {
  return Object.freeze({ kind: 'done', output });
}

export function broadcastTo<T>(spec: MessageSpec<T>, message: T): Outbound {
  if (spec.kind !== 'broadcast') throw new TypeError(`${spec.name} is not a broadcast message`);
  return Object.freeze({ to: null, payload: spec.encode(message) });
}

export function sendTo<T>(spec: MessageSpec<T>, to: PartyIndex, message: T): Outbound {
  if (spec.kind !== 'p2p') throw new TypeError(`${spec.name} is not a point-to-point message`);
  return Object.freeze({ to, payload: spec.encode(message) });
}
