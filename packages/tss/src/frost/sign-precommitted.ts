/**
 * One-round FROST signing with precommitted nonces (RFC 9591 section 5.1: commitments do not
 * depend on the message). A coordinator assigns each signer's published commitment to the
 * session and sends every signer the same commitment list; the only online round is the
 * signature share.
 *
 * A coordinator that sends different lists to different signers gets at most one share per
 * nonce (the nonce is spent when the share is made) and a failed session: every signer checks
 * every share against its own list, so the aggregation fails and aborts. Every share message
 * carries the digest of its signer's list, so the abort says the lists differ (the coordinator
 * equivocated) instead of blaming honest signers.
 */
import { equalBytes } from '@noble/curves/utils.js';
import { abort, broadcastTo, next, type Rng, type Step } from '../engine/index.js';
import { checkCommitment, discardNonce, type FrostCommitment, FrostNonce, sameCommitment } from './nonce.js';
import type { FrostSignParams } from './sign.js';
import { checkCommitmentList, computeSignatureShare, signingContext } from './sign-context.js';

export { frostCommitmentListDigest } from './sign-context.js';

import { FrostSignShareRound } from './sign-share-round.js';
import type { FrostSuite } from './suite.js';

export interface FrostPrecommittedSignParams extends FrostSignParams {
  /** Every signer's commitment, as assigned by the coordinator (any order). */
  readonly commitments: readonly FrostCommitment[];
  /** Our own pooled nonce; it must match our entry in `commitments` exactly. */
  readonly nonce: FrostNonce;
}

export function frostPrecommittedSignProtocol(suite: FrostSuite): string {
  return `${suite.protocol}-sign-precommitted`;
}

/**
 * Starts one-round signing: checks the coordinator's list, spends our nonce on our signature
 * share and returns the share round with that share as the outbound broadcast. A spent nonce
 * throws; a list that does not fit (wrong signers, malformed points, our commitment missing or
 * altered) returns an abort with no culprit, and the nonce is destroyed unused.
 */
export function startFrostSignPrecommitted(
  params: FrostPrecommittedSignParams,
  _rng?: Rng,
): Step<Uint8Array> {
  const { nonce } = params;
  if (!(nonce instanceof FrostNonce)) throw new TypeError('nonce must be a FrostNonce');
  if (nonce.spent) throw new Error('FROST nonce already used');
  const ctx = signingContext(params.share, params.signers, params.message);
  if (
    nonce.suite !== ctx.suite ||
    nonce.party !== ctx.share.party ||
    !equalBytes(nonce.groupKey, ctx.share.groupKey)
  ) {
    throw new TypeError('nonce belongs to another key share');
  }
  const protocol = frostPrecommittedSignProtocol(ctx.suite);
  let commitments: FrostCommitment[];
  try {
    for (const c of params.commitments) checkCommitment(ctx.suite, c, `commitment of party ${c.party}`);
    commitments = [...params.commitments].sort((a, b) => a.party - b.party);
    checkCommitmentList(ctx, commitments);
    const own = commitments.find((c) => c.party === ctx.share.party)!;
    if (!sameCommitment(own, nonce.commitment))
      throw new RangeError('our nonce commitment is missing or altered');
  } catch (e) {
    discardNonce(nonce);
    return abort([], `refused coordinator commitment list: ${(e as Error).message}`);
  }
  const z = computeSignatureShare(ctx, nonce, commitments);
  const round = new FrostSignShareRound(ctx, {
    protocol,
    number: 1,
    commitments,
    ownShare: z,
    precommitted: true,
  });
  return next(round, [broadcastTo(round.broadcast, round.message(z))]);
}
