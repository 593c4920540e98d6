import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { create, toBinary } from '@bufbuild/protobuf';
import { ZkEncProofSchema } from '@mpcium/proto';
import { seededRng } from '@mpcium/tss-sim';
import { randomInterval, randomSymmetric, randomUnit } from '../math/index.js';
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
import { type EncProof, type EncStatement, EncWitness, encChallenge, proveEnc, verifyEnc } from './enc.js';
import { decodeEncProof, encodeEncProof } from './enc-codec.js';
import { paillierEquationHolds } from './enc-paillier.js';
import { pedersenCommit, pedersenHolds } from './enc-pedersen.js';
import { pow2 } from './enc-range.js';
import { toSignedInteger } from './integer.js';
import { LogStarWitness, logStarChallenge, proveLogStar } from './log-star.js';
import { mulSecret, Point } from './sch-group.js';

const rng = seededRng('mpcium.test.zk.enc');

function party(profile: SecurityProfile, index: number) {
  const { p, q } = safePrimePair(profile.name, index);
  const sk = PaillierSecretKey.fromPrimes(p, q, profile);
  return { sk, pk: sk.publicKey, aux: generateRingPedersen(sk, rng).params };
}

const std = STANDARD_PROFILE;
const prover = party(std, 0);
const verifier = party(std, 1);
const other = party(std, 2);
const ctx = { sessionId: new Uint8Array(32).fill(1), prover: 1 };

function instance(k: bigint) {
  const { c: K, rho } = prover.pk.encrypt(k, rng);
  const statement: EncStatement = { proverPk: prover.pk, K };
  return { statement, rho, witness: new EncWitness(k, rho, prover.sk) };
}

const honest = instance(randomInterval(rng, std.ell));
const proof = proveEnc(ctx, honest.statement, honest.witness, verifier.aux, std, rng);

/** Verifies with the CRT (verifier's key) and without; both paths must agree. */
function check(p: EncProof, statement = honest.statement, c = ctx, aux = verifier.aux): ProofCheck {
  const fast = verifyEnc(c, statement, p, aux, std, verifier.sk);
  const plain = verifyEnc(c, statement, p, aux, std);
  assert.deepEqual(fast, plain, 'CRT and public verification disagree');
  return fast;
}

function rejected(result: ProofCheck, pattern: RegExp): void {
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, pattern);
}

/** A cheating prover: Fig. 14's formulas without the honest prover's range check on k. */
function cheatingProof(k: bigint, rho: bigint, statement: EncStatement): EncProof {
  const { ell, epsilon } = std;
  const N = prover.pk.N;
  const aux = verifier.aux;
  const alpha = randomInterval(rng, ell + epsilon);
  const mu = randomSymmetric(rng, pow2(ell) * aux.N);
  const r = randomUnit(rng, N);
  const gamma = randomSymmetric(rng, pow2(ell + epsilon) * aux.N);
  const commitment = {
    S: pedersenCommit(aux, k, mu),
    A: prover.pk.encryptWithNonce(alpha, r),
    C: pedersenCommit(aux, alpha, gamma),
  };
  const e = encChallenge(ctx, statement, commitment, aux, std);
  return { ...commitment, z1: alpha + e * k, z2: (r * modPow(rho, e, N)) % N, z3: gamma + e * mu };
}

describe('Πenc: Paillier encryption in range (ePrint 2021/060 Fig. 14)', () => {
  it('honest proofs verify and round-trip through protobuf (standard profile, edge plaintexts)', () => {
    assert.deepEqual(check(proof), { ok: true });
    const decoded = decodeEncProof(encodeEncProof(proof), std);
    assert.deepEqual(decoded, proof);
    assert.deepEqual(check(decoded), { ok: true });
    for (const k of [0n, pow2(std.ell), -pow2(std.ell)]) {
      const { statement, witness } = instance(k);
      // Without the prover's secret key: the public encryption path gives the same proof shape.
      const p = proveEnc(ctx, statement, new EncWitness(k, witness.rho), verifier.aux, std, rng);
      assert.deepEqual(check(p, statement), { ok: true });
    }
  });

  it('honest proofs verify and round-trip through protobuf (strong profile)', () => {
    const P = party(STRONG_PROFILE, 0);
    const V = party(STRONG_PROFILE, 1);
    const k = randomInterval(rng, STRONG_PROFILE.ell);
    const { c: K, rho } = P.pk.encrypt(k, rng);
    const statement = { proverPk: P.pk, K };
    const p = proveEnc(ctx, statement, new EncWitness(k, rho, P.sk), V.aux, STRONG_PROFILE, rng);
    const decoded = decodeEncProof(encodeEncProof(p), STRONG_PROFILE);
    assert.deepEqual(decoded, p);
    assert.deepEqual(verifyEnc(ctx, statement, decoded, V.aux, STRONG_PROFILE, V.sk), { ok: true });
    assert.deepEqual(verifyEnc(ctx, statement, decoded, V.aux, STRONG_PROFILE), { ok: true });
    // A strong-profile proof is not a standard-profile proof (L is in the transcript).
    assert.equal(verifyEnc(ctx, statement, p, V.aux, std).ok, false);
  });

  it('CRYPTO.md item 5: a proof replayed under another session id, prover or tag is rejected', () => {
    rejected(check(proof, honest.statement, { ...ctx, sessionId: new Uint8Array(32).fill(2) }), /!=/);
    rejected(check(proof, honest.statement, { ...ctx, prover: 2 }), /!=/);
    // Πlog* with B = G shares Πenc's equations; only the domain tag tells the two apart.
    const k = honest.witness.k;
    const logStatement = {
      proverPk: prover.pk,
      C: honest.statement.K,
      X: mulSecret(Point.BASE, k),
      B: Point.BASE,
    };
    const log = proveLogStar(ctx, logStatement, new LogStarWitness(k, honest.rho), verifier.aux, std, rng);
    const eLog = logStarChallenge(ctx, logStatement, log, verifier.aux, std);
    assert.ok(pedersenHolds(verifier.aux, log.z1, log.z3, log.D, log.S, eLog));
    const left = [[log.A, 1n] as const, [honest.statement.K, eLog] as const];
    assert.ok(paillierEquationHolds(prover.pk, left, [], log.z1, log.z2));
    const asEnc: EncProof = { S: log.S, A: log.A, C: log.D, z1: log.z1, z2: log.z2, z3: log.z3 };
    rejected(check(asEnc), /!=/);
  });

  it('a proof made against one verifier ring-Pedersen parameters fails against another', () => {
    rejected(verifyEnc(ctx, honest.statement, proof, other.aux, std, other.sk), /N_hat|!=/);
    rejected(verifyEnc(ctx, honest.statement, proof, other.aux, std), /N_hat|!=/);
    // A proof is bound to its statement too.
    rejected(check(proof, instance(honest.witness.k).statement), /!=/);
  });

  it('CRYPTO.md item 7: k >= 2^l is refused by the prover; responses outside ±2^(l+eps) are rejected', () => {
    const { statement, rho } = instance(pow2(std.ell) + 1n);
    assert.throws(
      () => proveEnc(ctx, statement, new EncWitness(pow2(std.ell) + 1n, rho), verifier.aux, std, rng),
      /k out of range/,
    );
    const bound = pow2(std.ell + std.epsilon);
    rejected(check({ ...proof, z1: bound + 1n }), /z1 out of range/);
    rejected(check({ ...proof, z1: -bound - 1n }), /z1 out of range/);
    rejected(
      check({ ...proof, z3: pow2(std.ell + std.epsilon + 1) * verifier.aux.N + 1n }),
      /z3 out of range/,
    );
  });

  it('Alpha-Rays: K = Enc(k) with k far outside ±2^l cannot be proven', () => {
    // The cheating prover is faithful: with an honest k its proofs are accepted.
    assert.deepEqual(check(cheatingProof(honest.witness.k, honest.rho, honest.statement)), { ok: true });
    for (const k of [prover.pk.N >> 2n, pow2(std.ell + std.epsilon), -(prover.pk.N >> 9n)]) {
      const { statement, rho } = instance(k);
      const forged = cheatingProof(k, rho, statement);
      rejected(check(forged, statement), /z1 out of range/);
      // Enc(z1; z2) only sees z1 mod N0: the centred residue is still huge ...
      const N = prover.pk.N;
      const centred = ((forged.z1 % N) + N) % N;
      rejected(
        check({ ...forged, z1: centred > N >> 1n ? centred - N : centred }, statement),
        /z1 out of range/,
      );
      // ... and forcing z1 into range breaks the equations.
      rejected(check({ ...forged, z1: forged.z1 % pow2(std.ell + std.epsilon) }, statement), /!=/);
    }
  });

  it('CRYPTO.md item 8: ciphertexts 0, multiples of a factor of N0 and >= N0^2 are rejected', () => {
    const { N, N2 } = prover.pk;
    for (const bad of [0n, -1n, prover.sk.p, 3n * prover.sk.q, N, N2, N2 + 1n]) {
      rejected(check(proof, { ...honest.statement, K: bad }), /statement K is not a ciphertext/);
      rejected(check({ ...proof, A: bad }), /commitment A is not a ciphertext/);
    }
  });

  it('ring-Pedersen commitments and z2 outside their groups are rejected', () => {
    const Nhat = verifier.aux.N;
    for (const bad of [0n, Nhat, Nhat + 1n, verifier.sk.p, -proof.S]) {
      rejected(check({ ...proof, S: bad }), /commitment S is not in Z\*_N_hat/);
      rejected(check({ ...proof, C: bad }), /commitment C is not in Z\*_N_hat/);
    }
    for (const bad of [0n, prover.pk.N, prover.sk.q])
      rejected(check({ ...proof, z2: bad }), /z2 is not in Z\*_N0/);
  });

  it('every tampered proof field is rejected', () => {
    for (const field of Object.keys(proof) as (keyof EncProof)[]) {
      for (const delta of [1n, -1n]) rejected(check({ ...proof, [field]: proof[field] + delta }), /./);
    }
  });

  it('decoding rejects malformed bytes, unknown fields, missing, negative and oversized integers', () => {
    const bytes = encodeEncProof(proof);
    assert.throws(() => decodeEncProof(Uint8Array.of(0xff, 0xff), std), /malformed/);
    assert.throws(
      () => decodeEncProof(Uint8Array.from([...bytes, 0x38, 0x01]), std),
      /non-canonical|unknown/,
    );
    const fields = {
      s: toSignedInteger(proof.S),
      a: toSignedInteger(proof.A),
      c: toSignedInteger(proof.C),
      z1: toSignedInteger(proof.z1),
      z2: toSignedInteger(proof.z2),
      z3: toSignedInteger(proof.z3),
    };
    const encode = (patch: object) =>
      toBinary(ZkEncProofSchema, create(ZkEncProofSchema, { ...fields, ...patch }));
    assert.deepEqual(decodeEncProof(encode({}), std), proof);
    assert.throws(() => decodeEncProof(encode({ z2: undefined }), std), /missing/);
    assert.throws(() => decodeEncProof(encode({ s: toSignedInteger(-proof.S) }), std), /out of range/);
    assert.throws(() => decodeEncProof(encode({ s: toSignedInteger(pow2(2048)) }), std), /S/);
    assert.throws(() => decodeEncProof(encode({ a: toSignedInteger(pow2(4096)) }), std), /A/);
    assert.throws(
      () => decodeEncProof(encode({ z1: toSignedInteger(pow2(800)) }), std),
      /z1: integer longer/,
    );
    assert.throws(
      () => decodeEncProof(encode({ z3: toSignedInteger(-pow2(4096)) }), std),
      /z3: integer longer/,
    );
  });

  it('the witness redacts itself; the prover refuses a foreign secret key', () => {
    const w = honest.witness;
    for (const text of [inspect(w), String(w), JSON.stringify({ w })]) {
      assert.match(text, /EncWitness\(<redacted>\)/);
      assert.doesNotMatch(text, new RegExp(w.k.toString().slice(0, 12)));
    }
    const foreign = new EncWitness(w.k, honest.rho, verifier.sk);
    assert.throws(() => proveEnc(ctx, honest.statement, foreign, verifier.aux, std, rng), /does not match/);
  });
});
