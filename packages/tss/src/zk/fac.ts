/**
 * Πfac: the prover's modulus N0 = pq has no small factor (none below 2^l in our profiles),
 * proven with ring-Pedersen commitments over the *verifier's* (N_hat, s, t), so each verifier
 * gets its own proof (ePrint 2021/060, "No Small Factor Proof", CGGMP24 revision with sigma;
 * LFDT-Lockness/cggmp21 spec/main.tex, Sec. "Πfac: No Small Factor Proof" and the Provisioning
 * Protocol, which proves Πfac once per verifier j against R_j). With L = 2^l, LE = 2^(l+eps)
 * and sqrt(N0) = isqrt(N0):
 *
 *   1. Prover: alpha, beta <- ±LE·sqrt(N0); mu, nu <- ±L·N_hat; sigma <- ±L·N0·N_hat;
 *      r <- ±LE·N0·N_hat; x, y <- ±LE·N_hat; P = s^p t^mu, Q = s^q t^nu, A = s^alpha t^x,
 *      B = s^beta t^y, T = Q^alpha t^r (all mod N_hat).
 *   2. e in ±2^challengeBits = Challenge^fac(tag, sid, prover, (l, eps, Q), R_j, N0, commitments).
 *   3. z1 = alpha + e·p, z2 = beta + e·q, w1 = x + e·mu, w2 = y + e·nu, v = r + e·(sigma - nu·p).
 *   4. Verifier: s^z1 t^w1 = A·P^e, s^z2 t^w2 = B·Q^e, Q^z1 t^v = T·(s^N0 t^sigma)^e (mod N_hat),
 *      z1, z2 in ±LE·sqrt(N0).
 *
 * z1 in ±LE·sqrt(N0) bounds p (and z2 bounds q) by about 2^(l+eps)·sqrt(N0), so the other
 * factor exceeds sqrt(N0)/2^(l+eps): 2^256 for the standard profile, 2^1050 for the strong one
 * (BitForge, CVE-2023-33241, used factors of 16 bits).
 * Beyond the spec the verifier also bounds sigma, w1, w2 and v by the largest values an honest
 * prover can produce (see `facBounds`), which caps the verifier's exponentiation work.
 */
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { randomSymmetric } from '../math/interval.js';
import { modPow } from '../math/modpow.js';
import { isqrt } from '../math/sqrt.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { allUnits, inSymmetricRange, modulusDefect, type ProofCheck, verdict } from './check.js';
import { ringPedersenDefect } from './prm.js';
import { type ProofContext, Transcript } from './transcript.js';

export const FAC_TAG = 'mpcium.zk.fac.v1';

/** The verifier's ring-Pedersen parameters R_j = (N_hat, s, t); a RingPedersenParams is one. */
export interface FacVerifierParams {
  readonly N: bigint;
  readonly s: bigint;
  readonly t: bigint;
}

/** Common input: the prover's N0 and the verifier's own R_j. */
export interface FacStatement {
  readonly N: bigint;
  readonly verifier: FacVerifierParams;
}

/** Secret input: p, q with N0 = pq; redacts itself. */
export class FacWitness {
  readonly #p: bigint;
  readonly #q: bigint;

  constructor(p: bigint, q: bigint) {
    if (typeof p !== 'bigint' || typeof q !== 'bigint') throw new TypeError('Πfac witness: bigint expected');
    this.#p = p;
    this.#q = q;
    redacted(this, 'FacWitness');
    Object.freeze(this);
  }

  static fromSecretKey(sk: PaillierSecretKey): FacWitness {
    return new FacWitness(sk.p, sk.q);
  }

  get p(): bigint {
    return this.#p;
  }

  get q(): bigint {
    return this.#q;
  }
}

/** The proof ((P, Q, A, B, T, sigma), (z1, z2, w1, w2, v)). */
export interface FacProof {
  readonly P: bigint;
  readonly Q: bigint;
  readonly A: bigint;
  readonly B: bigint;
  readonly T: bigint;
  readonly sigma: bigint;
  readonly z1: bigint;
  readonly z2: bigint;
  readonly w1: bigint;
  readonly w2: bigint;
  readonly v: bigint;
}

/** Interval bounds of step 1 and of the verifier's range checks, for N0 and N_hat. */
export interface FacBounds {
  /** alpha, beta and the verifier's z1, z2: LE·sqrt(N0). */
  readonly z: bigint;
  /** mu, nu: L·N_hat. */
  readonly mu: bigint;
  /** sigma (prover and verifier): L·N0·N_hat. */
  readonly sigma: bigint;
  /** r: LE·N0·N_hat. */
  readonly r: bigint;
  /** x, y: LE·N_hat. */
  readonly x: bigint;
  /** w1, w2: 2·LE·N_hat >= |x| + |e·mu|, since 2^challengeBits <= 2^eps. */
  readonly w: bigint;
  /** v: 2·LE·N0·N_hat >= |r| + |e·sigma| + |e·nu·p|, since 2^(challengeBits+1) <= 2^eps. */
  readonly v: bigint;
  /** e in ±2^challengeBits. */
  readonly e: bigint;
}

export function facBounds(N0: bigint, Nhat: bigint, profile: SecurityProfile): FacBounds {
  if (profile.challengeBits + 1 > profile.epsilon) throw new RangeError('Πfac: profile needs eps > log Q');
  const L = 1n << BigInt(profile.ell);
  const LE = 1n << BigInt(profile.ell + profile.epsilon);
  return Object.freeze({
    z: LE * isqrt(N0),
    mu: L * Nhat,
    sigma: L * N0 * Nhat,
    r: LE * N0 * Nhat,
    x: LE * Nhat,
    w: 2n * LE * Nhat,
    v: 2n * LE * N0 * Nhat,
    e: 1n << BigInt(profile.challengeBits),
  });
}

/** e = Challenge^fac: tag, context, (l, eps, log Q), R_j, N0, then (P, Q, A, B, T, sigma). */
export function facChallenge(
  ctx: ProofContext,
  statement: FacStatement,
  proof: Pick<FacProof, 'P' | 'Q' | 'A' | 'B' | 'T' | 'sigma'>,
  profile: SecurityProfile,
  tag: string = FAC_TAG,
): bigint {
  const { N, verifier } = statement;
  return Transcript.start(tag, ctx)
    .u32('l', profile.ell)
    .u32('eps', profile.epsilon)
    .u32('logQ', profile.challengeBits)
    .int('Nhat', verifier.N)
    .int('s', verifier.s)
    .int('t', verifier.t)
    .int('N0', N)
    .ints('PQABT', [proof.P, proof.Q, proof.A, proof.B, proof.T])
    .int('sigma', proof.sigma)
    .challengeSigned('e', 1n << BigInt(profile.challengeBits));
}

/** s^a · t^b mod N_hat for any signed a, b (s and t are units). */
function commit(R: FacVerifierParams, a: bigint, b: bigint): bigint {
  return (modPow(R.s, a, R.N) * modPow(R.t, b, R.N)) % R.N;
}

/** Prove^fac with an explicit domain tag; production code calls `proveFac`. */
export function proveFacTagged(
  tag: string,
  ctx: ProofContext,
  statement: FacStatement,
  witness: FacWitness,
  profile: SecurityProfile,
  rng: Rng,
): FacProof {
  const { N: N0, verifier: R } = statement;
  const { p, q } = witness;
  if (p * q !== N0) throw new RangeError('Πfac witness: p*q != N0');
  const bound = facBounds(N0, R.N, profile);
  const alpha = randomSymmetric(rng, bound.z);
  const beta = randomSymmetric(rng, bound.z);
  const mu = randomSymmetric(rng, bound.mu);
  const nu = randomSymmetric(rng, bound.mu);
  const sigma = randomSymmetric(rng, bound.sigma);
  const r = randomSymmetric(rng, bound.r);
  const x = randomSymmetric(rng, bound.x);
  const y = randomSymmetric(rng, bound.x);
  const P = commit(R, p, mu);
  const Q = commit(R, q, nu);
  const A = commit(R, alpha, x);
  const B = commit(R, beta, y);
  const T = (modPow(Q, alpha, R.N) * modPow(R.t, r, R.N)) % R.N;
  const e = facChallenge(ctx, statement, { P, Q, A, B, T, sigma }, profile, tag);
  return Object.freeze({
    P,
    Q,
    A,
    B,
    T,
    sigma,
    z1: alpha + e * p,
    z2: beta + e * q,
    w1: x + e * mu,
    w2: y + e * nu,
    v: r + e * (sigma - nu * p),
  });
}

/** Prove^fac((sid, i, rho), R_j, N_i, (p_i, q_i)): one proof for verifier j. */
export function proveFac(
  ctx: ProofContext,
  statement: FacStatement,
  witness: FacWitness,
  profile: SecurityProfile,
  rng: Rng,
): FacProof {
  return proveFacTagged(FAC_TAG, ctx, statement, witness, profile, rng);
}

/**
 * Verify^fac against the verifier's own R_i = (N_hat, s, t): pass the parameters this party
 * generated, never the prover's; a proof made for another verifier fails the equations.
 */
export function verifyFac(
  ctx: ProofContext,
  statement: FacStatement,
  proof: FacProof,
  profile: SecurityProfile,
): ProofCheck {
  return verdict(facDefect(ctx, statement, proof, profile));
}

function facDefect(
  ctx: ProofContext,
  statement: FacStatement,
  proof: FacProof,
  profile: SecurityProfile,
): string | null {
  const { N: N0, verifier: R } = statement;
  const bad = modulusDefect('N0', N0, profile) ?? ringPedersenDefect('verifier', R);
  if (bad !== null) return bad;
  const { P, Q, A, B, T, sigma, z1, z2, w1, w2, v } = proof;
  if (!allUnits([P, Q, A, B, T], R.N)) return 'P, Q, A, B or T not in Z*_N_hat';
  const bound = facBounds(N0, R.N, profile);
  if (!inSymmetricRange(sigma, bound.sigma)) return 'sigma outside ±2^l·N0·N_hat';
  if (!inSymmetricRange(z1, bound.z)) return 'z1 outside ±2^(l+eps)·sqrt(N0)';
  if (!inSymmetricRange(z2, bound.z)) return 'z2 outside ±2^(l+eps)·sqrt(N0)';
  if (!inSymmetricRange(w1, bound.w)) return 'w1 outside ±2^(l+eps+1)·N_hat';
  if (!inSymmetricRange(w2, bound.w)) return 'w2 outside ±2^(l+eps+1)·N_hat';
  if (!inSymmetricRange(v, bound.v)) return 'v outside ±2^(l+eps+1)·N0·N_hat';
  const e = facChallenge(ctx, statement, proof, profile);
  const N = R.N;
  if (commit(R, z1, w1) !== (A * modPow(P, e, N)) % N) return 's^z1 t^w1 != A·P^e mod N_hat';
  if (commit(R, z2, w2) !== (B * modPow(Q, e, N)) % N) return 's^z2 t^w2 != B·Q^e mod N_hat';
  const lhs = (modPow(Q, z1, N) * modPow(R.t, v, N)) % N;
  const rhs = (T * modPow(commit(R, N0, sigma), e, N)) % N;
  if (lhs !== rhs) return 'Q^z1 t^v != T·(s^N0 t^sigma)^e mod N_hat';
  return null;
}
