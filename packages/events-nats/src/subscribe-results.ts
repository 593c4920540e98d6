/**
 * The NATS event client's side: a durable pull consumer on the results stream. Events come
 * one at a time; each is acked (and the ack confirmed by the server) only after `onEvent`
 * resolves, so a client that was offline, crashed mid-event or restarted gets every event it
 * has not acked, and never again one it has. A failing `onEvent` is reported and the event
 * is redelivered after `retryDelayMs`; a malformed message is terminated and counted.
 * Delivery is at least once (an ack lost with the connection means one more delivery): the
 * operation id is the key to make `onEvent` idempotent.
 *
 * The durable consumer is created or updated to these settings (nats-server 2.9 updates an
 * existing durable's filter in place). The stream must exist: `ResultEvents.open` makes it.
 */
import type { Operation } from '@mpcium/proto';
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseResultEvent, RESULT_KINDS, type ResultKind } from './result-event.js';
import { DEFAULT_RESULTS_PREFIX, DEFAULT_RESULTS_STREAM } from './result-events.js';

export interface SubscribeResultsOptions {
  /** The consumer's durable name: one per client, kept by the server across restarts. */
  readonly durable: string;
  readonly stream?: string;
  readonly subjectPrefix?: string;
  /** Only events of this kind; all kinds unless set (nats-server 2.9 takes one filter). */
  readonly filter?: ResultKind;
  readonly onEvent: (op: Operation) => Promise<void> | void;
  /** Failures of `onEvent` and of acks; never payloads. */
  readonly onError?: (err: unknown) => void;
  /** Delay before an event whose `onEvent` failed is delivered again; 1 s unless set. */
  readonly retryDelayMs?: number;
  /** Time `onEvent` has before the server redelivers the event; 30 s unless set. */
  readonly ackWaitMs?: number;
}

export interface ResultSubscription {
  /** Events handled and acked. */
  readonly handled: number;
  /** Messages terminated because they were not a result event. */
  readonly malformed: number;
  /**
   * Stops after the event in hand. Prefetched events the iterator still yields are handed back
   * at once; any it dropped come again after the ack wait.
   */
  stop(): Promise<void>;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Prefetched events; they wait while earlier ones are handled, so keep them few. */
const BATCH = 8;

export async function subscribeResults(
  nc: NatsConnection,
  options: SubscribeResultsOptions,
): Promise<ResultSubscription> {
  const { durable, filter, onEvent } = options;
  // A throwing onError must not end the subscription.
  const onError = (err: unknown): void => {
    try {
      options.onError?.(err);
    } catch {}
  };
  const stream = options.stream ?? DEFAULT_RESULTS_STREAM;
  const prefix = options.subjectPrefix ?? DEFAULT_RESULTS_PREFIX;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  if (!NAME.test(durable)) throw new RangeError(`invalid durable name ${JSON.stringify(durable)}`);
  if (filter !== undefined && !RESULT_KINDS.includes(filter))
    throw new RangeError(`invalid result kind ${JSON.stringify(filter)}`);
  for (const [name, ms] of [
    ['retryDelayMs', retryDelayMs],
    ['ackWaitMs', ackWaitMs],
  ] as const) {
    if (!Number.isSafeInteger(ms) || ms <= 0) throw new RangeError(`${name} must be a positive integer`);
  }

  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${prefix}.${filter ?? '>'}`,
    ack_wait: ackWaitMs * 1_000_000,
    max_ack_pending: BATCH * 4,
  });
  const consumer = await jetstream(nc).consumers.get(stream, durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: BATCH });
  let handled = 0;
  let malformed = 0;
  let stopping = false;

  const handle = async (m: JsMsg): Promise<void> => {
    const op = parseResultEvent(m.data);
    if (!op) {
      malformed++;
      m.term();
      return;
    }
    try {
      await onEvent(op);
    } catch (err) {
      onError(err);
      m.nak(retryDelayMs);
      return;
    }
    try {
      if (await m.ackAck()) handled++;
    } catch (err) {
      onError(err);
    }
  };

  const loop = (async () => {
    try {
      for await (const m of messages) {
        if (stopping) m.nak();
        else await handle(m);
      }
    } catch (err) {
      onError(err);
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    get handled() {
      return handled;
    },
    get malformed() {
      return malformed;
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        messages.stop();
        await loop;
      })();
      return stopped;
    },
  };
}
