/**
 * Aux-info generation of CGGMP (ePrint 2021/060 Fig. 6, "auxiliary info"; cggmp21 spec/main.tex,
 * "Provisioning Protocol"), run once per node set. Three message rounds, as in the spec:
 *
 *   1. reliable broadcast of V_i, a hash commitment to (N_i, s_i, t_i, Πprm, rho_i, u_i);
 *   2. broadcast of the opening; every verifier checks it against V_j, runs the non-proof checks
 *      and Πprm;
 *   3. Πmod (broadcast) and Πfac (one per verifier, point to point, against the verifier's own
 *      ring-Pedersen parameters), both bound to rho = XOR rho_j.
 *
 * The safe primes are inputs: packages/tss does no I/O and generating 1024- or 1536-bit safe
 * primes takes seconds, so a component outside it keeps a pool. Output: a validated `AuxInfo`.
 */
import {
  assertParties,
  broadcastTo,
  next,
  others,
  type PartyIndex,
  type Rng,
  type Step,
} from '../engine/index.js';
import { generateRingPedersen, PaillierSecretKey, SECURITY_PROFILES } from '../paillier/index.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import { PrmWitness, provePrm } from '../zk/prm.js';
import type { AuxInfo } from './aux-info.js';
import { AUX_INFO_PROTOCOL, type AuxGenContext, auxCommitment, auxInfoSid } from './aux-info-gen-context.js';
import type { AuxInfoRound2Message } from './aux-info-gen-messages.js';
import { AuxInfoRound1 } from './aux-info-gen-round1.js';
import { DIGEST_BYTES, proofContext } from './session-binding.js';

export interface AuxInfoParams {
  /** The cluster's security profile (STANDARD_PROFILE or STRONG_PROFILE). */
  readonly profile: SecurityProfile;
  readonly self: PartyIndex;
  /** Every participant (distinct, non-zero). */
  readonly parties: readonly PartyIndex[];
  /** Our safe primes p, q = 3 mod 4 of the profile's length; N = pq. */
  readonly primes: { readonly p: bigint; readonly q: bigint };
  /** The 32-byte session id the caller also gives the session driver. */
  readonly sessionId: Uint8Array;
}

export { AUX_INFO_PROTOCOL };

/**
 * Spec round 1: builds the Paillier key from the primes, samples t = r^2 and s = t^lambda,
 * proves Πprm under (sid, i), draws rho_i and u_i and broadcasts V_i.
 */
export function startAuxInfo(params: AuxInfoParams, rng: Rng): Step<AuxInfo> {
  const { profile, self } = params;
  if (!SECURITY_PROFILES.includes(profile)) throw new TypeError('unknown security profile');
  const parties = assertParties(params.parties, self);
  const sid = auxInfoSid(params.sessionId, profile, parties);
  const ctx: AuxGenContext = Object.freeze({
    protocol: AUX_INFO_PROTOCOL,
    profile,
    self,
    parties,
    peers: others(parties, self),
    sid,
  });
  // Validates p != q, both safe primes = 3 mod 4 of equal length, N of the profile's length.
  const paillier = PaillierSecretKey.fromPrimes(params.primes.p, params.primes.q, profile);
  const pedersen = generateRingPedersen(paillier, rng);
  const { N, s, t } = pedersen.params;
  const prmProof = provePrm(
    proofContext(sid, self),
    { N, s, t },
    PrmWitness.fromSecrets(paillier, pedersen.secret),
    profile,
    rng,
  );
  // lambda is not needed after Πprm; only the Paillier key travels on.
  const opening: AuxInfoRound2Message = Object.freeze({
    N,
    s,
    t,
    prmProof,
    rho: rng(DIGEST_BYTES),
    u: rng(DIGEST_BYTES),
  });
  const round = new AuxInfoRound1(ctx, paillier, opening);
  return next(round, [broadcastTo(round.broadcast, { commitment: auxCommitment(sid, self, opening) })]);
}
