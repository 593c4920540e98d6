import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { create, toBinary } from '@bufbuild/protobuf';
import { ZkSchProofSchema } from '@mpcium/proto';
import { seededRng } from '@mpcium/tss-sim';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { randomBelow } from '../math/index.js';
import type { ProofCheck } from './check.js';
import {
  commitSch,
  proveSch,
  proveSchWithNonce,
  type SchProof,
  SchWitness,
  schChallenge,
  verifySch,
} from './sch.js';
import { decodeSchProof, encodeSchProof } from './sch-codec.js';
import { CURVE_ORDER, decodePoint, encodePoint, Point } from './sch-group.js';
import { Transcript } from './transcript.js';

const rng = seededRng('mpcium.test.zk.sch');
const ctx = { sessionId: new Uint8Array(32).fill(9), prover: 3 };
const x = randomBelow(rng, CURVE_ORDER);
const statement = { X: Point.BASE.multiply(x) };
const witness = new SchWitness(x);
const proof = proveSch(ctx, statement, witness, rng);

function rejected(result: ProofCheck, pattern: RegExp): void {
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, pattern);
}

describe('Πsch: Schnorr proof of knowledge (ePrint 2021/060 Fig. 22; cggmp21 spec Πsch)', () => {
  it('honest proofs verify and round-trip through protobuf (33-byte A, 32-byte z)', () => {
    assert.deepEqual(verifySch(ctx, statement, proof), { ok: true });
    const bytes = encodeSchProof(proof);
    const decoded = decodeSchProof(bytes);
    assert.ok(decoded.A.equals(proof.A));
    assert.equal(decoded.z, proof.z);
    assert.deepEqual(verifySch(ctx, statement, decoded), { ok: true });
    assert.equal(bytes.length, 2 + 33 + 2 + 32);
  });

  it('key generation: a nonce committed in round 1 answers one challenge, never two', () => {
    const nonce = commitSch(rng);
    const p = proveSchWithNonce(ctx, statement, witness, nonce);
    assert.ok(p.A.equals(nonce.A));
    assert.deepEqual(verifySch(ctx, statement, p), { ok: true });
    // A second answer for the same alpha would reveal x = (z - z') / (e - e').
    assert.throws(() => proveSchWithNonce({ ...ctx, prover: 4 }, statement, witness, nonce), /already used/);
  });

  it('CRYPTO.md item 5: a proof replayed under another session id, prover or tag is rejected', () => {
    rejected(verifySch({ ...ctx, sessionId: new Uint8Array(32) }, statement, proof), /z·G != A \+ e·X/);
    rejected(verifySch({ ...ctx, prover: 1 }, statement, proof), /z·G != A \+ e·X/);
    // Copying another party's statement and proof (keygen's copied-commitment attack) fails too.
    const copied = proveSch({ ...ctx, prover: 1 }, statement, witness, rng);
    rejected(verifySch(ctx, statement, copied), /!=/);
    // The same fields under another protocol's tag give a valid Schnorr proof there, not here.
    const nonce = commitSch(rng);
    const alpha = nonce.consume();
    const e = Transcript.start('mpcium.frost.pok.v1', ctx)
      .bytes('curve', utf8ToBytes('secp256k1'))
      .bytes('X', encodePoint(statement.X))
      .bytes('A', encodePoint(nonce.A))
      .challengeBelow('e', CURVE_ORDER);
    const foreign: SchProof = { A: nonce.A, z: (alpha + e * x) % CURVE_ORDER };
    assert.ok(Point.BASE.multiply(foreign.z).equals(nonce.A.add(statement.X.multiply(e))));
    rejected(verifySch(ctx, statement, foreign), /!=/);
    assert.notEqual(schChallenge(ctx, statement, nonce.A), e);
  });

  it('CRYPTO.md item 9: identity and off-curve points are rejected', () => {
    const offCurve = new Point(5n, 7n, 1n);
    rejected(verifySch(ctx, { X: Point.ZERO }, proof), /statement X is the identity/);
    rejected(verifySch(ctx, { X: offCurve }, proof), /statement X is not on secp256k1/);
    rejected(verifySch(ctx, statement, { ...proof, A: Point.ZERO }), /commitment A is the identity/);
    rejected(verifySch(ctx, statement, { ...proof, A: offCurve }), /commitment A is not on secp256k1/);
    assert.throws(() => proveSch(ctx, { X: Point.ZERO }, witness, rng), /identity/);
    const fp = Point.Fp.ORDER;
    for (const bad of [
      new Uint8Array(33),
      Uint8Array.of(0),
      Uint8Array.of(0x02, ...Point.Fp.toBytes(fp - 1n)), // x^3 + 7 not a square mod p
      Uint8Array.of(0x02, ...new Uint8Array(32).fill(0xff)), // x >= p: non-canonical
      Uint8Array.of(0x05, ...encodePoint(statement.X).subarray(1)),
      statement.X.toBytes(false),
    ]) {
      assert.throws(() => decodePoint(bad, 'P'), /P:/);
    }
  });

  it('every tampered proof field is rejected, and z outside [0, q)', () => {
    rejected(verifySch(ctx, statement, { ...proof, A: proof.A.add(Point.BASE) }), /!=/);
    rejected(verifySch(ctx, statement, { ...proof, A: proof.A.negate() }), /!=/);
    rejected(verifySch(ctx, statement, { ...proof, z: (proof.z + 1n) % CURVE_ORDER }), /!=/);
    rejected(verifySch(ctx, statement, { ...proof, z: proof.z + CURVE_ORDER }), /not a scalar/);
    rejected(verifySch(ctx, statement, { ...proof, z: -1n }), /not a scalar/);
    rejected(verifySch(ctx, { X: statement.X.add(Point.BASE) }, proof), /!=/);
  });

  it('decoding rejects malformed bytes, wrong lengths, unknown fields and z >= q', () => {
    const encode = (a: Uint8Array, z: Uint8Array) =>
      toBinary(ZkSchProofSchema, create(ZkSchProofSchema, { a, z }));
    const A = encodePoint(proof.A);
    const z = Point.Fn.toBytes(proof.z);
    assert.throws(() => decodeSchProof(Uint8Array.of(0x0a, 0x05, 1)), /malformed/);
    assert.throws(() => decodeSchProof(Uint8Array.from([...encodeSchProof(proof), 0x18, 0x01])), /unknown/);
    assert.throws(() => decodeSchProof(encode(A, z.subarray(1))), /z: expected a 32-byte scalar/);
    assert.throws(() => decodeSchProof(encode(A, new Uint8Array(32).fill(0xff))), /z: scalar not below/);
    assert.throws(() => decodeSchProof(encode(new Uint8Array(), z)), /A: expected a 33-byte/);
  });

  it('the witness and the nonce redact themselves', () => {
    const nonce = commitSch(rng);
    for (const [value, label] of [
      [witness, 'SchWitness'],
      [nonce, 'SchNonce'],
    ] as const) {
      for (const text of [inspect(value), String(value), JSON.stringify({ value })]) {
        assert.match(text, new RegExp(`${label}\\(<redacted>\\)`));
      }
    }
  });
});
