import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import {
  generateRingPedersen,
  PaillierSecretKey,
  type SecurityProfile,
  STANDARD_PROFILE,
  STRONG_PROFILE,
} from '../paillier/index.js';
import { safePrimePair } from '../testing/fixtures.js';
import { type AffGCommitment, type AffGStatement, affGChallenge } from './aff-g.js';
import { type EncCommitment, type EncStatement, encChallenge } from './enc.js';
import { challengeBound, integerCaps, maskResponseBound, pow2 } from './enc-range.js';
import { type LogStarCommitment, type LogStarStatement, logStarChallenge } from './log-star.js';
import { CURVE_ORDER, Point } from './sch-group.js';

const rng = seededRng('mpcium.test.zk.range');

function party(index: number) {
  const { p, q } = safePrimePair('standard', index);
  const sk = PaillierSecretKey.fromPrimes(p, q, STANDARD_PROFILE);
  return { pk: sk.publicKey, aux: generateRingPedersen(sk, rng).params };
}

const a = party(0);
const b = party(1);
const ctx = { sessionId: new Uint8Array(32).fill(4), prover: 1 };
const G = Point.BASE;

/** Changes each field in turn (statement, commitment, aux, profile) and expects a new e each time. */
function assertBindsEveryField<S extends object, C extends object>(
  challenge: (s: S, c: C, aux: typeof a.aux, profile: SecurityProfile) => bigint,
  statement: S,
  commitment: C,
  replace: (value: unknown) => unknown,
): void {
  const seen = new Set<bigint>([challenge(statement, commitment, a.aux, STANDARD_PROFILE)]);
  const variants: bigint[] = [
    challenge(statement, commitment, b.aux, STANDARD_PROFILE),
    challenge(statement, commitment, a.aux, STRONG_PROFILE),
  ];
  for (const key of Object.keys(statement)) {
    const s = { ...statement, [key]: replace((statement as Record<string, unknown>)[key]) } as S;
    variants.push(challenge(s, commitment, a.aux, STANDARD_PROFILE));
  }
  for (const key of Object.keys(commitment)) {
    const c = { ...commitment, [key]: replace((commitment as Record<string, unknown>)[key]) } as C;
    variants.push(challenge(statement, c, a.aux, STANDARD_PROFILE));
  }
  for (const e of variants) seen.add(e);
  assert.equal(seen.size, variants.length + 1);
}

const replace = (v: unknown) => (typeof v === 'bigint' ? v + 1n : v instanceof Point ? v.add(G) : b.pk);

describe('range proofs: shared parameters and Fiat-Shamir binding (CRYPTO.md item 6)', () => {
  it('challenge space: ±q for standard, ±2^128 for strong, and eps >= 8 + log Q for both', () => {
    assert.equal(challengeBound(STANDARD_PROFILE), CURVE_ORDER);
    assert.equal(challengeBound(STRONG_PROFILE), 2n ** 128n);
    for (const profile of [STANDARD_PROFILE, STRONG_PROFILE]) {
      const Q = challengeBound(profile);
      assert.ok(Q <= pow2(profile.epsilon - 8), `${profile.name}: eps >= 8 + log Q`);
      // Honest ring-Pedersen responses |gamma + e·mu| stay below the bound the verifier enforces.
      const Nhat = pow2(profile.maxModulusBits) - 1n;
      const largest = pow2(profile.ell + profile.epsilon) * Nhat + Q * pow2(profile.ell) * Nhat;
      assert.ok(largest <= maskResponseBound(profile, Nhat));
      const caps = integerCaps(profile);
      assert.ok(maskResponseBound(profile, Nhat) < 256n ** BigInt(caps.zMask));
      assert.ok(pow2(profile.ellPrime + profile.epsilon) < 256n ** BigInt(caps.zPrime));
    }
  });

  it('Πenc: e binds L, R_j, N0, K, S, A, C', () => {
    const statement: EncStatement = { proverPk: a.pk, K: 11n };
    const commitment: EncCommitment = { S: 2n, A: 3n, C: 4n };
    const e = (s: EncStatement, c: EncCommitment, aux: typeof a.aux, p: SecurityProfile) =>
      encChallenge(ctx, s, c, aux, p);
    assertBindsEveryField(e, statement, commitment, replace);
  });

  it('Πaff-g: e binds L, R_j, N0, N1, C, D, Y, X, A, B_x, B_y, E, S, F, T', () => {
    const statement: AffGStatement = { verifierPk: b.pk, proverPk: a.pk, C: 5n, D: 6n, Y: 7n, X: G };
    const commitment: AffGCommitment = { A: 1n, Bx: G.double(), By: 2n, E: 3n, S: 4n, F: 5n, T: 6n };
    const e = (s: AffGStatement, c: AffGCommitment, aux: typeof a.aux, p: SecurityProfile) =>
      affGChallenge(ctx, s, c, aux, p);
    assertBindsEveryField(e, statement, commitment, (v) => (v === b.pk ? a.pk : replace(v)));
    // Swapping the roles of the two moduli is a different statement.
    const swapped = { ...statement, verifierPk: a.pk, proverPk: b.pk };
    assert.notEqual(
      e(swapped, commitment, a.aux, STANDARD_PROFILE),
      e(statement, commitment, a.aux, STANDARD_PROFILE),
    );
  });

  it('Πlog*: e binds L, R_j, N0, C, X, B, S, A, Y, D', () => {
    const statement: LogStarStatement = { proverPk: a.pk, C: 9n, X: G, B: G.double() };
    const commitment: LogStarCommitment = { S: 1n, A: 2n, Y: G.double().double(), D: 3n };
    const e = (s: LogStarStatement, c: LogStarCommitment, aux: typeof a.aux, p: SecurityProfile) =>
      logStarChallenge(ctx, s, c, aux, p);
    assertBindsEveryField(e, statement, commitment, replace);
  });
});
