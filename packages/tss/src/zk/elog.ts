/**
 * Πelog: discrete log with an El-Gamal commitment (ePrint 2021/060, 2024 revision, Sec. A.1
 * Fig. 23; cggmp21 spec "Πelog"). Statement (L, M, X, Y, H): the prover knows y and lambda with
 * L = lambda·G, M = y·G + lambda·X and Y = y·H, i.e. the El-Gamal commitment (L, M) under X
 * hides the discrete log of Y in base H. Sigma protocol: A = alpha·G, N = m·G + alpha·X,
 * B = m·H; z = alpha + e·lambda, u = m + e·y; the verifier checks z·G = A + e·L,
 * z·X + u·G = N + e·M and u·H = B + e·Y.
 *
 * Our presigning follows the 2021 paper's Πenc path (see ecdsa/presign.ts), which does not need
 * Πelog; it is here, complete and tested, for the Πenc-elg presigning variant of the 2024
 * revision.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { mod } from '../math/modular.js';
import { randomBelow } from '../math/random.js';
import { fail, ok, type ProofCheck } from './check.js';
import { CURVE_ORDER, encodePoint, groupEquationHolds, mulSecret, Point, pointDefect } from './sch-group.js';
import { type ProofContext, Transcript } from './transcript.js';

export const ELOG_TAG = 'mpcium.zk.elog.v1';

export interface ElogStatement {
  readonly L: Point;
  readonly M: Point;
  /** The El-Gamal public key. */
  readonly X: Point;
  readonly Y: Point;
  /** The base of Y. */
  readonly H: Point;
}

/** Secret (y, lambda); redacts itself. */
export class ElogWitness {
  readonly y: bigint;
  readonly lambda: bigint;

  constructor(y: bigint, lambda: bigint) {
    if (typeof y !== 'bigint' || typeof lambda !== 'bigint')
      throw new TypeError('Πelog witness: bigints expected');
    this.y = mod(y, CURVE_ORDER);
    this.lambda = mod(lambda, CURVE_ORDER);
    redacted(this, 'ElogWitness');
    Object.freeze(this);
  }
}

export interface ElogProof {
  readonly A: Point;
  readonly N: Point;
  readonly B: Point;
  readonly z: bigint;
  readonly u: bigint;
}

function statementDefect(s: ElogStatement): string | null {
  return (
    pointDefect(s.L, 'statement L') ??
    pointDefect(s.M, 'statement M') ??
    pointDefect(s.X, 'statement X') ??
    pointDefect(s.Y, 'statement Y') ??
    pointDefect(s.H, 'statement H')
  );
}

/** e = H(tag, sid, prover, L, M, X, Y, H, A, N, B) in Z_q. */
export function elogChallenge(ctx: ProofContext, s: ElogStatement, A: Point, N: Point, B: Point): bigint {
  const t = Transcript.start(ELOG_TAG, ctx).bytes('curve', utf8ToBytes('secp256k1'));
  for (const [label, P] of [
    ['L', s.L],
    ['M', s.M],
    ['X', s.X],
    ['Y', s.Y],
    ['H', s.H],
    ['A', A],
    ['N', N],
    ['B', B],
  ] as const) {
    t.bytes(label, encodePoint(P));
  }
  return t.challengeBelow('e', CURVE_ORDER);
}

export function proveElog(
  ctx: ProofContext,
  statement: ElogStatement,
  witness: ElogWitness,
  rng: Rng,
): ElogProof {
  const defect = statementDefect(statement);
  if (defect !== null) throw new RangeError(`Πelog: ${defect}`);
  const alpha = randomBelow(rng, CURVE_ORDER - 1n) + 1n;
  const m = randomBelow(rng, CURVE_ORDER - 1n) + 1n;
  const A = mulSecret(Point.BASE, alpha);
  const N = mulSecret(Point.BASE, m).add(mulSecret(statement.X, alpha));
  const B = mulSecret(statement.H, m);
  const e = elogChallenge(ctx, statement, A, N, B);
  return Object.freeze({
    A,
    N,
    B,
    z: mod(alpha + e * witness.lambda, CURVE_ORDER),
    u: mod(m + e * witness.y, CURVE_ORDER),
  });
}

export function verifyElog(ctx: ProofContext, statement: ElogStatement, proof: ElogProof): ProofCheck {
  const defect =
    statementDefect(statement) ??
    pointDefect(proof.A, 'commitment A') ??
    pointDefect(proof.N, 'commitment N') ??
    pointDefect(proof.B, 'commitment B');
  if (defect !== null) return fail(defect);
  for (const [name, v] of [
    ['z', proof.z],
    ['u', proof.u],
  ] as const) {
    if (typeof v !== 'bigint' || v < 0n || v >= CURVE_ORDER)
      return fail(`response ${name} is not a scalar in [0, q)`);
  }
  const e = elogChallenge(ctx, statement, proof.A, proof.N, proof.B);
  if (!groupEquationHolds(Point.BASE, proof.z, statement.L, e, proof.A)) return fail('z·G != A + e·L');
  // z·X + u·G = N + e·M; all public, so variable-time arithmetic is fine.
  const left = statement.X.mulAddUnsafe(proof.z, Point.BASE, proof.u);
  const right = proof.N.add(statement.M.multiplyUnsafe(e));
  if (!left.equals(right)) return fail('z·X + u·G != N + e·M');
  if (!groupEquationHolds(statement.H, proof.u, statement.Y, e, proof.B)) return fail('u·H != B + e·Y');
  return ok();
}
