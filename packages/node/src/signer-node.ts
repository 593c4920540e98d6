/**
 * A signer node's core (ARCHITECTURE.md "signer"): it answers session proposals from the
 * coordinator, checking participants and the initiator's signed intent itself, loads what the
 * session needs from its keystore, joins the session through a transport, runs the protocol and
 * stores the result. Adapters (NATS or in-memory transports, the SQLite keystore, a prime pool)
 * are injected; this class does no other I/O.
 */

import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { InitiatorKey, IntentPolicy } from '@mpcium/intent';
import type { KeyStore } from '@mpcium/keystore-sqlite';
import {
  FrostNonceCommitmentSchema,
  type KeyType,
  type NonceCommitRequest,
  type NonceCommitResponse,
  NonceCommitResponseSchema,
  type RecallRequest,
  SessionKind,
  type SessionOutcome,
  SessionOutcomeSchema,
  type SessionProposal,
  type SessionReady,
  SessionReadySchema,
} from '@mpcium/proto';
import { runSession, type SessionTransport } from '@mpcium/session';
import type { PartyIndex, Rng, SecurityProfile } from '@mpcium/tss';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { authorize, type ClusterView, checkParticipants, Refusal } from './authorize.js';
import {
  commitNonces,
  DEFAULT_MAX_POOLED,
  type OutcomeFields,
  type PreparedSession,
  prepareSession,
  storedPublicKey,
} from './prepare.js';

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
  /** Presignatures this node holds per wallet at most; presigning beyond is refused (default 16). */
  readonly maxPooledPresignatures?: number;
  /** FROST nonces this node holds per wallet key at most (default 16). */
  readonly maxPooledNonces?: number;
  /** Where failures of work done after a reply go (storing a signing outcome for recovery). */
  readonly onBackgroundError?: (err: unknown) => void;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const isSigning = (kind: SessionKind) => kind === SessionKind.ECDSA_SIGN || kind === SessionKind.FROST_SIGN;

/** Keystore names hold a digest of the intent id (ids may be as long as a name may be). */
const intentDigest = (intentId: string) => hex(sha256(new TextEncoder().encode(intentId)));
const spentName = (intentId: string) => `intent.${intentDigest(intentId)}`;
const outcomeName = (intentId: string) => `outcome.${intentDigest(intentId)}`;

/** What a session holds while prepared or running: its signing intent or the key it generates. */
function busyKey(kind: SessionKind, walletId: string, keyType: KeyType, intentId: string | undefined) {
  if (isSigning(kind)) return intentId ? `intent:${intentId}` : undefined;
  if (kind === SessionKind.ECDSA_KEYGEN) return `key:${walletId}:ecdsa`;
  if (kind === SessionKind.FROST_KEYGEN) return `key:${walletId}:${keyType}`;
  return undefined;
}

export class SignerNode {
  readonly #o: SignerNodeOptions;
  readonly #prepared = new Map<
    string,
    PreparedSession & { transport: SessionTransport; busy: string | undefined }
  >();
  /**
   * What sessions prepared or running on this node hold: a signing intent, or a wallet key being
   * generated. A second proposal for the same one is refused (spent intents are in the keystore).
   */
  readonly #busy = new Set<string>();
  #running = 0;
  #closing = false;
  /** Outcome records being written after their reply (awaited by `drain`). */
  readonly #writes = new Set<Promise<void>>();
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
    if (this.#running === 0) {
      await Promise.all([...this.#writes]);
      return 0;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.#idle.add(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    await Promise.all([...this.#writes]);
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
      const busy = busyKey(p.kind, p.walletId, p.keyType, intent?.intent.id);
      if (busy && this.#busy.has(busy)) {
        throw new Refusal(
          isSigning(p.kind)
            ? 'this intent was already used for a signature (replay)'
            : 'this wallet key is already being generated',
        );
      }
      if (busy) this.#busy.add(busy);
      let transport: SessionTransport | undefined;
      try {
        // The replay check and joining the session's subjects are independent round trips.
        const [spent, joined] = await Promise.all([
          intent && isSigning(p.kind) ? this.#o.keystore.getSecret(spentName(intent.intent.id)) : undefined,
          this.#o.transports.open(p.sessionId, this.#o.cluster.self),
        ]);
        transport = joined;
        if (spent) throw new Refusal('this intent was already used for a signature (replay)');
        const prepared = await prepareSession(p, participants, intent, this.#o);
        this.#prepared.set(key, { ...prepared, transport, busy });
      } catch (e) {
        transport?.close();
        if (busy) this.#busy.delete(busy);
        throw e;
      }
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
      if (s.intentId) await this.#o.keystore.putSecret(spentName(s.intentId), sessionId);
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
      if (result.kind === 'ok') {
        const done = outcome({ ok: true, ...(await s.store(result.output)) });
        // Kept so a coordinator that restarted meanwhile can still collect the signature; written
        // after the reply (the signature is public, and losing it only costs that recovery).
        if (s.intentId) {
          const outcomeBytes = toBinary(SessionOutcomeSchema, done);
          const name = outcomeName(s.intentId);
          const write = this.#o.keystore.putSecret(name, outcomeBytes).catch((err: unknown) => {
            this.#o.onBackgroundError?.(err);
          });
          this.#writes.add(write);
          void write.finally(() => this.#writes.delete(write));
        }
        return done;
      }
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
      if (s.busy) this.#busy.delete(s.busy);
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
    if (s.busy) this.#busy.delete(s.busy);
  }

  /**
   * Adds FROST nonces to this node's pool for a wallet key (up to `maxPooledNonces`) and returns
   * their public commitments; the coordinator assigns them to one-round signing sessions.
   */
  async commitNonces(r: NonceCommitRequest): Promise<NonceCommitResponse> {
    try {
      if (this.#closing) throw new Refusal('the node is shutting down');
      const commitments = await commitNonces(
        this.#o.keystore,
        r.walletId,
        r.keyType,
        r.count,
        this.#o.maxPooledNonces ?? DEFAULT_MAX_POOLED,
        this.#o.rng ?? ((n = 32) => randomBytes(n)),
      );
      return create(NonceCommitResponseSchema, {
        commitments: commitments.map((c) => create(FrostNonceCommitmentSchema, c)),
      });
    } catch (e) {
      return create(NonceCommitResponseSchema, {
        error: e instanceof Refusal ? e.message : 'nonces could not be made',
      });
    }
  }

  /**
   * What became of this node's part of an operation (for a coordinator that restarted): a
   * signing intent's stored outcome, or the public key of a wallet key this node holds.
   * `errorKind` is `running`, `interrupted` (the intent was spent but no result stored) or
   * `unknown` (this node never started it).
   */
  async recall(r: RecallRequest): Promise<SessionOutcome> {
    const outcome = (fields: OutcomeFields) =>
      create(SessionOutcomeSchema, { party: this.#o.cluster.self, ...fields });
    try {
      const busy = busyKey(r.kind, r.walletId, r.keyType, r.intentId);
      if (busy && this.#busy.has(busy)) return outcome({ ok: false, errorKind: 'running' });
      if (isSigning(r.kind)) {
        const stored = await this.#o.keystore.getSecret(outcomeName(r.intentId));
        if (stored) return fromBinary(SessionOutcomeSchema, stored);
        const spent = await this.#o.keystore.getSecret(spentName(r.intentId));
        return outcome({ ok: false, errorKind: spent ? 'interrupted' : 'unknown' });
      }
      const publicKey = await storedPublicKey(this.#o.keystore, r.kind, r.walletId, r.keyType);
      return publicKey ? outcome({ ok: true, publicKey }) : outcome({ ok: false, errorKind: 'unknown' });
    } catch (e) {
      return outcome({
        ok: false,
        errorKind: 'refused',
        error: e instanceof Refusal ? e.message : 'bad recall',
      });
    }
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
