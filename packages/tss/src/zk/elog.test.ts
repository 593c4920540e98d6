/**
 * Πelog (ePrint 2021/060 2024 revision, Fig. 23): honest proofs verify and round-trip; a wrong
 * witness, every tampered field, another session, prover or base, and identity points are
 * rejected (CRYPTO.md items 5 and 9).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { randomBelow } from '../math/random.js';
import { type ElogProof, type ElogStatement, ElogWitness, proveElog, verifyElog } from './elog.js';
import { decodeElogProof, encodeElogProof } from './elog-codec.js';
import { CURVE_ORDER, Point } from './sch-group.js';

const rng = seededRng('elog');
const scalar = () => randomBelow(rng, CURVE_ORDER - 1n) + 1n;
const ctx = { sessionId: rng(32), prover: 2 };

function instance() {
  const y = scalar();
  const lambda = scalar();
  const X = Point.BASE.multiply(scalar());
  const H = Point.BASE.multiply(scalar());
  const statement: ElogStatement = {
    L: Point.BASE.multiply(lambda),
    M: Point.BASE.multiply(y).add(X.multiply(lambda)),
    X,
    Y: H.multiply(y),
    H,
  };
  return { statement, witness: new ElogWitness(y, lambda) };
}

describe('Πelog', () => {
  test('honest proofs verify and survive the protobuf round trip', () => {
    for (let i = 0; i < 5; i++) {
      const { statement, witness } = instance();
      const proof = proveElog(ctx, statement, witness, rng);
      assert.deepEqual(verifyElog(ctx, statement, proof), { ok: true });
      assert.deepEqual(verifyElog(ctx, statement, decodeElogProof(encodeElogProof(proof))), { ok: true });
    }
  });

  test('a prover with the wrong y or lambda fails', () => {
    const { statement, witness } = instance();
    for (const bad of [
      new ElogWitness(witness.y + 1n, witness.lambda),
      new ElogWitness(witness.y, witness.lambda + 1n),
    ]) {
      assert.equal(verifyElog(ctx, statement, proveElog(ctx, statement, bad, rng)).ok, false);
    }
  });

  test('every tampered field is rejected', () => {
    const { statement, witness } = instance();
    const proof = proveElog(ctx, statement, witness, rng);
    const tampered: ElogProof[] = [
      { ...proof, A: proof.A.add(Point.BASE) },
      { ...proof, N: proof.N.add(Point.BASE) },
      { ...proof, B: proof.B.add(Point.BASE) },
      { ...proof, z: (proof.z + 1n) % CURVE_ORDER },
      { ...proof, u: (proof.u + 1n) % CURVE_ORDER },
      { ...proof, z: proof.z + CURVE_ORDER },
    ];
    for (const t of tampered) assert.equal(verifyElog(ctx, statement, t).ok, false);
    for (const key of ['L', 'M', 'X', 'Y', 'H'] as const) {
      const other = { ...statement, [key]: statement[key].add(Point.BASE) };
      assert.equal(verifyElog(ctx, other, proof).ok, false, `statement ${key} changed`);
    }
  });

  test('CRYPTO.md item 5: a proof replayed under another session or prover is rejected', () => {
    const { statement, witness } = instance();
    const proof = proveElog(ctx, statement, witness, rng);
    assert.equal(verifyElog({ ...ctx, prover: 3 }, statement, proof).ok, false);
    assert.equal(verifyElog({ ...ctx, sessionId: rng(32) }, statement, proof).ok, false);
  });

  test('CRYPTO.md item 9: identity points are refused in statements and proofs', () => {
    const { statement, witness } = instance();
    const proof = proveElog(ctx, statement, witness, rng);
    assert.match(
      String((verifyElog(ctx, { ...statement, Y: Point.ZERO }, proof) as { reason: string }).reason),
      /identity/,
    );
    assert.equal(verifyElog(ctx, statement, { ...proof, B: Point.ZERO }).ok, false);
    assert.throws(() => proveElog(ctx, { ...statement, H: Point.ZERO }, witness, rng), /identity/);
    const bytes = encodeElogProof(proof);
    assert.throws(() => decodeElogProof(bytes.slice(0, bytes.length - 1)));
  });

  test('the witness prints redacted', () => {
    const { witness } = instance();
    assert.ok(!inspect(witness).includes(String(witness.y)));
    assert.ok(!JSON.stringify({ witness }).includes(String(witness.lambda)));
  });
});
