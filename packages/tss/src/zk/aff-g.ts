/**
 * Πaff-g, Paillier affine operation with group commitment in range (ePrint 2021/060 Fig. 15;
 * cggmp21 spec/main.tex Sec. "Πaff-g"): the MtA proof of presigning round 2. The prover shows
 *   D = C^x · Enc_N0(y; rho) mod N0^2,  Y = Enc_N1(y; rho_y) mod N1^2,  X = x·G,
 * with x in ±2^ℓ and y in ±2^ℓ'. N0 is the verifier's Paillier modulus (C = K_j is the
 * verifier's own ciphertext), N1 the prover's; (N_hat, s, t) are the verifier's ring-Pedersen
 * parameters. The verifier learns x in ±2^(ℓ+ε) and y in ±2^(ℓ'+ε), which keeps its decryption
 * of D from wrapping modulo N0 (Alpha-Rays, CRYPTO.md item 7).
 *
 * Names follow Fig. 15: masks (α, β, r, r_y, γ, m, δ, μ), commitments (A, B_x, B_y, E, S, F, T),
 * responses (z1, z2, z3, z4, w, w_y).
 */
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { randomInterval, randomSymmetric } from '../math/interval.js';
import { modPow } from '../math/modpow.js';
import { randomUnit } from '../math/random.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import type { PaillierPublicKey } from '../paillier/public-key.js';
import type { RingPedersenParams } from '../paillier/ring-pedersen.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { fail, ok, type ProofCheck } from './check.js';
import { encryptAs, nonceResponse, ownKey, paillierEquationHolds } from './enc-paillier.js';
import { pedersenCommit, pedersenHolds } from './enc-pedersen.js';
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
import { encodePoint, groupEquationHolds, mulSecret, Point, pointDefect } from './sch-group.js';
import type { ProofContext } from './transcript.js';

export const AFFG_TAG = 'mpcium.zk.affg.v1';

/** Public input (N0, N1, C, D, Y, X). */
export interface AffGStatement {
  /** N0: the verifier's Paillier key; C and D are ciphertexts under it. */
  readonly verifierPk: PaillierPublicKey;
  /** N1: the prover's own Paillier key; Y is a ciphertext under it. */
  readonly proverPk: PaillierPublicKey;
  readonly C: bigint;
  readonly D: bigint;
  readonly Y: bigint;
  readonly X: Point;
}

/** Secret input (x, y, rho, rho_y), plus the prover's secret key of N1 for Enc^crt (optional). */
export class AffGWitness {
  readonly x: bigint;
  readonly y: bigint;
  /** rho in Z*_N0: the nonce of Enc_N0(y; rho) inside D. */
  readonly rho: bigint;
  /** rho_y in Z*_N1: the nonce of Y. */
  readonly rhoY: bigint;
  readonly proverSk: PaillierSecretKey | undefined;

  constructor(x: bigint, y: bigint, rho: bigint, rhoY: bigint, proverSk?: PaillierSecretKey) {
    this.x = x;
    this.y = y;
    this.rho = rho;
    this.rhoY = rhoY;
    this.proverSk = proverSk;
    redacted(this, 'AffGWitness');
    Object.freeze(this);
  }
}

/** The first message (A, B_x, B_y, E, S, F, T). */
export interface AffGCommitment {
  /** A = C^α · Enc_N0(β; r) mod N0^2. */
  readonly A: bigint;
  /** B_x = α·G. */
  readonly Bx: Point;
  /** B_y = Enc_N1(β; r_y). */
  readonly By: bigint;
  /** E = s^α·t^γ, S = s^x·t^m, F = s^β·t^δ, T = s^y·t^μ, all mod N_hat. */
  readonly E: bigint;
  readonly S: bigint;
  readonly F: bigint;
  readonly T: bigint;
}

export interface AffGProof extends AffGCommitment {
  /** z1 = α + e·x, z2 = β + e·y, z3 = γ + e·m, z4 = δ + e·μ. */
  readonly z1: bigint;
  readonly z2: bigint;
  readonly z3: bigint;
  readonly z4: bigint;
  /** w = r·rho^e mod N0. */
  readonly w: bigint;
  /** w_y = r_y·rho_y^e mod N1. */
  readonly wY: bigint;
}

/** e = Challenge^aff-g_L(sid, prover, R_j, (N0, N1, C, D, Y, X), (A, B_x, B_y, E, S, F, T)) in ±Q. */
export function affGChallenge(
  ctx: ProofContext,
  statement: AffGStatement,
  commitment: AffGCommitment,
  aux: RingPedersenParams,
  profile: SecurityProfile,
): bigint {
  const t = startRangeTranscript(AFFG_TAG, ctx, profile, aux)
    .int('N0', statement.verifierPk.N)
    .int('N1', statement.proverPk.N)
    .int('C', statement.C)
    .int('D', statement.D)
    .int('Y', statement.Y)
    .bytes('X', encodePoint(statement.X))
    .int('A', commitment.A)
    .bytes('Bx', encodePoint(commitment.Bx))
    .int('By', commitment.By)
    .int('E', commitment.E)
    .int('S', commitment.S)
    .int('F', commitment.F)
    .int('T', commitment.T);
  return rangeChallenge(t, profile);
}

/** The statement checks both sides run (CRYPTO.md items 8, 9; the paper's 2^(ℓ'+ε) < N/2). */
function statementDefect(statement: AffGStatement, aux: RingPedersenParams, profile: SecurityProfile) {
  const { verifierPk: pk0, proverPk: pk1 } = statement;
  const plainBits = profile.ellPrime + profile.epsilon;
  return (
    auxDefect(aux, profile) ??
    paillierKeyDefect(pk0, profile, plainBits, 'verifier key N0') ??
    paillierKeyDefect(pk1, profile, plainBits, 'prover key N1') ??
    ciphertextDefect(pk0, statement.C, 'statement C', 'N0') ??
    ciphertextDefect(pk0, statement.D, 'statement D', 'N0') ??
    ciphertextDefect(pk1, statement.Y, 'statement Y', 'N1') ??
    pointDefect(statement.X, 'statement X')
  );
}

/** Prove^aff-g. Refuses (RangeError) x outside ±2^ℓ, y outside ±2^ℓ', or nonces outside Z*_N. */
export function proveAffG(
  ctx: ProofContext,
  statement: AffGStatement,
  witness: AffGWitness,
  aux: RingPedersenParams,
  profile: SecurityProfile,
  rng: Rng,
): AffGProof {
  const { verifierPk: pk0, proverPk: pk1 } = statement;
  const { ell, ellPrime, epsilon } = profile;
  const defect =
    statementDefect(statement, aux, profile) ??
    intervalDefect(witness.x, pow2(ell), 'x') ??
    intervalDefect(witness.y, pow2(ellPrime), 'y') ??
    unitDefect(witness.rho, pk0.N, 'rho', 'N0') ??
    unitDefect(witness.rhoY, pk1.N, 'rho_y', 'N1');
  if (defect !== null) throw new RangeError(`Πaff-g prover: ${defect}`);
  const sk1 = ownKey(pk1, witness.proverSk);
  const { x, y } = witness;
  const Nhat = aux.N;
  // Fig. 15 round 1: α <- ±2^(ℓ+ε), β <- ±2^(ℓ'+ε), r <- Z*_N0, r_y <- Z*_N1,
  // γ, δ <- ±2^(ℓ+ε)·N_hat, m, μ <- ±2^ℓ·N_hat.
  const alpha = randomInterval(rng, ell + epsilon);
  const beta = randomInterval(rng, ellPrime + epsilon);
  const r = randomUnit(rng, pk0.N);
  const rY = randomUnit(rng, pk1.N);
  const gamma = randomSymmetric(rng, pow2(ell + epsilon) * Nhat);
  const delta = randomSymmetric(rng, pow2(ell + epsilon) * Nhat);
  const m = randomSymmetric(rng, pow2(ell) * Nhat);
  const mu = randomSymmetric(rng, pow2(ell) * Nhat);
  const commitment: AffGCommitment = {
    // (α ⊙ C) ⊕ Enc_N0(β; r): N0 is the verifier's key, so no CRT here. C is checked above.
    A: (modPow(statement.C, alpha, pk0.N2) * pk0.encryptWithNonce(beta, r)) % pk0.N2,
    Bx: mulSecret(Point.BASE, alpha),
    By: encryptAs(pk1, sk1, beta, rY),
    E: pedersenCommit(aux, alpha, gamma),
    S: pedersenCommit(aux, x, m),
    F: pedersenCommit(aux, beta, delta),
    T: pedersenCommit(aux, y, mu),
  };
  const e = affGChallenge(ctx, statement, commitment, aux, profile);
  return Object.freeze({
    ...commitment,
    z1: alpha + e * x,
    z2: beta + e * y,
    z3: gamma + e * m,
    z4: delta + e * mu,
    w: nonceResponse(r, witness.rho, e, pk0.N),
    wY: nonceResponse(rY, witness.rhoY, e, pk1.N),
  });
}

/**
 * Verify^aff-g: statement and proof checks first (every commitment in its group, B_x a valid
 * non-identity point, z1 in ±2^(ℓ+ε), z2 in ±2^(ℓ'+ε)), then e is recomputed and the five
 * equations of Fig. 15 are checked. `verifierSk`, the verifier's own key (N0, and N_hat when it
 * is the same modulus), enables the CRT; it never changes the verdict.
 */
export function verifyAffG(
  ctx: ProofContext,
  statement: AffGStatement,
  proof: AffGProof,
  aux: RingPedersenParams,
  profile: SecurityProfile,
  verifierSk?: PaillierSecretKey,
): ProofCheck {
  const { verifierPk: pk0, proverPk: pk1 } = statement;
  const { ell, ellPrime, epsilon } = profile;
  const zMask = maskResponseBound(profile, aux.N);
  const defect =
    statementDefect(statement, aux, profile) ??
    ciphertextDefect(pk0, proof.A, 'commitment A', 'N0') ??
    pointDefect(proof.Bx, 'commitment B_x') ??
    ciphertextDefect(pk1, proof.By, 'commitment B_y', 'N1') ??
    unitDefect(proof.E, aux.N, 'commitment E', 'N_hat') ??
    unitDefect(proof.S, aux.N, 'commitment S', 'N_hat') ??
    unitDefect(proof.F, aux.N, 'commitment F', 'N_hat') ??
    unitDefect(proof.T, aux.N, 'commitment T', 'N_hat') ??
    intervalDefect(proof.z1, pow2(ell + epsilon), 'z1') ??
    intervalDefect(proof.z2, pow2(ellPrime + epsilon), 'z2') ??
    intervalDefect(proof.z3, zMask, 'z3') ??
    intervalDefect(proof.z4, zMask, 'z4') ??
    unitDefect(proof.w, pk0.N, 'w', 'N0') ??
    unitDefect(proof.wY, pk1.N, 'w_y', 'N1');
  if (defect !== null) return fail(defect);
  const e = affGChallenge(ctx, statement, proof, aux, profile);
  const { z1, z2 } = proof;
  // Cheapest first: z1·G = B_x + e·X, then the two ring-Pedersen equations mod N_hat.
  if (!groupEquationHolds(Point.BASE, z1, statement.X, e, proof.Bx)) return fail('z1·G != B_x + e·X');
  if (!pedersenHolds(aux, z1, proof.z3, proof.E, proof.S, e, verifierSk)) {
    return fail('s^z1·t^z3 != E·S^e mod N_hat');
  }
  if (!pedersenHolds(aux, z2, proof.z4, proof.F, proof.T, e, verifierSk)) {
    return fail('s^z2·t^z4 != F·T^e mod N_hat');
  }
  // (z1 ⊙ C) ⊕ Enc_N0(z2; w) = A ⊕ (e ⊙ D) mod N0^2, by CRT when N0 is the verifier's key.
  const sk0 = verifierSk !== undefined && verifierSk.N === pk0.N ? verifierSk : undefined;
  const left = [[proof.A, 1n] as const, [statement.D, e] as const];
  if (!paillierEquationHolds(pk0, left, [[statement.C, z1]], z2, proof.w, sk0)) {
    return fail('C^z1·Enc(z2; w) != A·D^e mod N0^2');
  }
  // Enc_N1(z2; w_y) = B_y ⊕ (e ⊙ Y) mod N1^2.
  const leftY = [[proof.By, 1n] as const, [statement.Y, e] as const];
  if (!paillierEquationHolds(pk1, leftY, [], z2, proof.wY)) return fail('Enc(z2; w_y) != B_y·Y^e mod N1^2');
  return ok();
}
