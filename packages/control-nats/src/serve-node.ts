/**
 * The signer side of the control channel: proposals, runs, cancels, recalls and nonce requests
 * from the coordinator arrive by NATS request/reply and are handed to the node's core. The node
 * verifies every request's authority itself (the initiator's signed intent), so this adapter
 * only decodes and answers; malformed requests get a refusal, never an exception.
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
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { controlSubjects, DEFAULT_CONTROL_PREFIX } from './subjects.js';

export interface ControlledNode {
  propose(p: SessionProposal): Promise<SessionReady>;
  run(sessionId: Uint8Array): Promise<SessionOutcome>;
  cancel(sessionId: Uint8Array): void;
  recall(request: RecallRequest): Promise<SessionOutcome>;
  commitNonces(request: NonceCommitRequest): Promise<NonceCommitResponse>;
}

const MAX_REQUEST_BYTES = 8 << 20;
const MAX_SMALL_REQUEST_BYTES = 4096;

/**
 * Answers one request: decodes it (at most `maxBytes`), asks the node, encodes the answer; a
 * request that is oversized or does not decode gets `refusal` instead.
 */
function answer<In extends DescMessage, Out extends DescMessage>(
  input: In,
  output: Out,
  maxBytes: number,
  handle: (request: MessageShape<In>) => Promise<MessageShape<Out>>,
  refusal: () => MessageShape<Out>,
): (err: unknown, msg: Msg) => void {
  return (_err, msg) => {
    void (async () => {
      let reply: MessageShape<Out>;
      try {
        if (msg.data.length > maxBytes) throw new Error('oversized');
        reply = await handle(fromBinary(input, msg.data));
      } catch {
        reply = refusal();
      }
      msg.respond(toBinary(output, reply));
    })();
  };
}

export function serveNode(
  nc: NatsConnection,
  nodeId: string,
  node: ControlledNode,
  prefix = DEFAULT_CONTROL_PREFIX,
): { close(): void } {
  const s = controlSubjects(prefix, nodeId);
  const subs: Subscription[] = [
    nc.subscribe(s.propose, {
      callback: answer(
        SessionProposalSchema,
        SessionReadySchema,
        MAX_REQUEST_BYTES,
        (p) => node.propose(p),
        () => create(SessionReadySchema, { accepted: false, reason: 'malformed proposal' }),
      ),
    }),
    nc.subscribe(s.run, {
      callback: (_err, msg) => {
        void (async () => {
          const outcome =
            msg.data.length === 32
              ? await node.run(Uint8Array.from(msg.data))
              : create(SessionOutcomeSchema, {
                  ok: false,
                  errorKind: 'refused',
                  error: 'malformed run request',
                });
          msg.respond(toBinary(SessionOutcomeSchema, outcome));
        })();
      },
    }),
    nc.subscribe(s.cancel, {
      callback: (_err, msg) => (msg.data.length === 32 ? node.cancel(Uint8Array.from(msg.data)) : undefined),
    }),
    nc.subscribe(s.recall, {
      callback: answer(
        RecallRequestSchema,
        SessionOutcomeSchema,
        MAX_SMALL_REQUEST_BYTES,
        (r) => node.recall(r),
        () => create(SessionOutcomeSchema, { ok: false, errorKind: 'refused', error: 'malformed recall' }),
      ),
    }),
    nc.subscribe(s.commit, {
      callback: answer(
        NonceCommitRequestSchema,
        NonceCommitResponseSchema,
        MAX_SMALL_REQUEST_BYTES,
        (r) => node.commitNonces(r),
        () => create(NonceCommitResponseSchema, { error: 'malformed nonce request' }),
      ),
    }),
    nc.subscribe(s.ping, {
      callback: (_err, msg) => {
        msg.respond(new Uint8Array());
      },
    }),
  ];
  return {
    close: () => {
      for (const sub of subs) sub.unsubscribe();
    },
  };
}
