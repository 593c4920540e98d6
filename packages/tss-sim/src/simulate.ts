import { describeResult, runSession, type SessionEvent, type SessionResult } from '@mpcium/session';
import type { PartyIndex, Rng, Step } from '@mpcium/tss';
import { randomBytes } from '@noble/hashes/utils.js';
import type { Adversary } from './adversary.js';
import { type HubStats, SimHub } from './hub.js';
import { childSeed, seededRng } from './rng.js';

export interface SimulateOptions<O> {
  /** Protocol name carried in every envelope. */
  readonly protocol: string;
  readonly parties: readonly PartyIndex[];
  /** Each party's first step. */
  readonly start: (self: PartyIndex, rng: Rng) => Step<O>;
  /** Seed of every random source in the run; random when absent. */
  readonly seed?: string | Uint8Array;
  readonly adversary?: Adversary;
  readonly roundTimeoutMs?: number;
  /** The session id every driver uses (derived from the seed when absent). */
  readonly sessionId?: Uint8Array;
  /** Overrides a party's session id (to test wrong-session handling). */
  readonly sessionIdFor?: (self: PartyIndex, sessionId: Uint8Array) => Uint8Array;
  readonly onEvent?: (self: PartyIndex, event: SessionEvent) => void;
}

export interface Simulation<O> {
  readonly results: ReadonlyMap<PartyIndex, SessionResult<O>>;
  readonly stats: HubStats;
}

/**
 * Runs every party of a protocol in this process through the real session driver over an
 * in-memory bus: each message is encoded to its protobuf wire form and decoded on delivery.
 */
export async function simulate<O>(options: SimulateOptions<O>): Promise<Simulation<O>> {
  const seed = options.seed ?? randomBytes(32);
  const hub = new SimHub(options.parties, seededRng(childSeed(seed, 'hub')), options.adversary);
  const sessionId = options.sessionId ?? childSeed(seed, 'session-id');
  const runs = options.parties.map(async (self) => {
    const rng = seededRng(childSeed(seed, `party-${self}`));
    const result = await runSession<O>({
      sessionId: options.sessionIdFor?.(self, sessionId) ?? sessionId,
      protocol: options.protocol,
      self,
      parties: options.parties,
      start: (r) => options.start(self, r),
      transport: hub.transport(self),
      rng,
      roundTimeoutMs: options.roundTimeoutMs ?? 30_000,
      ...(options.onEvent ? { onEvent: (e: SessionEvent) => options.onEvent!(self, e) } : {}),
    });
    return [self, result] as const;
  });
  return { results: new Map(await Promise.all(runs)), stats: hub.stats };
}

/** Every party's output; throws with each failure described when any party did not finish. */
export function outputs<O>(sim: Simulation<O>): Map<PartyIndex, O> {
  const out = new Map<PartyIndex, O>();
  const failures: string[] = [];
  for (const [party, r] of sim.results) {
    if (r.kind === 'ok') out.set(party, r.output);
    else failures.push(`party ${party}: ${describeResult(r)}`);
  }
  if (failures.length) throw new Error(`simulation failed: ${failures.join('; ')}`);
  return out;
}
