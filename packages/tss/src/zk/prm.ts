/**
 * Πprm: the ring-Pedersen parameters (N, s, t) satisfy s in <t>, i.e. s = t^lambda mod N
 * (ePrint 2021/060, "Ring-Pedersen Parameters ZK"; LFDT-Lockness/cggmp21 spec/main.tex, Sec.
 * "Πprm: Ring-Pedersen Parameters", interactive steps 1-4 and its non-interactive version).
 *
 *   1. Prover, for i = 1..m: a_i uniform in Z_phi(N), A_i = t^a_i mod N.
 *   2. Challenges e_1..e_m in {0, 1} = Challenge^prm(tag, sid, prover, m, N, s, t, {A_i}).
 *   3. Prover: z_i = a_i + e_i·lambda mod phi(N).
 *   4. Verifier: t^z_i = A_i·s^e_i mod N for every i.
 *
 * Binary challenges give soundness 2^-m (m = 80 or 128 from the profile). On top of step 4 the
 * verifier runs every non-proof check of CRYPTO.md: N's modulus checks, s and t in Z*_N and not
 * ±1 (with t = 1 or s = 1 the equations hold trivially and commitments would not hide), each
 * A_i in Z*_N and each z_i in [0, N). The prover computes A_i modulo p and q (cggmp21 spec,
 * "Using the Chinese Remainder Theorem"), with exponents reduced modulo p-1 and q-1.
 */
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { crt2 } from '../math/crt.js';
import { modPow } from '../math/modpow.js';
import { mod, modInverse } from '../math/modular.js';
import { randomBelow } from '../math/random.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import type { RingPedersenSecret } from '../paillier/ring-pedersen.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { allUnits, inUnitRange, isUnit, modulusDefect, type ProofCheck, verdict } from './check.js';
import { type ProofContext, Transcript } from './transcript.js';

export const PRM_TAG = 'mpcium.zk.prm.v1';

/** Common input (N, s, t); a RingPedersenParams is one. */
export interface PrmStatement {
  readonly N: bigint;
  readonly s: bigint;
  readonly t: bigint;
}

/** Secret input: lambda with s = t^lambda mod N, and the factorization N = pq; redacts itself. */
export class PrmWitness {
  readonly #lambda: bigint;
  readonly #p: bigint;
  readonly #q: bigint;

  constructor(lambda: bigint, p: bigint, q: bigint) {
    for (const x of [lambda, p, q]) {
      if (typeof x !== 'bigint') throw new TypeError('Πprm witness: bigint expected');
    }
    this.#lambda = lambda;
    this.#p = p;
    this.#q = q;
    redacted(this, 'PrmWitness');
    Object.freeze(this);
  }

  static fromSecrets(sk: PaillierSecretKey, rp: RingPedersenSecret): PrmWitness {
    return new PrmWitness(rp.lambda, sk.p, sk.q);
  }

  get lambda(): bigint {
    return this.#lambda;
  }

  get p(): bigint {
    return this.#p;
  }

  get q(): bigint {
    return this.#q;
  }
}

/** The proof ({A_i}, {z_i}), i = 1..m. */
export interface PrmProof {
  readonly commitments: readonly bigint[];
  readonly responses: readonly bigint[];
}

/** {e_i} = Challenge^prm: tag, context, m, N, s, t, then every A_i; one bit per repetition. */
export function prmChallenges(
  ctx: ProofContext,
  statement: PrmStatement,
  commitments: readonly bigint[],
  profile: SecurityProfile,
  tag: string = PRM_TAG,
): boolean[] {
  const m = profile.repetitions;
  return Transcript.start(tag, ctx)
    .u32('m', m)
    .int('N', statement.N)
    .int('s', statement.s)
    .int('t', statement.t)
    .ints('A', commitments)
    .challengeBits('e', m);
}

/** x^e mod N for x in Z*_N and any e >= 0, computed modulo p and q with reduced exponents. */
function crtPow(x: bigint, e: bigint, p: bigint, q: bigint, qInvP: bigint): bigint {
  return crt2(modPow(x, mod(e, p - 1n), p), p, modPow(x, mod(e, q - 1n), q), q, qInvP);
}

/** Prove^prm with an explicit domain tag; production code calls `provePrm`. */
export function provePrmTagged(
  tag: string,
  ctx: ProofContext,
  statement: PrmStatement,
  witness: PrmWitness,
  profile: SecurityProfile,
  rng: Rng,
): PrmProof {
  const { N, s, t } = statement;
  const { lambda, p, q } = witness;
  if (p * q !== N || p === q) throw new RangeError('Πprm witness: p*q != N');
  const qInvP = modInverse(q, p);
  if (crtPow(t, lambda, p, q, qInvP) !== s) throw new RangeError('Πprm witness: s != t^lambda mod N');
  const phi = (p - 1n) * (q - 1n);
  const a = Array.from({ length: profile.repetitions }, () => randomBelow(rng, phi));
  const commitments = a.map((ai) => crtPow(t, ai, p, q, qInvP));
  const e = prmChallenges(ctx, statement, commitments, profile, tag);
  const responses = a.map((ai, i) => (e[i] ? mod(ai + lambda, phi) : ai));
  return Object.freeze({ commitments: Object.freeze(commitments), responses: Object.freeze(responses) });
}

/** Prove^prm((sid, i), (N, s, t), (phi, lambda)). */
export function provePrm(
  ctx: ProofContext,
  statement: PrmStatement,
  witness: PrmWitness,
  profile: SecurityProfile,
  rng: Rng,
): PrmProof {
  return provePrmTagged(PRM_TAG, ctx, statement, witness, profile, rng);
}

/** Verify^prm: the non-proof checks, then t^z_i = A_i·s^e_i for every i with e recomputed. */
export function verifyPrm(
  ctx: ProofContext,
  statement: PrmStatement,
  proof: PrmProof,
  profile: SecurityProfile,
): ProofCheck {
  return verdict(prmDefect(ctx, statement, proof, profile));
}

/** s, t in Z*_N and not ±1 (CRYPTO.md "Non-proof checks"; RingPedersenParams does the same). */
export function ringPedersenDefect(name: string, statement: PrmStatement): string | null {
  const { N, s, t } = statement;
  for (const [label, x] of [
    ['s', s],
    ['t', t],
  ] as const) {
    if (!isUnit(x, N)) return `${name} ${label} not in Z*_N`;
    if (x === 1n || x === N - 1n) return `${name} ${label} is ±1 mod N`;
  }
  return null;
}

function prmDefect(
  ctx: ProofContext,
  statement: PrmStatement,
  proof: PrmProof,
  profile: SecurityProfile,
): string | null {
  const { N, s, t } = statement;
  const bad = modulusDefect('N', N, profile) ?? ringPedersenDefect('ring-Pedersen', statement);
  if (bad !== null) return bad;
  const m = profile.repetitions;
  const { commitments: A, responses: z } = proof;
  if (!Array.isArray(proof.commitments) || A.length !== m) return `expected ${m} commitments A_i`;
  if (!Array.isArray(proof.responses) || z.length !== m) return `expected ${m} responses z_i`;
  for (let i = 0; i < m; i++) {
    if (!inUnitRange(A[i], N)) return `A_${i} outside [1, N)`;
    const zi: unknown = z[i];
    if (typeof zi !== 'bigint' || zi < 0n || zi >= N) return `z_${i} outside [0, N)`;
  }
  if (!allUnits(A, N)) return 'some A_i is not in Z*_N';
  const e = prmChallenges(ctx, statement, A, profile);
  for (let i = 0; i < m; i++) {
    const rhs = e[i] ? (A[i]! * s) % N : A[i]!;
    if (modPow(t, z[i]!, N) !== rhs) return `round ${i}: t^z != A·s^e mod N`;
  }
  return null;
}
