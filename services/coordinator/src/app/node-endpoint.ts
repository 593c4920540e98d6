import type {
  NonceCommitRequest,
  NonceCommitResponse,
  RecallRequest,
  SessionOutcome,
  SessionProposal,
  SessionReady,
} from '@mpcium/proto';
import type { PartyIndex } from '@mpcium/tss';

/**
 * How the coordinator reaches one signer node: over NATS request/reply in a cluster, by direct
 * calls in the embedded mode. The node decides for itself whether to join (it verifies the
 * initiator's intent); the coordinator only proposes, starts and collects.
 */
export interface NodeEndpoint {
  readonly party: PartyIndex;
  readonly nodeId: string;
  propose(proposal: SessionProposal): Promise<SessionReady>;
  run(sessionId: Uint8Array): Promise<SessionOutcome>;
  cancel(sessionId: Uint8Array): void | Promise<void>;
  /** What became of the node's part of an operation, for resuming it after a restart. */
  recall(request: RecallRequest): Promise<SessionOutcome>;
  /** Adds FROST nonces to the node's pool; their public commitments. */
  commitNonces(request: NonceCommitRequest): Promise<NonceCommitResponse>;
  /** Whether the node is currently ready (heartbeat seen recently). */
  online(): boolean | Promise<boolean>;
  /** When the node last reported itself (its own clock, ms since the epoch), if known. */
  lastHeartbeatMs?(): number | undefined;
}
