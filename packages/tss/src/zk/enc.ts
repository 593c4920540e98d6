/**
 * Πenc, Paillier encryption in range (ePrint 2021/060 Fig. 14; cggmp21 spec/main.tex Sec.
 * "Πenc: Paillier Encryption in Range"): K = Enc_N0(k; rho) with k in ±2^ℓ, proven against the
 * verifier's ring-Pedersen parameters (N_hat, s, t). Presigning round 1 sends one per peer for
 * K_i = Enc(k_i); without it a party may encrypt a huge k and extract its peers' shares through
 * the MtA (Alpha-Rays, CRYPTO.md item 7). The verifier learns only k in ±2^(ℓ+ε).
 *
 * Names follow Fig. 14: N0 is the prover's Paillier modulus; (α, μ, r, γ) its masks; (S, A, C)
 * the commitments; (z1, z2, z3) the responses.
 */
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import type { PaillierPublicKey } from '../paillier/public-key.js';
import type { RingPedersenParams } from '../paillier/ring-pedersen.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { fail, ok, type ProofCheck } from './check.js';
import { ownKey, paillierEquationHolds } from './enc-paillier.js';
import { pedersenHolds } from './enc-pedersen.js';
import {
  auxDefect,
  ciphertextDefect,
  intervalDefect,
  maskResponseBound,
  paillierKeyDefect,
  pow2,
  rangeChallenge,
  startRangeTranscript,
  unitDefect,
} from './enc-range.js';
import { rangeCommitments, rangeResponses, sampleRangeMasks } from './range-masks.js';
import type { ProofContext } from './transcript.js';

export const ENC_TAG = 'mpcium.zk.enc.v1';

/** Public input (N0, K). */
export interface EncStatement {
  /** N0: the prover's own Paillier key. */
  readonly proverPk: PaillierPublicKey;
  /** K = Enc_N0(k; rho), in Z*_{N0^2}. */
  readonly K: bigint;
}

/** Secret input (k, rho), plus the prover's secret key of N0 for Enc^crt (optional). Redacted. */
export class EncWitness {
  readonly k: bigint;
  readonly rho: bigint;
  readonly proverSk: PaillierSecretKey | undefined;

  constructor(k: bigint, rho: bigint, proverSk?: PaillierSecretKey) {
    this.k = k;
    this.rho = rho;
    this.proverSk = proverSk;
    redacted(this, 'EncWitness');
    Object.freeze(this);
  }
}

/** The first message (S, A, C). */
export interface EncCommitment {
  /** S = s^k·t^μ mod N_hat. */
  readonly S: bigint;
  /** A = Enc_N0(α; r). */
  readonly A: bigint;
  /** C = s^α·t^γ mod N_hat. */
  readonly C: bigint;
}

export interface EncProof extends EncCommitment {
  /** z1 = α + e·k. */
  readonly z1: bigint;
  /** z2 = r·rho^e mod N0. */
  readonly z2: bigint;
  /** z3 = γ + e·μ. */
  readonly z3: bigint;
}

/** e = Challenge^enc_L(sid, prover, R_j, (N0, K), (S, A, C)) in ±Q. */
export function encChallenge(
  ctx: ProofContext,
  statement: EncStatement,
  commitment: EncCommitment,
  aux: RingPedersenParams,
  profile: SecurityProfile,
): bigint {
  const t = startRangeTranscript(ENC_TAG, ctx, profile, aux)
    .int('N0', statement.proverPk.N)
    .int('K', statement.K)
    .int('S', commitment.S)
    .int('A', commitment.A)
    .int('C', commitment.C);
  return rangeChallenge(t, profile);
}

/**
 * Prove^enc. Refuses (RangeError) a witness outside the honest range, k in ±2^ℓ and rho in
 * Z*_N0; it does not re-encrypt to check K, whose mismatch would only yield a rejected proof.
 */
export function proveEnc(
  ctx: ProofContext,
  statement: EncStatement,
  witness: EncWitness,
  aux: RingPedersenParams,
  profile: SecurityProfile,
  rng: Rng,
): EncProof {
  const pk = statement.proverPk;
  const { ell, epsilon } = profile;
  const defect =
    auxDefect(aux, profile) ??
    paillierKeyDefect(pk, profile, ell + epsilon, 'N0') ??
    ciphertextDefect(pk, statement.K, 'K', 'N0') ??
    intervalDefect(witness.k, pow2(ell), 'k') ??
    unitDefect(witness.rho, pk.N, 'rho', 'N0');
  if (defect !== null) throw new RangeError(`Πenc prover: ${defect}`);
  const sk = ownKey(pk, witness.proverSk);
  // Fig. 14 round 1: the shared masks, S, A and C.
  const masks = sampleRangeMasks(rng, profile, aux, pk.N);
  const commitment: EncCommitment = rangeCommitments(masks, witness.k, aux, pk, sk);
  const e = encChallenge(ctx, statement, commitment, aux, profile);
  return Object.freeze({ ...commitment, ...rangeResponses(masks, witness.k, witness.rho, e, pk.N) });
}

/**
 * Verify^enc: every membership and interval check first (CRYPTO.md items 7, 8), then e is
 * recomputed and both equations of Fig. 14 are checked. `verifierSk`, the verifier's own Paillier
 * key, speeds up the ring-Pedersen check when N_hat is its modulus; it never changes the verdict.
 */
export function verifyEnc(
  ctx: ProofContext,
  statement: EncStatement,
  proof: EncProof,
  aux: RingPedersenParams,
  profile: SecurityProfile,
  verifierSk?: PaillierSecretKey,
): ProofCheck {
  const pk = statement.proverPk;
  const { ell, epsilon } = profile;
  const defect =
    auxDefect(aux, profile) ??
    paillierKeyDefect(pk, profile, ell + epsilon, 'prover key N0') ??
    ciphertextDefect(pk, statement.K, 'statement K', 'N0') ??
    unitDefect(proof.S, aux.N, 'commitment S', 'N_hat') ??
    ciphertextDefect(pk, proof.A, 'commitment A', 'N0') ??
    unitDefect(proof.C, aux.N, 'commitment C', 'N_hat') ??
    intervalDefect(proof.z1, pow2(ell + epsilon), 'z1') ??
    unitDefect(proof.z2, pk.N, 'z2', 'N0') ??
    intervalDefect(proof.z3, maskResponseBound(profile, aux.N), 'z3');
  if (defect !== null) return fail(defect);
  const e = encChallenge(ctx, statement, proof, aux, profile);
  // s^z1·t^z3 = C·S^e mod N_hat (the cheaper check first).
  if (!pedersenHolds(aux, proof.z1, proof.z3, proof.C, proof.S, e, verifierSk)) {
    return fail('s^z1·t^z3 != C·S^e mod N_hat');
  }
  // Enc_N0(z1; z2) = A ⊕ (e ⊙ K) mod N0^2.
  const holds = paillierEquationHolds(
    pk,
    [
      [proof.A, 1n],
      [statement.K, e],
    ],
    [],
    proof.z1,
    proof.z2,
  );
  return holds ? ok() : fail('Enc(z1; z2) != A·K^e mod N0^2');
}
