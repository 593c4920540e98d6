/**
 * The coordinator's side of the durable result events: each final operation is published
 * once to the results stream with its operation id as the JetStream message id, so a second
 * publish of the same operation (a restarted or second coordinator, a retry after a lost
 * ack) inside the duplicate window is dropped by the server and reported as a duplicate.
 * The same property makes retrying safe: a publish that times out or finds no JetStream
 * (a request lost in a reconnect, a server still recovering its streams; measured on 2.9.10)
 * is tried again a few times before the error reaches the caller. So `duplicate` means "the
 * server already had this operation", possibly from this publisher's own earlier attempt.
 * When no stream answers at all (a server restarted without its store), the stream is
 * ensured again and the publish tried once more.
 */
import { toBinary } from '@bufbuild/protobuf';
import { type Operation, OperationSchema } from '@mpcium/proto';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { resultKind } from './result-event.js';
import { ensureResultsStream, type ResultsStreamConfig } from './results-stream.js';

export const DEFAULT_RESULTS_STREAM = 'MPCIUM_RESULTS';
export const DEFAULT_RESULTS_PREFIX = 'mpcium.results';
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60 * 60 * 1000;
export const DEFAULT_RESULTS_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface ResultEventsOptions {
  readonly stream?: string;
  readonly subjectPrefix?: string;
  readonly duplicateWindowMs?: number;
  readonly maxAgeMs?: number;
  /** Wait for the server's ack per attempt; 2 s unless set. */
  readonly publishTimeoutMs?: number;
  /** Attempts per publish on timeouts and missing JetStream; 5 unless set. */
  readonly publishAttempts?: number;
}

export interface PublishedResult {
  /** The server already had this operation id within the duplicate window. */
  readonly duplicate: boolean;
  /** Stream sequence of the event (of the first publish, for a duplicate). */
  readonly seq: number;
}

/** Stream names and subject tokens: no dots, no wildcards, no spaces. */
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function resultsStreamConfig(o: ResultEventsOptions = {}): ResultsStreamConfig {
  const c = Object.freeze({
    stream: o.stream ?? DEFAULT_RESULTS_STREAM,
    subjectPrefix: o.subjectPrefix ?? DEFAULT_RESULTS_PREFIX,
    duplicateWindowMs: o.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
    maxAgeMs: o.maxAgeMs ?? DEFAULT_RESULTS_MAX_AGE_MS,
  });
  if (!NAME.test(c.stream)) throw new RangeError(`invalid stream name ${JSON.stringify(c.stream)}`);
  if (!PREFIX.test(c.subjectPrefix))
    throw new RangeError(`invalid subject prefix ${JSON.stringify(c.subjectPrefix)}`);
  for (const [name, ms] of [
    ['duplicateWindowMs', c.duplicateWindowMs],
    ['maxAgeMs', c.maxAgeMs],
  ] as const) {
    if (!Number.isSafeInteger(ms) || ms <= 0) throw new RangeError(`${name} must be a positive integer`);
  }
  // The server refuses a duplicate window longer than max-age.
  if (c.duplicateWindowMs > c.maxAgeMs) throw new RangeError('duplicateWindowMs must be <= maxAgeMs');
  return c;
}

export class ResultEvents {
  readonly config: ResultsStreamConfig;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #timeout: number;
  readonly #retries: number;

  private constructor(
    js: JetStreamClient,
    jsm: JetStreamManager,
    config: ResultsStreamConfig,
    o: ResultEventsOptions,
  ) {
    this.#js = js;
    this.#jsm = jsm;
    this.config = config;
    this.#timeout = o.publishTimeoutMs ?? 2_000;
    this.#retries = o.publishAttempts ?? 5;
    if (!Number.isSafeInteger(this.#timeout) || this.#timeout <= 0)
      throw new RangeError('publishTimeoutMs must be a positive integer');
    if (!Number.isSafeInteger(this.#retries) || this.#retries < 1)
      throw new RangeError('publishAttempts must be a positive integer');
  }

  /** Ensures the results stream (created, or updated to these settings) and returns a publisher. */
  static async open(nc: NatsConnection, options: ResultEventsOptions = {}): Promise<ResultEvents> {
    const config = resultsStreamConfig(options);
    const events = new ResultEvents(jetstream(nc), await jetstreamManager(nc), config, options);
    await ensureResultsStream(events.#jsm, config);
    return events;
  }

  /** Publishes a final operation; rejects with a TypeError for one that is not final. */
  async publish(op: Operation): Promise<PublishedResult> {
    const subject = `${this.config.subjectPrefix}.${resultKind(op)}`;
    const data = toBinary(OperationSchema, op);
    try {
      return await this.#send(subject, data, op.operationId);
    } catch (err) {
      if (!(err instanceof Error && err.name === 'JetStreamNotEnabled')) throw err;
      await ensureResultsStream(this.#jsm, this.config);
      return this.#send(subject, data, op.operationId);
    }
  }

  async #send(subject: string, data: Uint8Array, operationId: string): Promise<PublishedResult> {
    const ack = await this.#js.publish(subject, data, {
      msgID: operationId,
      expect: { streamName: this.config.stream },
      timeout: this.#timeout,
      retries: this.#retries,
    });
    return { duplicate: ack.duplicate, seq: ack.seq };
  }
}
