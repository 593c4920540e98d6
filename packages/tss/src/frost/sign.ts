/**
 * Two-round FROST signing (RFC 9591 section 5) among exactly `threshold` signers, run peer to
 * peer: every signer broadcasts its nonce commitment (reliable broadcast), then its signature
 * share; every signer aggregates and verifies. Output: the 64-byte signature.
 */
import { broadcastTo, next, type PartyIndex, type Rng, type Step } from '../engine/index.js';
import type { FrostKeyShare } from './key-share.js';
import { generateFrostNonce } from './nonce.js';
import { FrostSignCommitRound } from './sign-commit-round.js';
import { signingContext } from './sign-context.js';
import type { FrostSuite } from './suite.js';

export interface FrostSignParams {
  readonly share: FrostKeyShare;
  /** Exactly `threshold` participants of the key, including self. */
  readonly signers: readonly PartyIndex[];
  readonly message: Uint8Array;
}

export function frostSignProtocol(suite: FrostSuite): string {
  return `${suite.protocol}-sign`;
}

/** Starts two-round signing: returns round 1 and our nonce commitment broadcast. */
export function startFrostSign(params: FrostSignParams, rng: Rng): Step<Uint8Array> {
  const ctx = signingContext(params.share, params.signers, params.message);
  const nonce = generateFrostNonce(ctx.share, rng);
  const round = new FrostSignCommitRound(ctx, frostSignProtocol(ctx.suite), nonce);
  return next(round, [broadcastTo(round.broadcast, { commitment: nonce.commitment })]);
}
