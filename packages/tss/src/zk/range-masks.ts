/**
 * The Paillier/ring-Pedersen half that Πenc (ePrint 2021/060 Fig. 14) and Πlog* (Fig. 25) share:
 * round-1 masks α <- ±2^(ℓ+ε), μ <- ±2^ℓ·N_hat, r <- Z*_N0, γ <- ±2^(ℓ+ε)·N_hat; commitments
 * S = s^x t^μ, A = Enc_N0(α; r), C = s^α t^γ; responses z1 = α + e·x, z2 = r·ρ^e mod N0,
 * z3 = γ + e·μ. Each proof adds its own statement-specific parts around these.
 */
import type { Rng } from '../engine/types.js';
import { randomInterval, randomSymmetric } from '../math/interval.js';
import { randomUnit } from '../math/random.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import type { PaillierPublicKey } from '../paillier/public-key.js';
import type { RingPedersenParams } from '../paillier/ring-pedersen.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { encryptAs, nonceResponse } from './enc-paillier.js';
import { pedersenCommit } from './enc-pedersen.js';
import { pow2 } from './enc-range.js';

export interface RangeMasks {
  readonly alpha: bigint;
  readonly mu: bigint;
  readonly r: bigint;
  readonly gamma: bigint;
}

export function sampleRangeMasks(
  rng: Rng,
  profile: SecurityProfile,
  aux: RingPedersenParams,
  N0: bigint,
): RangeMasks {
  const { ell, epsilon } = profile;
  const alpha = randomInterval(rng, ell + epsilon);
  const mu = randomSymmetric(rng, pow2(ell) * aux.N);
  const r = randomUnit(rng, N0);
  const gamma = randomSymmetric(rng, pow2(ell + epsilon) * aux.N);
  return { alpha, mu, r, gamma };
}

/** S, A and the ring-Pedersen commitment to α (Πenc's C, Πlog*'s D). */
export function rangeCommitments(
  masks: RangeMasks,
  x: bigint,
  aux: RingPedersenParams,
  pk: PaillierPublicKey,
  sk: PaillierSecretKey | undefined,
): { readonly S: bigint; readonly A: bigint; readonly C: bigint } {
  return {
    S: pedersenCommit(aux, x, masks.mu),
    A: encryptAs(pk, sk, masks.alpha, masks.r),
    C: pedersenCommit(aux, masks.alpha, masks.gamma),
  };
}

export function rangeResponses(
  masks: RangeMasks,
  x: bigint,
  rho: bigint,
  e: bigint,
  N0: bigint,
): { readonly z1: bigint; readonly z2: bigint; readonly z3: bigint } {
  return { z1: masks.alpha + e * x, z2: nonceResponse(masks.r, rho, e, N0), z3: masks.gamma + e * masks.mu };
}
