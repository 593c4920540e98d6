/**
 * Πsch: Schnorr proof of knowledge of x with X = x·G on secp256k1 (ePrint 2021/060 Fig. 22;
 * cggmp21 spec/main.tex Sec. "Πsch: Schnorr Proof of Knowledge"), made non-interactive with the
 * transcript of zk/transcript.ts. Key generation commits to A = α·G in its first round and
 * answers in a later one, so the nonce can be drawn ahead of the proof (`commitSch`); a nonce
 * answers exactly one challenge, since two answers z, z' for one α reveal x = (z - z')/(e - e').
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { mod } from '../math/modular.js';
import { randomBelow } from '../math/random.js';
import { fail, ok, type ProofCheck } from './check.js';
import { CURVE_ORDER, encodePoint, groupEquationHolds, mulSecret, Point, pointDefect } from './sch-group.js';
import { type ProofContext, Transcript } from './transcript.js';

export const SCH_TAG = 'mpcium.zk.sch.v1';

/** Public input: X = x·G. */
export interface SchStatement {
  readonly X: Point;
}

/** Secret input x in Z_q; redacts itself. */
export class SchWitness {
  readonly x: bigint;

  constructor(x: bigint) {
    if (typeof x !== 'bigint') throw new TypeError('Πsch witness: bigint expected');
    this.x = mod(x, CURVE_ORDER);
    redacted(this, 'SchWitness');
    Object.freeze(this);
  }
}

/** Com^sch: alpha <- Z_q, A = alpha·G. Single-use; alpha is secret and redacted. */
export class SchNonce {
  readonly A: Point;
  readonly #alpha: bigint;
  #used = false;

  private constructor(alpha: bigint) {
    this.#alpha = alpha;
    this.A = mulSecret(Point.BASE, alpha);
    redacted(this, 'SchNonce');
    Object.freeze(this);
  }

  /** alpha uniform in [1, q): alpha = 0 would make A the identity, which verifiers refuse. */
  static sample(rng: Rng): SchNonce {
    return new SchNonce(randomBelow(rng, CURVE_ORDER - 1n) + 1n);
  }

  /** Hands out alpha once; a second call throws (nonce reuse reveals the witness). */
  consume(): bigint {
    if (this.#used) throw new Error('Πsch nonce already used');
    this.#used = true;
    return this.#alpha;
  }
}

/** The proof (A, z) with z = alpha + e·x mod q. */
export interface SchProof {
  readonly A: Point;
  readonly z: bigint;
}

/** Draws the commitment of a proof to be finished later with `proveSchWithNonce`. */
export function commitSch(rng: Rng): SchNonce {
  return SchNonce.sample(rng);
}

/** e = H(tag, sid, prover, X, A) in Z_q (the spec's Challenge^sch, bound to the context). */
export function schChallenge(ctx: ProofContext, statement: SchStatement, A: Point): bigint {
  return Transcript.start(SCH_TAG, ctx)
    .bytes('curve', utf8ToBytes('secp256k1'))
    .bytes('X', encodePoint(statement.X))
    .bytes('A', encodePoint(A))
    .challengeBelow('e', CURVE_ORDER);
}

/** Prove^sch with a fresh nonce. */
export function proveSch(
  ctx: ProofContext,
  statement: SchStatement,
  witness: SchWitness,
  rng: Rng,
): SchProof {
  return proveSchWithNonce(ctx, statement, witness, commitSch(rng));
}

/** Prove^sch(alpha, e, x) for a nonce committed earlier; consumes the nonce. */
export function proveSchWithNonce(
  ctx: ProofContext,
  statement: SchStatement,
  witness: SchWitness,
  nonce: SchNonce,
): SchProof {
  const defect = pointDefect(statement.X, 'X');
  if (defect !== null) throw new RangeError(`Πsch: ${defect}`);
  const alpha = nonce.consume();
  const e = schChallenge(ctx, statement, nonce.A);
  return Object.freeze({ A: nonce.A, z: mod(alpha + e * witness.x, CURVE_ORDER) });
}

/** Verify^sch: X and A valid non-identity points, z in [0, q), z·G = A + e·X with e recomputed. */
export function verifySch(ctx: ProofContext, statement: SchStatement, proof: SchProof): ProofCheck {
  const defect = pointDefect(statement.X, 'statement X') ?? pointDefect(proof.A, 'commitment A');
  if (defect !== null) return fail(defect);
  if (typeof proof.z !== 'bigint' || proof.z < 0n || proof.z >= CURVE_ORDER) {
    return fail('response z is not a scalar in [0, q)');
  }
  const e = schChallenge(ctx, statement, proof.A);
  if (!groupEquationHolds(Point.BASE, proof.z, statement.X, e, proof.A)) return fail('z·G != A + e·X');
  return ok();
}
