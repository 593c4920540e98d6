/**
 * Distributed key generation for FROST: Pedersen DKG with Feldman commitments and a Schnorr
 * proof of knowledge of each constant term (RFC 9591 appendix C; frost-rs `dkg`), through noble's
 * `DKG.round1/2/3`. Two message rounds: a reliable broadcast of (C_i, sigma_i), then the shares
 * f_i(j) point to point. Output: a validated `FrostKeyShare`.
 */
import {
  assertParties,
  assertThreshold,
  broadcastTo,
  next,
  others,
  type PartyIndex,
  type Rng,
  type Step,
} from '../engine/index.js';
import { FrostDkgRound1 } from './dkg-round1.js';
import type { DkgContext } from './dkg-state.js';
import type { FrostKeyShare } from './key-share.js';
import { FROST_SUITES, type FrostSuite, frostIdentifier } from './suite.js';

export interface FrostDkgParams {
  readonly suite: FrostSuite;
  readonly self: PartyIndex;
  /** Every participant (distinct, non-zero); the key's identifiers are these indices. */
  readonly parties: readonly PartyIndex[];
  /** floor(n/2)+1 <= threshold <= n. */
  readonly threshold: number;
}

export function frostDkgProtocol(suite: FrostSuite): string {
  return `${suite.protocol}-dkg`;
}

/**
 * RFC 9591 appendix C round 1: sample a degree-(t-1) polynomial, commit to its coefficients and
 * prove knowledge of a_{i,0}. Returns DKG round 1 and our broadcast.
 */
export function startFrostDkg(params: FrostDkgParams, rng: Rng): Step<FrostKeyShare> {
  const { suite, self, threshold } = params;
  if (!FROST_SUITES.includes(suite)) throw new TypeError('unknown FROST suite');
  const parties = assertParties(params.parties, self);
  assertThreshold(threshold, parties.length);
  const ctx: DkgContext = Object.freeze({
    suite,
    protocol: frostDkgProtocol(suite),
    self,
    parties,
    peers: others(parties, self),
    threshold,
  });
  const { public: pkg, secret } = suite.frost.DKG.round1(
    frostIdentifier(suite, self),
    { min: threshold, max: parties.length },
    undefined,
    rng,
  );
  const round = new FrostDkgRound1(ctx, secret);
  suite.frost.DKG.clean(secret);
  return next(round, [
    broadcastTo(round.broadcast, { commitment: pkg.commitment, proofOfKnowledge: pkg.proofOfKnowledge }),
  ]);
}
