/**
 * The coordinator side of the control channel: a NodeEndpoint reaching one signer over NATS
 * request/reply. A node that does not answer in time makes `propose` reject (gone, which the
 * coordinator tells from a refusal) and `run` report a timeout; `online()` pings it, with the
 * answer cached briefly.
 */
import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from '@bufbuild/protobuf';
import {
  type NonceCommitRequest,
  NonceCommitRequestSchema,
  type NonceCommitResponse,
  NonceCommitResponseSchema,
  type RecallRequest,
  RecallRequestSchema,
  type SessionOutcome,
  SessionOutcomeSchema,
  type SessionProposal,
  SessionProposalSchema,
  type SessionReady,
  SessionReadySchema,
} from '@mpcium/proto';
import type { PartyIndex } from '@mpcium/tss';
import { type Msg, type NatsConnection, RequestError } from '@nats-io/transport-node';

const NO_RESPONDER_ATTEMPTS = 8;
const NO_RESPONDER_DELAY_MS = 250;

import { controlSubjects, DEFAULT_CONTROL_PREFIX } from './subjects.js';

export interface NatsNodeClientOptions {
  readonly nodeId: string;
  readonly party: PartyIndex;
  readonly prefix?: string;
  readonly proposeTimeoutMs?: number;
  /** Longest a session may run (key generation with aux info can take minutes). */
  readonly runTimeoutMs?: number;
  readonly pingTimeoutMs?: number;
  readonly pingCacheMs?: number;
}

export class NatsNodeClient {
  readonly nodeId: string;
  readonly party: PartyIndex;
  readonly #nc: NatsConnection;
  readonly #s: ReturnType<typeof controlSubjects>;
  readonly #o: NatsNodeClientOptions;
  #lastPing: { at: number; ok: boolean } | undefined;

  constructor(nc: NatsConnection, options: NatsNodeClientOptions) {
    this.#nc = nc;
    this.#o = options;
    this.nodeId = options.nodeId;
    this.party = options.party;
    this.#s = controlSubjects(options.prefix ?? DEFAULT_CONTROL_PREFIX, options.nodeId);
  }

  async propose(p: SessionProposal): Promise<SessionReady> {
    return this.#call(
      this.#s.propose,
      toBinary(SessionProposalSchema, p),
      SessionReadySchema,
      this.#o.proposeTimeoutMs ?? 10_000,
      () => {
        // Not a refusal: the coordinator tells a node that is gone from one that said no.
        throw new Error(`${this.nodeId} did not answer`);
      },
    );
  }

  async run(sessionId: Uint8Array): Promise<SessionOutcome> {
    return this.#call(this.#s.run, sessionId, SessionOutcomeSchema, this.#o.runTimeoutMs ?? 300_000, () =>
      create(SessionOutcomeSchema, {
        sessionId,
        party: this.party,
        ok: false,
        errorKind: 'timeout',
        error: `${this.nodeId} did not report an outcome`,
        culprits: [this.party],
      }),
    );
  }

  /** What became of the node's part of an operation (see SignerNode.recall). */
  async recall(request: RecallRequest): Promise<SessionOutcome> {
    return this.#call(
      this.#s.recall,
      toBinary(RecallRequestSchema, request),
      SessionOutcomeSchema,
      this.#o.proposeTimeoutMs ?? 10_000,
      () =>
        create(SessionOutcomeSchema, {
          party: this.party,
          ok: false,
          errorKind: 'timeout',
          error: `${this.nodeId} did not answer`,
        }),
    );
  }

  /** Asks the node for pooled FROST nonces; their commitments, or none if it did not answer. */
  async commitNonces(request: NonceCommitRequest): Promise<NonceCommitResponse> {
    return this.#call(
      this.#s.commit,
      toBinary(NonceCommitRequestSchema, request),
      NonceCommitResponseSchema,
      this.#o.proposeTimeoutMs ?? 10_000,
      () => create(NonceCommitResponseSchema, { error: `${this.nodeId} did not answer` }),
    );
  }

  /** One request and its decoded answer; `silent()` when the node did not answer (or garbled it). */
  async #call<Out extends DescMessage>(
    subject: string,
    data: Uint8Array,
    output: Out,
    timeout: number,
    silent: () => MessageShape<Out>,
  ): Promise<MessageShape<Out>> {
    try {
      return fromBinary(output, (await this.#request(subject, data, timeout)).data);
    } catch {
      return silent();
    }
  }

  /**
   * A request that is retried briefly while the server knows no subscriber for the subject: right
   * after a NATS server restart, clients re-subscribe one by one. Other failures are not retried.
   */
  async #request(subject: string, data: Uint8Array, timeout: number): Promise<Msg> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#nc.request(subject, data, { timeout });
      } catch (e) {
        const noResponders = e instanceof RequestError && e.isNoResponders();
        if (!noResponders || attempt >= NO_RESPONDER_ATTEMPTS) throw e;
        await new Promise((r) => setTimeout(r, NO_RESPONDER_DELAY_MS));
      }
    }
  }

  cancel(sessionId: Uint8Array): void {
    this.#nc.publish(this.#s.cancel, sessionId);
  }

  async online(): Promise<boolean> {
    const now = Date.now();
    if (this.#lastPing && now - this.#lastPing.at < (this.#o.pingCacheMs ?? 1_000)) return this.#lastPing.ok;
    let ok = false;
    try {
      await this.#nc.request(this.#s.ping, new Uint8Array(), { timeout: this.#o.pingTimeoutMs ?? 1_000 });
      ok = true;
    } catch {
      ok = false;
    }
    this.#lastPing = { at: Date.now(), ok };
    return ok;
  }
}
