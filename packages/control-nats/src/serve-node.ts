/**
 * The signer side of the control channel: proposals, runs and cancels from the coordinator
 * arrive by NATS request/reply and are handed to the node's core. The node verifies every
 * request's authority itself (the initiator's signed intent), so this adapter only decodes and
 * answers; malformed requests get a refusal, never an exception.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
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
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { controlSubjects, DEFAULT_CONTROL_PREFIX } from './subjects.js';

export interface ControlledNode {
  propose(p: SessionProposal): Promise<SessionReady>;
  run(sessionId: Uint8Array): Promise<SessionOutcome>;
  cancel(sessionId: Uint8Array): void;
  recall(request: RecallRequest): Promise<SessionOutcome>;
  commitNonces(request: NonceCommitRequest): Promise<NonceCommitResponse>;
}

const MAX_REQUEST_BYTES = 8 << 20;
const MAX_RECALL_BYTES = 4096;

export function serveNode(
  nc: NatsConnection,
  nodeId: string,
  node: ControlledNode,
  prefix = DEFAULT_CONTROL_PREFIX,
): { close(): void } {
  const s = controlSubjects(prefix, nodeId);
  const subs: Subscription[] = [
    nc.subscribe(s.propose, {
      callback: (_err, msg) => {
        void (async () => {
          let ready: SessionReady;
          try {
            if (msg.data.length > MAX_REQUEST_BYTES) throw new Error('oversized');
            ready = await node.propose(fromBinary(SessionProposalSchema, msg.data));
          } catch {
            ready = create(SessionReadySchema, { accepted: false, reason: 'malformed proposal' });
          }
          msg.respond(toBinary(SessionReadySchema, ready));
        })();
      },
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
      callback: (_err, msg) => {
        void (async () => {
          let outcome: SessionOutcome;
          try {
            if (msg.data.length > MAX_RECALL_BYTES) throw new Error('oversized');
            outcome = await node.recall(fromBinary(RecallRequestSchema, msg.data));
          } catch {
            outcome = create(SessionOutcomeSchema, {
              ok: false,
              errorKind: 'refused',
              error: 'malformed recall',
            });
          }
          msg.respond(toBinary(SessionOutcomeSchema, outcome));
        })();
      },
    }),
    nc.subscribe(s.commit, {
      callback: (_err, msg) => {
        void (async () => {
          let res: NonceCommitResponse;
          try {
            if (msg.data.length > MAX_RECALL_BYTES) throw new Error('oversized');
            res = await node.commitNonces(fromBinary(NonceCommitRequestSchema, msg.data));
          } catch {
            res = create(NonceCommitResponseSchema, { error: 'malformed nonce request' });
          }
          msg.respond(toBinary(NonceCommitResponseSchema, res));
        })();
      },
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
