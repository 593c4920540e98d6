import { create } from '@bufbuild/protobuf';
import {
  type FrostNonceCommitment,
  type KeyType,
  type SessionKind,
  type SessionOutcome,
  type SessionProposal,
  SessionProposalSchema,
  type SignedIntent,
} from '@mpcium/proto';
import type { PartyIndex } from '@mpcium/tss';
import { randomBytes } from '@noble/hashes/utils.js';
import { CoordinatorError } from './errors.js';
import type { NodeEndpoint } from './node-endpoint.js';

/** The reason recorded for a node whose `propose` failed instead of answering (it is gone). */
const NO_ANSWER = 'did not answer';

export interface ProposalFields {
  readonly kind: SessionKind;
  readonly walletId?: string;
  readonly keyType?: KeyType;
  readonly signedIntent?: SignedIntent;
  readonly presignatureId?: string;
  readonly frostCommitments?: FrostNonceCommitment[];
}

/**
 * Runs one session among `members`: proposes to every node (each checks the request itself),
 * and only when all accept, starts them together. Every node's outcome must agree; a refusal,
 * an abort or a timeout becomes a CoordinatorError naming the nodes involved.
 */
export async function runAmong(
  members: readonly NodeEndpoint[],
  fields: ProposalFields,
): Promise<SessionOutcome[]> {
  const sessionId = randomBytes(32);
  const proposal: SessionProposal = create(SessionProposalSchema, {
    ...fields,
    sessionId,
    participants: members.map((m) => m.party).sort((a, b) => a - b),
  });
  const readies = await Promise.all(
    members.map((m) =>
      m
        .propose(proposal)
        .catch(() => ({ accepted: false, reason: NO_ANSWER }) as { accepted: boolean; reason: string }),
    ),
  );
  const refused = members.filter((_, k) => !readies[k]!.accepted);
  if (refused.length > 0) {
    await Promise.all(members.map((m) => m.cancel(sessionId)));
    const reasons = refused.map((m) => readies[members.indexOf(m)]!.reason);
    const why = refused.map((m, k) => `${m.nodeId}: ${reasons[k]}`).join('; ');
    const unanswered = reasons.every((r) => r === NO_ANSWER);
    throw new CoordinatorError(
      unanswered ? 'unavailable' : 'failed-precondition',
      unanswered
        ? `not available: ${refused.map((m) => m.nodeId).join(', ')}`
        : `nodes refused the session (${why})`,
      refused.map((m) => m.nodeId),
      { unanswered },
    );
  }
  const outcomes = await Promise.all(members.map((m) => m.run(sessionId)));
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    const byParty = new Map(members.map((m) => [m.party, m.nodeId]));
    const named = [...new Set(failed.flatMap((o) => o.culprits))].map(
      (p: PartyIndex) => byParty.get(p) ?? `party ${p}`,
    );
    const first = failed[0]!;
    const kind =
      first.errorKind === 'timeout' ? 'unavailable' : first.errorKind === 'abort' ? 'aborted' : 'internal';
    throw new CoordinatorError(kind, `session failed: ${first.errorKind}: ${first.error}`, named);
  }
  return outcomes;
}

/** The single value every node must have produced (a public key or a signature). */
export function agreed(
  outcomes: readonly SessionOutcome[],
  pick: (o: SessionOutcome) => Uint8Array,
): Uint8Array {
  const first = pick(outcomes[0]!);
  for (const o of outcomes) {
    const v = pick(o);
    if (v.length !== first.length || v.some((b, i) => b !== first[i])) {
      throw new CoordinatorError('internal', 'nodes produced different results');
    }
  }
  return first;
}
