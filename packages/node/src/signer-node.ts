/**
 * A signer node's core (ARCHITECTURE.md "signer"): it answers session proposals from the
 * coordinator, checking participants and the initiator's signed intent itself, loads what the
 * session needs from its keystore, joins the session through a transport, runs the protocol and
 * stores the result. Adapters (NATS or in-memory transports, the SQLite keystore, a prime pool)
 * are injected; this class does no other I/O.
 */

import { create } from '@bufbuild/protobuf';
import type { InitiatorKey, IntentPolicy } from '@mpcium/intent';
import type { KeyStore } from '@mpcium/keystore-sqlite';
import {
  SessionKind,
  type SessionOutcome,
  SessionOutcomeSchema,
  type SessionProposal,
  type SessionReady,
  SessionReadySchema,
} from '@mpcium/proto';
import { runSession, type SessionTransport } from '@mpcium/session';
import type { PartyIndex, Rng, SecurityProfile } from '@mpcium/tss';
import { randomBytes } from '@noble/hashes/utils.js';
import { authorize, type ClusterView, checkParticipants, Refusal } from './authorize.js';
import { type OutcomeFields, type PreparedSession, prepareSession } from './prepare.js';

export interface SessionTransports {
  open(sessionId: Uint8Array, self: PartyIndex): Promise<SessionTransport> | SessionTransport;
}

/** Where safe primes for the node's Paillier modulus come from (`@mpcium/prime-pool`). */
export interface PrimeSource {
  take(): Promise<bigint>;
}

export interface SignerNodeOptions {
  readonly cluster: ClusterView & { readonly profile: SecurityProfile; readonly auxSetId: string };
  readonly keystore: KeyStore;
  readonly transports: SessionTransports;
  readonly initiatorKeys: ReadonlyMap<string, InitiatorKey>;
  readonly primes?: PrimeSource;
  readonly intentPolicy?: IntentPolicy;
  readonly now?: () => number;
  readonly rng?: Rng;
  readonly roundTimeoutMs?: number;
  readonly maxConcurrentSessions?: number;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export class SignerNode {
  readonly #o: SignerNodeOptions;
  readonly #prepared = new Map<string, PreparedSession & { transport: SessionTransport }>();
  /** Intents with a signing session in flight on this node (persisted ones are in the keystore). */
  readonly #intentsInFlight = new Set<string>();
  #running = 0;
  #closing = false;
  readonly #idle = new Set<() => void>();

  constructor(options: SignerNodeOptions) {
    this.#o = options;
  }

  get party(): PartyIndex {
    return this.#o.cluster.self;
  }

  /** Sessions prepared or running now, and how many may be. */
  sessions(): { readonly running: number; readonly prepared: number; readonly max: number } {
    return { running: this.#running, prepared: this.#prepared.size, max: this.#maxSessions() };
  }

  /**
   * Graceful shutdown: refuses new proposals, drops prepared sessions that have not started, and
   * waits (at most `graceMs`) for running ones to end and store their results. Resolves to the
   * number of sessions still running when the grace ran out.
   */
  async drain(graceMs: number): Promise<number> {
    this.#closing = true;
    for (const key of [...this.#prepared.keys()]) this.cancel(Buffer.from(key, 'hex'));
    if (this.#running === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.#idle.add(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    return this.#running;
  }

  /** Checks a proposal and, when it is acceptable, joins the session's transport. */
  async propose(p: SessionProposal): Promise<SessionReady> {
    try {
      if (this.#closing) throw new Refusal('the node is shutting down');
      const key = this.#checkSessionId(p.sessionId);
      if (this.#maxSessions() <= this.#prepared.size + this.#running) {
        throw new Refusal('too many sessions in progress');
      }
      const participants = checkParticipants(p, this.#o.cluster);
      const intent = authorize(p, this.#o.initiatorKeys, (this.#o.now ?? Date.now)(), this.#o.intentPolicy);
      const signing = p.kind === SessionKind.ECDSA_SIGN || p.kind === SessionKind.FROST_SIGN;
      if (intent && signing) {
        const id = intent.intent.id;
        if (this.#intentsInFlight.has(id) || (await this.#o.keystore.getSecret(`intent.${id}`))) {
          throw new Refusal('this intent was already used for a signature (replay)');
        }
        this.#intentsInFlight.add(id);
      }
      let prepared: PreparedSession;
      try {
        prepared = await prepareSession(p, participants, intent, this.#o);
      } catch (e) {
        if (intent && signing) this.#intentsInFlight.delete(intent.intent.id);
        throw e;
      }
      const transport = await this.#o.transports.open(p.sessionId, this.#o.cluster.self);
      this.#prepared.set(key, { ...prepared, transport });
      return create(SessionReadySchema, { accepted: true });
    } catch (e) {
      const reason =
        e instanceof Refusal || e instanceof RangeError ? e.message : 'proposal could not be prepared';
      return create(SessionReadySchema, { accepted: false, reason });
    }
  }

  /** Runs a prepared session to its end and stores its output. */
  async run(sessionId: Uint8Array): Promise<SessionOutcome> {
    const key = hex(sessionId);
    const s = this.#prepared.get(key);
    const outcome = (fields: OutcomeFields) =>
      create(SessionOutcomeSchema, { sessionId, party: this.#o.cluster.self, ...fields });
    if (!s) return outcome({ ok: false, errorKind: 'refused', error: 'no such prepared session' });
    this.#prepared.delete(key);
    this.#running++;
    try {
      // The intent is spent before our first message (which may carry our share) leaves.
      if (s.intentId) await this.#o.keystore.putSecret(`intent.${s.intentId}`, sessionId);
      const result = await runSession<unknown>({
        sessionId,
        protocol: s.protocol,
        self: this.#o.cluster.self,
        parties: s.participants,
        start: s.start,
        transport: s.transport,
        rng: this.#o.rng ?? ((n = 32) => randomBytes(n)),
        roundTimeoutMs: this.#o.roundTimeoutMs ?? 30_000,
      });
      if (result.kind === 'ok') return outcome({ ok: true, ...(await s.store(result.output)) });
      if (result.kind === 'abort')
        return outcome({
          ok: false,
          errorKind: 'abort',
          error: result.reason,
          culprits: [...result.culprits],
        });
      if (result.kind === 'timeout') {
        return outcome({
          ok: false,
          errorKind: 'timeout',
          error: `timed out in round ${result.round}`,
          culprits: [...result.missing],
        });
      }
      return outcome({ ok: false, errorKind: result.kind, error: result.message });
    } catch {
      return outcome({ ok: false, errorKind: 'bug', error: 'the node failed to run or store the session' });
    } finally {
      this.#running--;
      s.transport.close();
      if (s.intentId) this.#intentsInFlight.delete(s.intentId);
      if (this.#running === 0) {
        for (const resolve of this.#idle) resolve();
        this.#idle.clear();
      }
    }
  }

  /** Drops a prepared session that will not run (the coordinator gave up on it). */
  cancel(sessionId: Uint8Array): void {
    const key = hex(sessionId);
    const s = this.#prepared.get(key);
    if (!s) return;
    this.#prepared.delete(key);
    s.transport.close();
    if (s.intentId) this.#intentsInFlight.delete(s.intentId);
  }

  #maxSessions(): number {
    return this.#o.maxConcurrentSessions ?? 16;
  }

  #checkSessionId(sessionId: Uint8Array): string {
    if (sessionId.length !== 32) throw new Refusal('session id must be 32 bytes');
    const key = hex(sessionId);
    if (this.#prepared.has(key)) throw new Refusal('session already proposed');
    return key;
  }
}
