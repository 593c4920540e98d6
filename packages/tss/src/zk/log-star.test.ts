import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ZkLogStarProofSchema } from '@mpcium/proto';
import { seededRng } from '@mpcium/tss-sim';
import { randomBelow, randomInterval, randomSymmetric, randomUnit } from '../math/index.js';
import { modPow } from '../math/modpow.js';
import {
  generateRingPedersen,
  PaillierSecretKey,
  type SecurityProfile,
  STANDARD_PROFILE,
  STRONG_PROFILE,
} from '../paillier/index.js';
import { safePrimePair } from '../testing/fixtures.js';
import type { ProofCheck } from './check.js';
import { pedersenCommit } from './enc-pedersen.js';
import { pow2 } from './enc-range.js';
import {
  type LogStarProof,
  type LogStarStatement,
  LogStarWitness,
  logStarChallenge,
  proveLogStar,
  verifyLogStar,
} from './log-star.js';
import { decodeLogStarProof, encodeLogStarProof } from './log-star-codec.js';
import { CURVE_ORDER, mulSecret, Point } from './sch-group.js';

const rng = seededRng('mpcium.test.zk.logstar');

function party(profile: SecurityProfile, index: number) {
  const { p, q } = safePrimePair(profile.name, index);
  const sk = PaillierSecretKey.fromPrimes(p, q, profile);
  return { sk, pk: sk.publicKey, aux: generateRingPedersen(sk, rng).params };
}

const std = STANDARD_PROFILE;
const prover = party(std, 0);
const verifier = party(std, 1);
const other = party(std, 2);
const ctx = { sessionId: new Uint8Array(32).fill(5), prover: 1 };
/** Presigning round 3 proves Delta_i = k_i·Gamma against the base Gamma, not G. */
const Gamma = mulSecret(Point.BASE, randomBelow(rng, CURVE_ORDER));

function instance(x: bigint, B: Point = Gamma) {
  const { c: C, rho } = prover.pk.encrypt(x, rng);
  const statement: LogStarStatement = { proverPk: prover.pk, C, X: mulSecret(B, x), B };
  return { statement, witness: new LogStarWitness(x, rho, prover.sk) };
}

const honest = instance(randomInterval(rng, std.ell));
const proof = proveLogStar(ctx, honest.statement, honest.witness, verifier.aux, std, rng);

function check(p: LogStarProof, statement = honest.statement, c = ctx, aux = verifier.aux): ProofCheck {
  const fast = verifyLogStar(c, statement, p, aux, std, verifier.sk);
  assert.deepEqual(fast, verifyLogStar(c, statement, p, aux, std), 'CRT and public verification disagree');
  return fast;
}

function rejected(result: ProofCheck, pattern: RegExp): void {
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, pattern);
}

/** A cheating prover: Fig. 25's formulas without the honest prover's range check on x. */
function cheatingProof(x: bigint, rho: bigint, statement: LogStarStatement): LogStarProof {
  const { ell, epsilon } = std;
  const N = prover.pk.N;
  const aux = verifier.aux;
  const alpha = randomInterval(rng, ell + epsilon);
  const mu = randomSymmetric(rng, pow2(ell) * aux.N);
  const r = randomUnit(rng, N);
  const gamma = randomSymmetric(rng, pow2(ell + epsilon) * aux.N);
  const commitment = {
    S: pedersenCommit(aux, x, mu),
    A: prover.pk.encryptWithNonce(alpha, r),
    Y: mulSecret(statement.B, alpha),
    D: pedersenCommit(aux, alpha, gamma),
  };
  const e = logStarChallenge(ctx, statement, commitment, aux, std);
  return { ...commitment, z1: alpha + e * x, z2: (r * modPow(rho, e, N)) % N, z3: gamma + e * mu };
}

describe('Πlog*: group element vs Paillier encryption in range (ePrint 2021/060 Fig. 25)', () => {
  it('honest proofs verify for B = G and B = Gamma and round-trip through protobuf', () => {
    assert.deepEqual(check(proof), { ok: true });
    const decoded = decodeLogStarProof(encodeLogStarProof(proof), std);
    assert.ok(decoded.Y.equals(proof.Y));
    assert.deepEqual({ ...decoded, Y: null }, { ...proof, Y: null });
    assert.deepEqual(check(decoded), { ok: true });
    for (const x of [pow2(std.ell), -pow2(std.ell), 1n]) {
      const { statement, witness } = instance(x, Point.BASE);
      const plain = new LogStarWitness(x, witness.rho);
      assert.deepEqual(check(proveLogStar(ctx, statement, plain, verifier.aux, std, rng), statement), {
        ok: true,
      });
    }
  });

  it('honest proofs verify and round-trip through protobuf (strong profile)', () => {
    const P = party(STRONG_PROFILE, 0);
    const V = party(STRONG_PROFILE, 1);
    const x = randomInterval(rng, STRONG_PROFILE.ell);
    const { c: C, rho } = P.pk.encrypt(x, rng);
    const statement = { proverPk: P.pk, C, X: mulSecret(Gamma, x), B: Gamma };
    const p = proveLogStar(ctx, statement, new LogStarWitness(x, rho, P.sk), V.aux, STRONG_PROFILE, rng);
    const decoded = decodeLogStarProof(encodeLogStarProof(p), STRONG_PROFILE);
    assert.deepEqual(verifyLogStar(ctx, statement, decoded, V.aux, STRONG_PROFILE, V.sk), { ok: true });
    assert.deepEqual(verifyLogStar(ctx, statement, decoded, V.aux, STRONG_PROFILE), { ok: true });
  });

  it('CRYPTO.md item 5: a proof replayed under another session id, prover or base is rejected', () => {
    rejected(check(proof, honest.statement, { ...ctx, sessionId: new Uint8Array(32) }), /!=/);
    rejected(check(proof, honest.statement, { ...ctx, prover: 2 }), /!=/);
    // Round 2's Gamma_i proof (base G) is not round 3's Delta_i proof (base Gamma), and back.
    const x = honest.witness.x;
    rejected(check(proof, { ...honest.statement, B: Point.BASE, X: mulSecret(Point.BASE, x) }), /!=/);
    rejected(check(proof, { ...honest.statement, X: honest.statement.X.add(Point.BASE) }), /!=/);
  });

  it('a proof made against one verifier ring-Pedersen parameters fails against another', () => {
    rejected(verifyLogStar(ctx, honest.statement, proof, other.aux, std, other.sk), /N_hat|!=/);
    rejected(verifyLogStar(ctx, honest.statement, proof, other.aux, std), /N_hat|!=/);
  });

  it('CRYPTO.md item 7: x >= 2^l is refused; responses outside their intervals are rejected', () => {
    const { statement, witness } = instance(pow2(std.ell) + 1n);
    assert.throws(() => proveLogStar(ctx, statement, witness, verifier.aux, std, rng), /x out of range/);
    const bound = pow2(std.ell + std.epsilon);
    rejected(check({ ...proof, z1: bound + 1n }), /z1 out of range/);
    rejected(check({ ...proof, z1: -bound - 1n }), /z1 out of range/);
    rejected(
      check({ ...proof, z3: -pow2(std.ell + std.epsilon + 1) * verifier.aux.N - 1n }),
      /z3 out of range/,
    );
  });

  it('Alpha-Rays: a ciphertext of x far outside ±2^l cannot be proven', () => {
    const { statement, witness } = honest;
    assert.deepEqual(
      check(cheatingProof(witness.x, witness.rho, statement)),
      { ok: true },
      'faithful cheater',
    );
    for (const x of [prover.pk.N >> 2n, pow2(std.ell + std.epsilon), -(prover.pk.N >> 5n)]) {
      const bad = instance(x);
      const forged = cheatingProof(x, bad.witness.rho, bad.statement);
      rejected(check(forged, bad.statement), /z1 out of range/);
      rejected(check({ ...forged, z1: forged.z1 % pow2(std.ell) }, bad.statement), /!=/);
    }
  });

  it('CRYPTO.md item 8: ciphertexts and units outside their groups are rejected', () => {
    const { N, N2 } = prover.pk;
    for (const b of [0n, -1n, prover.sk.p, 7n * prover.sk.q, N, N2, N2 + 1n]) {
      rejected(check(proof, { ...honest.statement, C: b }), /statement C is not a ciphertext/);
      rejected(check({ ...proof, A: b }), /commitment A is not a ciphertext/);
    }
    for (const b of [0n, verifier.aux.N, verifier.sk.q]) {
      rejected(check({ ...proof, S: b }), /commitment S is not in Z\*_N_hat/);
      rejected(check({ ...proof, D: b }), /commitment D is not in Z\*_N_hat/);
    }
    rejected(check({ ...proof, z2: prover.sk.p }), /z2 is not in Z\*_N0/);
  });

  it('CRYPTO.md item 9: identity and off-curve points in the statement or proof are rejected', () => {
    const offCurve = new Point(2n, 3n, 1n);
    for (const field of ['X', 'B'] as const) {
      rejected(
        check(proof, { ...honest.statement, [field]: Point.ZERO }),
        new RegExp(`${field} is the identity`),
      );
      rejected(
        check(proof, { ...honest.statement, [field]: offCurve }),
        new RegExp(`${field} is not on secp256k1`),
      );
    }
    rejected(check({ ...proof, Y: Point.ZERO }), /commitment Y is the identity/);
    rejected(check({ ...proof, Y: offCurve }), /commitment Y is not on secp256k1/);
    assert.throws(() =>
      proveLogStar(ctx, { ...honest.statement, B: Point.ZERO }, honest.witness, verifier.aux, std, rng),
    );
    const message = fromBinary(ZkLogStarProofSchema, encodeLogStarProof(proof));
    for (const y of [
      new Uint8Array(33),
      Uint8Array.of(0x03, ...new Uint8Array(32).fill(0xff)),
      new Uint8Array(),
    ]) {
      assert.throws(() => decodeLogStarProof(toBinary(ZkLogStarProofSchema, { ...message, y }), std), /Y/);
    }
  });

  it('every tampered proof field is rejected', () => {
    for (const [field, value] of Object.entries(proof)) {
      const tampered =
        value instanceof Point ? [value.add(Point.BASE), value.negate()] : [value + 1n, value - 1n];
      for (const t of tampered) rejected(check({ ...proof, [field]: t }), /./);
    }
  });

  it('the witness redacts itself', () => {
    const w = honest.witness;
    for (const text of [inspect(w), String(w), JSON.stringify({ w })])
      assert.match(text, /LogStarWitness\(<redacted>\)/);
  });
});
