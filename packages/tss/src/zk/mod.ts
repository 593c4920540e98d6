/**
 * Πmod: N is a Paillier-Blum modulus, i.e. N = pq with p, q = 3 (mod 4) and gcd(N, phi(N)) = 1
 * (ePrint 2021/060, "Paillier-Blum Modulus ZK"; LFDT-Lockness/cggmp21 spec/main.tex, Sec.
 * "Πmod: Paillier-Blum Modulus", interactive steps 1-4 and its non-interactive version).
 *
 *   1. Prover: w uniform in Z*_N with Jacobi symbol (w/N) = -1.
 *   2. Challenges y_1..y_m = Challenge^mod(tag, sid, prover, m, N, w), uniform in Z_N.
 *   3. Prover, for each i: (a_i, b_i) such that y'_i = (-1)^a_i w^b_i y_i is a square mod N,
 *      x_i = the principal 4th root of y'_i, z_i = y_i^(N^-1 mod phi(N)) mod N.
 *   4. Verifier: N passes the non-proof modulus checks (odd, not prime, length...), w in Z*_N
 *      with (w/N) = -1, every x_i, z_i in Z*_N, z_i^N = y_i and x_i^4 = (-1)^a_i w^b_i y_i.
 *
 * The Jacobi and gcd checks on w are the ones CVE-2025-66016 was about: without them a prover
 * can pick w = 0 mod p and answer every challenge for a modulus that is not Paillier-Blum.
 * The prover works modulo p and q (cggmp21 spec/main.tex, "Using the Chinese Remainder
 * Theorem"): per round four half-size exponentiations instead of two full-size ones.
 */
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { crt2 } from '../math/crt.js';
import { jacobi } from '../math/jacobi.js';
import { modPow } from '../math/modpow.js';
import { gcd, modInverse } from '../math/modular.js';
import { randomUnit } from '../math/random.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { allUnits, inUnitRange, modulusDefect, type ProofCheck, verdict } from './check.js';
import { type ProofContext, Transcript } from './transcript.js';

export const MOD_TAG = 'mpcium.zk.mod.v1';

/** Common input: the prover's Paillier modulus N. */
export interface ModStatement {
  readonly N: bigint;
}

/** Secret input: the Blum primes p, q with N = pq; redacts itself. */
export class ModWitness {
  readonly #p: bigint;
  readonly #q: bigint;

  constructor(p: bigint, q: bigint) {
    if (typeof p !== 'bigint' || typeof q !== 'bigint') throw new TypeError('Πmod witness: bigint expected');
    this.#p = p;
    this.#q = q;
    redacted(this, 'ModWitness');
    Object.freeze(this);
  }

  static fromSecretKey(sk: PaillierSecretKey): ModWitness {
    return new ModWitness(sk.p, sk.q);
  }

  get p(): bigint {
    return this.#p;
  }

  get q(): bigint {
    return this.#q;
  }
}

/** The answer (x_i, a_i, b_i, z_i) to challenge y_i. */
export interface ModRound {
  readonly x: bigint;
  readonly a: boolean;
  readonly b: boolean;
  readonly z: bigint;
}

/** The proof (w, {(x_i, a_i, b_i, z_i)}_{i=1..m}). */
export interface ModProof {
  readonly w: bigint;
  readonly rounds: readonly ModRound[];
}

/**
 * (y_1, ..., y_m) = Challenge^mod: the domain tag, the context (session id, prover), the
 * repetition count m, the statement N and the commitment w, then m squeezes below N.
 */
export function modChallenges(
  ctx: ProofContext,
  N: bigint,
  w: bigint,
  profile: SecurityProfile,
  tag: string = MOD_TAG,
): bigint[] {
  const m = profile.repetitions;
  const t = Transcript.start(tag, ctx).u32('m', m).int('N', N).int('w', w);
  return Array.from({ length: m }, () => t.challengeBelow('y', N));
}

/** The prover's precomputation for one Blum prime r of N. */
interface PrimeSide {
  readonly r: bigint;
  /** N^-1 mod (r-1): z_i mod r = y_i^dN, since z_i^N = y_i^(1 + k(r-1)) = y_i (mod r). */
  readonly dN: bigint;
  /**
   * ((r+1)/4)^2 mod (r-1)/2: for a square u mod r = 3 (mod 4), u^((r+1)/4) is the square root
   * that is itself a square, so applying it twice gives the principal 4th root. (r+1)^2/4 = 1
   * modulo h = (r-1)/2 (it is (h+1)^2), hence (u^e4)^4 = u for u in the squares, of order h.
   */
  readonly e4: bigint;
  /** w mod r and the Legendre symbol (w/r). */
  readonly w: bigint;
  readonly lw: 1 | -1;
}

function primeSide(r: bigint, N: bigint, w: bigint): PrimeSide {
  const lw = jacobi(w, r);
  if (lw === 0) throw new RangeError('Πmod: w is not a unit');
  const quarter = (r + 1n) / 4n;
  const e4 = (quarter * quarter) % ((r - 1n) / 2n);
  return { r, dN: modInverse(N % (r - 1n), r - 1n), e4, w: w % r, lw };
}

function assertWitness(N: bigint, witness: ModWitness): void {
  const { p, q } = witness;
  if (p * q !== N) throw new RangeError('Πmod witness: p*q != N');
  if (p === q) throw new RangeError('Πmod witness: p = q');
  if (p % 4n !== 3n || q % 4n !== 3n) throw new RangeError('Πmod witness: p, q must be 3 mod 4');
}

/**
 * Step 1: w uniform among the units with (w/N) = -1, i.e. a square modulo exactly one of p, q.
 * Rejection sampling on the Legendre symbols keeps w uniform in that set.
 */
function sampleW(rng: Rng, N: bigint, p: bigint, q: bigint): bigint {
  for (;;) {
    const w = randomUnit(rng, N);
    if (jacobi(w, p) * jacobi(w, q) === -1) return w;
  }
}

/**
 * Step 3 for one challenge. With (w/N) = -1 and -1 a non-square modulo both Blum primes, the
 * four candidates ±y, ±wy cover the four residuosity patterns, so exactly one is a square.
 */
function answer(y: bigint, P: PrimeSide, Q: PrimeSide, qInvP: bigint): ModRound {
  const yp = y % P.r;
  const yq = y % Q.r;
  const lp = jacobi(yp, P.r);
  const lq = jacobi(yq, Q.r);
  if (lp === 0 || lq === 0) throw new RangeError('Πmod: challenge y_i is not a unit');
  for (const a of [false, true]) {
    for (const b of [false, true]) {
      const sign = a ? -1 : 1;
      if (sign * (b ? P.lw : 1) * lp !== 1 || sign * (b ? Q.lw : 1) * lq !== 1) continue;
      const wp = b ? P.w : 1n;
      const wq = b ? Q.w : 1n;
      const up = a ? P.r - ((wp * yp) % P.r) : (wp * yp) % P.r;
      const uq = a ? Q.r - ((wq * yq) % Q.r) : (wq * yq) % Q.r;
      const x = crt2(modPow(up, P.e4, P.r), P.r, modPow(uq, Q.e4, Q.r), Q.r, qInvP);
      const z = crt2(modPow(yp, P.dN, P.r), P.r, modPow(yq, Q.dN, Q.r), Q.r, qInvP);
      return { x, a, b, z };
    }
  }
  throw new RangeError('Πmod: no square among ±y, ±wy (witness is not a Blum factorization)');
}

/** Prove^mod with an explicit domain tag; production code calls `proveMod`. */
export function proveModTagged(
  tag: string,
  ctx: ProofContext,
  statement: ModStatement,
  witness: ModWitness,
  profile: SecurityProfile,
  rng: Rng,
): ModProof {
  const { N } = statement;
  assertWitness(N, witness);
  const { p, q } = witness;
  const w = sampleW(rng, N, p, q);
  const P = primeSide(p, N, w);
  const Q = primeSide(q, N, w);
  const qInvP = modInverse(q, p);
  const ys = modChallenges(ctx, N, w, profile, tag);
  const rounds = ys.map((y) => Object.freeze(answer(y, P, Q, qInvP)));
  return Object.freeze({ w, rounds: Object.freeze(rounds) });
}

/** Prove^mod((sid, i), N, (p, q)). */
export function proveMod(
  ctx: ProofContext,
  statement: ModStatement,
  witness: ModWitness,
  profile: SecurityProfile,
  rng: Rng,
): ModProof {
  return proveModTagged(MOD_TAG, ctx, statement, witness, profile, rng);
}

/** Verify^mod: every check of step 4, in order of cost; the first failure is the reason. */
export function verifyMod(
  ctx: ProofContext,
  statement: ModStatement,
  proof: ModProof,
  profile: SecurityProfile,
): ProofCheck {
  return verdict(modDefect(ctx, statement, proof, profile));
}

function modDefect(
  ctx: ProofContext,
  statement: ModStatement,
  proof: ModProof,
  profile: SecurityProfile,
): string | null {
  const { N } = statement;
  const bad = modulusDefect('N', N, profile);
  if (bad !== null) return bad;
  const m = profile.repetitions;
  const { w, rounds } = proof;
  if (!Array.isArray(proof.rounds) || rounds.length !== m)
    return `expected ${m} rounds, got ${rounds.length}`;
  if (!inUnitRange(w, N)) return 'w outside [1, N)';
  if (gcd(w, N) !== 1n) return 'w not in Z*_N: gcd(w, N) != 1';
  if (jacobi(w, N) !== -1) return 'Jacobi symbol (w/N) != -1';
  const values: unknown[] = [];
  for (const [i, r] of rounds.entries()) {
    if (typeof r?.a !== 'boolean' || typeof r.b !== 'boolean') return `round ${i}: a, b must be bits`;
    if (!inUnitRange(r.x, N) || !inUnitRange(r.z, N)) return `round ${i}: x or z outside [1, N)`;
    values.push(r.x, r.z);
  }
  if (!allUnits(values, N)) return 'some x_i or z_i is not in Z*_N';
  const ys = modChallenges(ctx, N, w, profile);
  for (const [i, { x, a, b, z }] of rounds.entries()) {
    const y = ys[i]!;
    const wy = b ? (w * y) % N : y;
    const target = a ? (N - wy) % N : wy;
    const x2 = (x * x) % N;
    if ((x2 * x2) % N !== target) return `round ${i}: x^4 != (-1)^a w^b y mod N`;
    if (modPow(z, N, N) !== y) return `round ${i}: z^N != y mod N`;
  }
  return null;
}
