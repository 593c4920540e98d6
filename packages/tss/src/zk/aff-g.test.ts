import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ZkAffGProofSchema } from '@mpcium/proto';
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
import {
  type AffGProof,
  type AffGStatement,
  AffGWitness,
  affGChallenge,
  proveAffG,
  verifyAffG,
} from './aff-g.js';
import { decodeAffGProof, encodeAffGProof } from './aff-g-codec.js';
import type { ProofCheck } from './check.js';
import { pedersenCommit } from './enc-pedersen.js';
import { pow2 } from './enc-range.js';
import { CURVE_ORDER, mulSecret, Point } from './sch-group.js';

const rng = seededRng('mpcium.test.zk.affg');

function party(profile: SecurityProfile, index: number) {
  const { p, q } = safePrimePair(profile.name, index);
  const sk = PaillierSecretKey.fromPrimes(p, q, profile);
  return { sk, pk: sk.publicKey, aux: generateRingPedersen(sk, rng).params };
}

type Party = ReturnType<typeof party>;
const std = STANDARD_PROFILE;
const prover = party(std, 0);
const verifier = party(std, 1);
const other = party(std, 2);
const ctx = { sessionId: new Uint8Array(32).fill(3), prover: 2 };

/**
 * Presigning round 2 (cggmp21 spec/main.tex, Non-Threshold Presigning): the verifier's
 * C = K_j = Enc_N0(k_j), the prover's D = (x ⊙ K_j) ⊕ Enc_N0(y; rho), Y = Enc_N1(y; rho_y).
 */
function mta(x: bigint, y: bigint, P: Party = prover, V: Party = verifier) {
  const k = randomBelow(rng, CURVE_ORDER);
  const C = V.pk.encrypt(k, rng).c;
  const inner = V.pk.encrypt(y, rng);
  const outer = P.pk.encrypt(y, rng);
  const D = (modPow(C, x, V.pk.N2) * inner.c) % V.pk.N2;
  const statement: AffGStatement = {
    verifierPk: V.pk,
    proverPk: P.pk,
    C,
    D,
    Y: outer.c,
    X: mulSecret(Point.BASE, x),
  };
  return { k, statement, witness: new AffGWitness(x, y, inner.rho, outer.rho, P.sk) };
}

const honest = mta(randomBelow(rng, CURVE_ORDER), -randomInterval(rng, std.ellPrime));
const proof = proveAffG(ctx, honest.statement, honest.witness, verifier.aux, std, rng);

function check(p: AffGProof, statement = honest.statement, c = ctx, aux = verifier.aux): ProofCheck {
  const fast = verifyAffG(c, statement, p, aux, std, verifier.sk);
  assert.deepEqual(fast, verifyAffG(c, statement, p, aux, std), 'CRT and public verification disagree');
  return fast;
}

function rejected(result: ProofCheck, pattern: RegExp): void {
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, pattern);
}

/** A cheating prover: Fig. 15's formulas without the honest prover's range checks on x and y. */
function cheatingProof(x: bigint, y: bigint, instance: ReturnType<typeof mta>): AffGProof {
  const { ell, ellPrime, epsilon } = std;
  const { statement, witness } = instance;
  const { verifierPk: pk0, proverPk: pk1 } = statement;
  const aux = verifier.aux;
  const alpha = randomInterval(rng, ell + epsilon);
  const beta = randomInterval(rng, ellPrime + epsilon);
  const r = randomUnit(rng, pk0.N);
  const rY = randomUnit(rng, pk1.N);
  const [gamma, delta] = [0, 1].map(() => randomSymmetric(rng, pow2(ell + epsilon) * aux.N)) as [
    bigint,
    bigint,
  ];
  const [m, mu] = [0, 1].map(() => randomSymmetric(rng, pow2(ell) * aux.N)) as [bigint, bigint];
  const commitment = {
    A: (modPow(statement.C, alpha, pk0.N2) * pk0.encryptWithNonce(beta, r)) % pk0.N2,
    Bx: mulSecret(Point.BASE, alpha),
    By: pk1.encryptWithNonce(beta, rY),
    E: pedersenCommit(aux, alpha, gamma),
    S: pedersenCommit(aux, x, m),
    F: pedersenCommit(aux, beta, delta),
    T: pedersenCommit(aux, y, mu),
  };
  const e = affGChallenge(ctx, statement, commitment, aux, std);
  return {
    ...commitment,
    z1: alpha + e * x,
    z2: beta + e * y,
    z3: gamma + e * m,
    z4: delta + e * mu,
    w: (r * modPow(witness.rho, e, pk0.N)) % pk0.N,
    wY: (rY * modPow(witness.rhoY, e, pk1.N)) % pk1.N,
  };
}

describe('Πaff-g: Paillier affine operation with group commitment (ePrint 2021/060 Fig. 15)', () => {
  it('honest MtA proofs verify and round-trip through protobuf (standard profile)', () => {
    // The statement is the MtA of presigning: the verifier decrypts D to k·x + y.
    assert.equal(
      verifier.sk.decryptSigned(verifier.pk.parseCiphertext(honest.statement.D)),
      honest.k * honest.witness.x + honest.witness.y,
    );
    assert.deepEqual(check(proof), { ok: true });
    const decoded = decodeAffGProof(encodeAffGProof(proof), std);
    assert.ok(decoded.Bx.equals(proof.Bx));
    assert.deepEqual({ ...decoded, Bx: null }, { ...proof, Bx: null });
    assert.deepEqual(check(decoded), { ok: true });
    // Edge witnesses, proven without the prover's secret key (public encryption path).
    for (const [x, y] of [
      [pow2(std.ell), pow2(std.ellPrime)],
      [-pow2(std.ell), -pow2(std.ellPrime)],
      [1n, 0n],
    ] as const) {
      const { statement, witness } = mta(x, y);
      const plain = new AffGWitness(x, y, witness.rho, witness.rhoY);
      assert.deepEqual(check(proveAffG(ctx, statement, plain, verifier.aux, std, rng), statement), {
        ok: true,
      });
    }
  });

  it('honest MtA proofs verify and round-trip through protobuf (strong profile)', () => {
    const P = party(STRONG_PROFILE, 0);
    const V = party(STRONG_PROFILE, 1);
    const { statement, witness } = mta(randomBelow(rng, CURVE_ORDER), randomInterval(rng, 848), P, V);
    const p = proveAffG(ctx, statement, witness, V.aux, STRONG_PROFILE, rng);
    const decoded = decodeAffGProof(encodeAffGProof(p), STRONG_PROFILE);
    assert.deepEqual(verifyAffG(ctx, statement, decoded, V.aux, STRONG_PROFILE, V.sk), { ok: true });
    assert.deepEqual(verifyAffG(ctx, statement, decoded, V.aux, STRONG_PROFILE), { ok: true });
  });

  it('CRYPTO.md item 5: a proof replayed under another session id or prover is rejected', () => {
    rejected(check(proof, honest.statement, { ...ctx, sessionId: new Uint8Array(32) }), /!=/);
    rejected(check(proof, honest.statement, { ...ctx, prover: 3 }), /!=/);
    // The γ-MtA proof is not a proof for the x-MtA statement of the same round (other D, Y, X).
    rejected(check(proof, mta(honest.witness.x + 1n, honest.witness.y).statement), /!=/);
  });

  it('a proof made against one verifier ring-Pedersen parameters fails against another', () => {
    rejected(verifyAffG(ctx, honest.statement, proof, other.aux, std, other.sk), /N_hat|!=/);
    rejected(verifyAffG(ctx, honest.statement, proof, other.aux, std), /N_hat|!=/);
  });

  it('CRYPTO.md item 7: x >= 2^l or y beyond 2^l` are refused by the prover', () => {
    const refuse = (x: bigint, y: bigint, pattern: RegExp) => {
      const { statement, witness } = mta(x, y);
      assert.throws(() => proveAffG(ctx, statement, witness, verifier.aux, std, rng), pattern);
    };
    refuse(pow2(std.ell) + 1n, 0n, /x out of range/);
    refuse(-pow2(std.ell) - 1n, 0n, /x out of range/);
    refuse(1n, pow2(std.ellPrime) + 1n, /y out of range/);
    refuse(1n, -pow2(std.ellPrime) - 1n, /y out of range/);
  });

  it('CRYPTO.md item 7: responses outside ±2^(l+eps), ±2^(l`+eps) are rejected', () => {
    const z1 = pow2(std.ell + std.epsilon);
    const z2 = pow2(std.ellPrime + std.epsilon);
    const mask = pow2(std.ell + std.epsilon + 1) * verifier.aux.N;
    rejected(check({ ...proof, z1: z1 + 1n }), /z1 out of range/);
    rejected(check({ ...proof, z1: -z1 - 1n }), /z1 out of range/);
    rejected(check({ ...proof, z2: z2 + 1n }), /z2 out of range/);
    rejected(check({ ...proof, z2: -z2 - 1n }), /z2 out of range/);
    rejected(check({ ...proof, z3: mask + 1n }), /z3 out of range/);
    rejected(check({ ...proof, z4: -mask - 1n }), /z4 out of range/);
  });

  it('Alpha-Rays: an MtA with x or y far out of range cannot be proven', () => {
    const { x, y } = honest.witness;
    assert.deepEqual(check(cheatingProof(x, y, honest)), { ok: true }, 'the cheating prover is faithful');
    const N0 = verifier.pk.N;
    for (const [bx, by, pattern] of [
      [N0 >> 2n, y, /z1 out of range/], // k·x wraps modulo N0: the decryption leaks k mod small primes
      [pow2(std.ell + std.epsilon), y, /z1 out of range/],
      [x, pow2(std.ellPrime + std.epsilon), /z2 out of range/],
      [x, -(N0 >> 3n), /z2 out of range/],
    ] as const) {
      const instance = mta(bx, by);
      const forged = cheatingProof(bx, by, instance);
      rejected(check(forged, instance.statement), pattern);
      const wrapped = { ...forged, z1: forged.z1 % pow2(std.ell), z2: forged.z2 % pow2(std.ellPrime) };
      rejected(check(wrapped, instance.statement), /!=/);
    }
  });

  it('CRYPTO.md item 8: ciphertexts 0, multiples of a factor and >= N^2 are rejected', () => {
    const [pk0, pk1] = [verifier.pk, prover.pk];
    const bad0 = [0n, -1n, verifier.sk.p, 5n * verifier.sk.q, pk0.N, pk0.N2, pk0.N2 + 7n];
    const bad1 = [0n, prover.sk.q, 3n * prover.sk.p, pk1.N2];
    for (const b of bad0) {
      rejected(
        check(proof, { ...honest.statement, C: b }),
        /statement C is not a ciphertext in Z\*_\{N0\^2\}/,
      );
      rejected(check(proof, { ...honest.statement, D: b }), /statement D is not a ciphertext/);
      rejected(check({ ...proof, A: b }), /commitment A is not a ciphertext/);
    }
    for (const b of bad1) {
      rejected(
        check(proof, { ...honest.statement, Y: b }),
        /statement Y is not a ciphertext in Z\*_\{N1\^2\}/,
      );
      rejected(check({ ...proof, By: b }), /commitment B_y is not a ciphertext/);
    }
    const Nhat = verifier.aux.N;
    for (const field of ['E', 'S', 'F', 'T'] as const) {
      for (const b of [0n, Nhat, verifier.sk.p])
        rejected(check({ ...proof, [field]: b }), /not in Z\*_N_hat/);
    }
    rejected(check({ ...proof, w: verifier.sk.p }), /w is not in Z\*_N0/);
    rejected(check({ ...proof, wY: pk1.N }), /w_y is not in Z\*_N1/);
  });

  it('CRYPTO.md item 9: identity and off-curve points are rejected', () => {
    const offCurve = new Point(1n, 1n, 1n);
    rejected(check(proof, { ...honest.statement, X: Point.ZERO }), /statement X is the identity/);
    rejected(check(proof, { ...honest.statement, X: offCurve }), /statement X is not on secp256k1/);
    rejected(check({ ...proof, Bx: Point.ZERO }), /commitment B_x is the identity/);
    rejected(check({ ...proof, Bx: offCurve }), /commitment B_x is not on secp256k1/);
    const message = fromBinary(ZkAffGProofSchema, encodeAffGProof(proof));
    const fieldP = Point.Fp.ORDER;
    for (const bX of [
      new Uint8Array(33), // no encoding of the identity is accepted
      Uint8Array.of(0),
      Uint8Array.of(0x02, ...Point.Fp.toBytes(fieldP - 1n)), // x^3 + 7 is not a square: off the curve
      proof.Bx.toBytes(false), // uncompressed
      proof.Bx.toBytes(true).subarray(0, 32),
    ]) {
      assert.throws(() => decodeAffGProof(toBinary(ZkAffGProofSchema, { ...message, bX }), std), /B_x/);
    }
  });

  it('every tampered proof field is rejected', () => {
    for (const [field, value] of Object.entries(proof)) {
      const tampered =
        value instanceof Point ? [value.add(Point.BASE), value.negate()] : [value + 1n, value - 1n];
      for (const t of tampered) rejected(check({ ...proof, [field]: t }), /./);
    }
  });

  it('the witness redacts itself; decoding rejects truncated and oversized proofs', () => {
    const w = honest.witness;
    for (const text of [inspect(w), String(w), JSON.stringify([w])])
      assert.match(text, /AffGWitness\(<redacted>\)/);
    const bytes = encodeAffGProof(proof);
    assert.throws(
      () => decodeAffGProof(bytes.subarray(0, bytes.length - 3), std),
      /malformed|missing|longer/,
    );
    assert.throws(() => decodeAffGProof(new Uint8Array(2 * 1024 * 1024), std), /too large/);
    // Caps follow the profile: a standard-profile z1 (~768 bits) exceeds the strong profile's
    // ±2^(256+230) and is refused before any arithmetic.
    assert.throws(() => decodeAffGProof(bytes, STRONG_PROFILE), /z1: integer longer/);
  });
});
