/**
 * Πlog*, knowledge of exponent vs Paillier encryption (ePrint 2021/060 Fig. 25; cggmp21
 * spec/main.tex Sec. "Πlog*: Group Element vs. Paillier Encryption in Range"): the prover shows
 *   C = Enc_N0(x; rho) mod N0^2  and  X = x·B,  x in ±2^ℓ,
 * for a base point B that need not be G (presigning uses B = G for Gamma_i and B = Gamma for
 * Delta_i). N0 is the prover's Paillier modulus; (N_hat, s, t) the verifier's ring-Pedersen
 * parameters. The verifier learns x in ±2^(ℓ+ε).
 *
 * Names follow Fig. 25: masks (α, μ, r, γ), commitments (S, A, Y, D), responses (z1, z2, z3).
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
import { encodePoint, groupEquationHolds, mulSecret, type Point, pointDefect } from './sch-group.js';
import type { ProofContext } from './transcript.js';

export const LOG_STAR_TAG = 'mpcium.zk.logstar.v1';

/** Public input (N0, C, X, B). */
export interface LogStarStatement {
  /** N0: the prover's own Paillier key. */
  readonly proverPk: PaillierPublicKey;
  /** C = Enc_N0(x; rho), in Z*_{N0^2}. */
  readonly C: bigint;
  /** X = x·B. */
  readonly X: Point;
  /** The base point B (G, or Gamma in presigning round 3); never the identity. */
  readonly B: Point;
}

/** Secret input (x, rho), plus the prover's secret key of N0 for Enc^crt (optional). Redacted. */
export class LogStarWitness {
  readonly x: bigint;
  readonly rho: bigint;
  readonly proverSk: PaillierSecretKey | undefined;

  constructor(x: bigint, rho: bigint, proverSk?: PaillierSecretKey) {
    this.x = x;
    this.rho = rho;
    this.proverSk = proverSk;
    redacted(this, 'LogStarWitness');
    Object.freeze(this);
  }
}

/** The first message (S, A, Y, D). */
export interface LogStarCommitment {
  /** S = s^x·t^μ mod N_hat. */
  readonly S: bigint;
  /** A = Enc_N0(α; r). */
  readonly A: bigint;
  /** Y = α·B. */
  readonly Y: Point;
  /** D = s^α·t^γ mod N_hat. */
  readonly D: bigint;
}

export interface LogStarProof extends LogStarCommitment {
  /** z1 = α + e·x. */
  readonly z1: bigint;
  /** z2 = r·rho^e mod N0. */
  readonly z2: bigint;
  /** z3 = γ + e·μ. */
  readonly z3: bigint;
}

/** e = Challenge^log*_L(sid, prover, R_j, (N0, C, X, B), (S, A, Y, D)) in ±Q. */
export function logStarChallenge(
  ctx: ProofContext,
  statement: LogStarStatement,
  commitment: LogStarCommitment,
  aux: RingPedersenParams,
  profile: SecurityProfile,
): bigint {
  const t = startRangeTranscript(LOG_STAR_TAG, ctx, profile, aux)
    .int('N0', statement.proverPk.N)
    .int('C', statement.C)
    .bytes('X', encodePoint(statement.X))
    .bytes('B', encodePoint(statement.B))
    .int('S', commitment.S)
    .int('A', commitment.A)
    .bytes('Y', encodePoint(commitment.Y))
    .int('D', commitment.D);
  return rangeChallenge(t, profile);
}

function statementDefect(statement: LogStarStatement, aux: RingPedersenParams, profile: SecurityProfile) {
  const pk = statement.proverPk;
  return (
    auxDefect(aux, profile) ??
    paillierKeyDefect(pk, profile, profile.ell + profile.epsilon, 'prover key N0') ??
    ciphertextDefect(pk, statement.C, 'statement C', 'N0') ??
    pointDefect(statement.X, 'statement X') ??
    pointDefect(statement.B, 'statement B')
  );
}

/** Prove^log*. Refuses (RangeError) x outside ±2^ℓ or rho outside Z*_N0. */
export function proveLogStar(
  ctx: ProofContext,
  statement: LogStarStatement,
  witness: LogStarWitness,
  aux: RingPedersenParams,
  profile: SecurityProfile,
  rng: Rng,
): LogStarProof {
  const pk = statement.proverPk;
  const { ell } = profile;
  const defect =
    statementDefect(statement, aux, profile) ??
    intervalDefect(witness.x, pow2(ell), 'x') ??
    unitDefect(witness.rho, pk.N, 'rho', 'N0');
  if (defect !== null) throw new RangeError(`Πlog* prover: ${defect}`);
  const sk = ownKey(pk, witness.proverSk);
  // Fig. 25 round 1: the shared masks, S, A and D, plus Y = α·B.
  const masks = sampleRangeMasks(rng, profile, aux, pk.N);
  const { S, A, C: D } = rangeCommitments(masks, witness.x, aux, pk, sk);
  const commitment: LogStarCommitment = { S, A, Y: mulSecret(statement.B, masks.alpha), D };
  const e = logStarChallenge(ctx, statement, commitment, aux, profile);
  return Object.freeze({ ...commitment, ...rangeResponses(masks, witness.x, witness.rho, e, pk.N) });
}

/**
 * Verify^log*: statement and proof checks first (Y a valid non-identity point, z1 in
 * ±2^(ℓ+ε)), then e is recomputed and the three equations of Fig. 25 are checked. `verifierSk`
 * speeds up the ring-Pedersen check when N_hat is the verifier's modulus.
 */
export function verifyLogStar(
  ctx: ProofContext,
  statement: LogStarStatement,
  proof: LogStarProof,
  aux: RingPedersenParams,
  profile: SecurityProfile,
  verifierSk?: PaillierSecretKey,
): ProofCheck {
  const pk = statement.proverPk;
  const { ell, epsilon } = profile;
  const defect =
    statementDefect(statement, aux, profile) ??
    unitDefect(proof.S, aux.N, 'commitment S', 'N_hat') ??
    ciphertextDefect(pk, proof.A, 'commitment A', 'N0') ??
    pointDefect(proof.Y, 'commitment Y') ??
    unitDefect(proof.D, aux.N, 'commitment D', 'N_hat') ??
    intervalDefect(proof.z1, pow2(ell + epsilon), 'z1') ??
    unitDefect(proof.z2, pk.N, 'z2', 'N0') ??
    intervalDefect(proof.z3, maskResponseBound(profile, aux.N), 'z3');
  if (defect !== null) return fail(defect);
  const e = logStarChallenge(ctx, statement, proof, aux, profile);
  // z1·B = Y + e·X.
  if (!groupEquationHolds(statement.B, proof.z1, statement.X, e, proof.Y)) return fail('z1·B != Y + e·X');
  // s^z1·t^z3 = D·S^e mod N_hat.
  if (!pedersenHolds(aux, proof.z1, proof.z3, proof.D, proof.S, e, verifierSk)) {
    return fail('s^z1·t^z3 != D·S^e mod N_hat');
  }
  // Enc_N0(z1; z2) = A ⊕ (e ⊙ C) mod N0^2.
  const left = [[proof.A, 1n] as const, [statement.C, e] as const];
  if (!paillierEquationHolds(pk, left, [], proof.z1, proof.z2)) return fail('Enc(z1; z2) != A·C^e mod N0^2');
  return ok();
}
