import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { bitLength } from '../math/bytes.js';
import { STANDARD_PROFILE, STRONG_PROFILE } from '../paillier/profiles.js';
import { negativePrimes, safePrimePair } from '../testing/fixtures.js';
import type { ProofCheck } from './check.js';
import { toSignedInteger } from './integer.js';
import {
  MOD_TAG,
  type ModProof,
  type ModRound,
  ModWitness,
  modChallenges,
  proveMod,
  proveModTagged,
  verifyMod,
} from './mod.js';
import { decodeModProof, encodeModProof } from './mod-codec.js';

const rng = seededRng('mpcium.test.zk.mod');
const ctx = { sessionId: new Uint8Array(32).fill(0x11), prover: 2 };
const { p, q } = safePrimePair('standard', 0);
const N = p * q;
const witness = new ModWitness(p, q);
const proof = proveMod(ctx, { N }, witness, STANDARD_PROFILE, rng);

function rejects(check: ProofCheck, pattern: RegExp): void {
  assert.equal(check.ok, false, 'proof must be rejected');
  if (!check.ok) assert.match(check.reason, pattern);
}

function withRound(i: number, patch: Partial<ModRound>): ModProof {
  const rounds = proof.rounds.map((r, j) => (j === i ? { ...r, ...patch } : r));
  return { w: proof.w, rounds };
}

describe('Πmod honest proofs (cggmp21 spec/main.tex "Πmod: Paillier-Blum Modulus")', () => {
  it('an honest proof verifies and round-trips through protobuf', () => {
    assert.deepEqual(verifyMod(ctx, { N }, proof, STANDARD_PROFILE), { ok: true });
    const bytes = encodeModProof(proof);
    const decoded = decodeModProof(bytes, STANDARD_PROFILE);
    assert.deepEqual(decoded, proof);
    assert.deepEqual(encodeModProof(decoded), bytes);
    assert.deepEqual(verifyMod(ctx, { N }, decoded, STANDARD_PROFILE), { ok: true });
  });

  it('standard profile: m = 80 rounds, 80 distinct challenges y_i in [0, N)', () => {
    assert.equal(STANDARD_PROFILE.repetitions, 80);
    assert.equal(proof.rounds.length, 80);
    const ys = modChallenges(ctx, N, proof.w, STANDARD_PROFILE);
    assert.equal(ys.length, 80);
    assert.equal(new Set(ys).size, 80);
    for (const y of ys) assert.ok(y >= 0n && y < N);
  });

  it('strong profile: m = 128 rounds over a 3072-bit N, distinct challenges, verifies', () => {
    const s = safePrimePair('strong', 0);
    const Ns = s.p * s.q;
    const strong = proveMod(ctx, { N: Ns }, new ModWitness(s.p, s.q), STRONG_PROFILE, rng);
    assert.equal(STRONG_PROFILE.repetitions, 128);
    assert.equal(strong.rounds.length, 128);
    assert.equal(new Set(modChallenges(ctx, Ns, strong.w, STRONG_PROFILE)).size, 128);
    const decoded = decodeModProof(encodeModProof(strong), STRONG_PROFILE);
    assert.deepEqual(verifyMod(ctx, { N: Ns }, decoded, STRONG_PROFILE), { ok: true });
    rejects(verifyMod(ctx, { N }, proof, STRONG_PROFILE), /N: modulus has 2048 bits/);
  });

  it('the witness redacts itself; the prover refuses a witness that does not factor N', () => {
    for (const text of [String(witness), JSON.stringify({ witness }), inspect(witness)]) {
      assert.ok(text.includes('<redacted>'), text);
      assert.ok(!text.includes(p.toString()) && !text.includes(p.toString(16)), text);
    }
    const other = safePrimePair('standard', 1);
    assert.throws(() => proveMod(ctx, { N }, new ModWitness(other.p, q), STANDARD_PROFILE, rng), /p\*q != N/);
  });
});

describe('Πmod replay and tampering (CRYPTO.md negative tests 5 and 6)', () => {
  it('a proof replayed under another session id, prover index or domain tag is rejected', () => {
    rejects(
      verifyMod({ ...ctx, sessionId: new Uint8Array(32).fill(0x12) }, { N }, proof, STANDARD_PROFILE),
      /round/,
    );
    rejects(verifyMod({ ...ctx, prover: 3 }, { N }, proof, STANDARD_PROFILE), /round/);
    const foreign = proveModTagged('mpcium.zk.mod.v0', ctx, { N }, witness, STANDARD_PROFILE, rng);
    assert.notEqual(MOD_TAG, 'mpcium.zk.mod.v0');
    rejects(verifyMod(ctx, { N }, foreign, STANDARD_PROFILE), /round/);
  });

  it('a proof for one N does not verify for another N', () => {
    const other = safePrimePair('standard', 1);
    rejects(
      verifyMod(ctx, { N: other.p * other.q }, proof, STANDARD_PROFILE),
      /round|Jacobi|Z\*_N|w outside/,
    );
  });

  it('tampering with any field is rejected: w, x_i, a_i, b_i, z_i', () => {
    rejects(verifyMod(ctx, { N }, { ...proof, w: (proof.w * 4n) % N }, STANDARD_PROFILE), /round 0/);
    const last = proof.rounds.length - 1;
    for (const i of [0, last]) {
      const r = proof.rounds[i]!;
      rejects(verifyMod(ctx, { N }, withRound(i, { x: (r.x * 2n) % N }), STANDARD_PROFILE), /x\^4/);
      rejects(
        verifyMod(ctx, { N }, withRound(i, { a: !r.a }), STANDARD_PROFILE),
        new RegExp(`round ${i}: x\\^4`),
      );
      rejects(
        verifyMod(ctx, { N }, withRound(i, { b: !r.b }), STANDARD_PROFILE),
        new RegExp(`round ${i}: x\\^4`),
      );
      rejects(
        verifyMod(ctx, { N }, withRound(i, { z: (r.z * 2n) % N }), STANDARD_PROFILE),
        new RegExp(`round ${i}: z\\^N`),
      );
    }
    rejects(
      verifyMod(ctx, { N }, { w: proof.w, rounds: proof.rounds.slice(1) }, STANDARD_PROFILE),
      /expected 80 rounds/,
    );
    rejects(
      verifyMod(ctx, { N }, { w: proof.w, rounds: [...proof.rounds, proof.rounds[0]!] }, STANDARD_PROFILE),
      /expected 80/,
    );
  });

  it("x_i is any 4th root of y_i': N - x_i also verifies (malleable, proves the same statement)", () => {
    // The spec asks for the principal root but the verifier cannot test principality without
    // the factors; (-x)^4 = x^4. Not a forgery: it needs a valid x_i in the first place.
    const r = proof.rounds[0]!;
    assert.deepEqual(verifyMod(ctx, { N }, withRound(0, { x: N - r.x }), STANDARD_PROFILE), { ok: true });
  });

  it('out-of-range values are rejected even when congruent: x_i + N, z_i + N, w + N, 0, negative', () => {
    const r = proof.rounds[3]!;
    rejects(
      verifyMod(ctx, { N }, withRound(3, { x: r.x + N }), STANDARD_PROFILE),
      /round 3: x or z outside \[1, N\)/,
    );
    rejects(verifyMod(ctx, { N }, withRound(3, { z: r.z + N }), STANDARD_PROFILE), /round 3: x or z outside/);
    rejects(verifyMod(ctx, { N }, withRound(3, { z: r.z - N }), STANDARD_PROFILE), /round 3: x or z outside/);
    rejects(verifyMod(ctx, { N }, withRound(3, { x: 0n }), STANDARD_PROFILE), /round 3: x or z outside/);
    rejects(verifyMod(ctx, { N }, withRound(3, { x: p }), STANDARD_PROFILE), /not in Z\*_N/);
    rejects(verifyMod(ctx, { N }, { ...proof, w: proof.w + N }, STANDARD_PROFILE), /w outside \[1, N\)/);
    rejects(verifyMod(ctx, { N }, { ...proof, w: -proof.w }, STANDARD_PROFILE), /w outside/);
  });
});

describe('Πmod statement checks (CRYPTO.md negative test 3: N too short, even, prime)', () => {
  it('rejects an even N, a short N and a prime N before any proof arithmetic', () => {
    rejects(verifyMod(ctx, { N: N + 1n }, proof, STANDARD_PROFILE), /N: modulus is even/);
    const short = safePrimePair('standard', 1).p * 3n;
    assert.ok(bitLength(short) < 2048);
    rejects(verifyMod(ctx, { N: short }, proof, STANDARD_PROFILE), /N: modulus has 10\d\d bits/);
    rejects(
      verifyMod(ctx, { N: negativePrimes().prime2048 }, proof, STANDARD_PROFILE),
      /prime or a prime power/,
    );
  });
});

describe('Πmod wire decoding', () => {
  const bytes = encodeModProof(proof);

  it('rejects truncated, padded and non-canonical bytes', () => {
    assert.throws(() => decodeModProof(bytes.subarray(0, bytes.length - 1), STANDARD_PROFILE));
    assert.throws(() => decodeModProof(Uint8Array.of(...bytes, 0x08, 0x01), STANDARD_PROFILE), RangeError);
    assert.throws(() => decodeModProof(Uint8Array.of(0xff, 0xff), STANDARD_PROFILE), RangeError);
  });

  it('rejects the wrong round count for the profile (80 vs 128)', () => {
    assert.throws(() => decodeModProof(bytes, STRONG_PROFILE), /expected 128 rounds, got 80/);
  });

  it('rejects oversized and negative integers', () => {
    const big = encodeModProof({ ...proof, w: 1n << 4100n });
    assert.throws(() => decodeModProof(big, STANDARD_PROFILE), /longer than 256 bytes/);
    const negative = encodeModProof(withRound(5, { z: -5n }));
    assert.throws(() => decodeModProof(negative, STANDARD_PROFILE), /z\[5\]: negative/);
    assert.ok(toSignedInteger(-5n).negative);
  });
});
