import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { crt2 } from '../math/crt.js';
import { jacobi } from '../math/jacobi.js';
import { modPow } from '../math/modpow.js';
import { randomBelow, randomUnit } from '../math/random.js';
import { STANDARD_PROFILE, STRONG_PROFILE } from '../paillier/profiles.js';
import { generateRingPedersen } from '../paillier/ring-pedersen.js';
import { PaillierSecretKey } from '../paillier/secret-key.js';
import { negativePrimes, safePrimePair } from '../testing/fixtures.js';
import type { ProofCheck } from './check.js';
import {
  type PrmProof,
  type PrmStatement,
  PrmWitness,
  prmChallenges,
  provePrm,
  provePrmTagged,
  verifyPrm,
} from './prm.js';
import { decodePrmProof, encodePrmProof } from './prm-codec.js';

const rng = seededRng('mpcium.test.zk.prm');
const ctx = { sessionId: new Uint8Array(32).fill(0x31), prover: 1 };
const { p, q } = safePrimePair('standard', 1);
const sk = PaillierSecretKey.fromPrimes(p, q, STANDARD_PROFILE);
const { params, secret } = generateRingPedersen(sk, rng);
const N = params.N;
const phi = (p - 1n) * (q - 1n);
const witness = PrmWitness.fromSecrets(sk, secret);
const proof = provePrm(ctx, params, witness, STANDARD_PROFILE, rng);

function rejects(check: ProofCheck, pattern: RegExp): void {
  assert.equal(check.ok, false, 'proof must be rejected');
  if (!check.ok) assert.match(check.reason, pattern);
}

function patch(field: 'commitments' | 'responses', i: number, value: bigint): PrmProof {
  const list = proof[field].map((x, j) => (j === i ? value : x));
  return { ...proof, [field]: list };
}

/**
 * A prover without a valid lambda: it guesses each challenge bit g_i, sets A_i = t^a_i·s^-g_i
 * and z_i = a_i, and survives round i only if e_i = g_i (probability 2^-m overall).
 */
function guessingProver(statement: PrmStatement): PrmProof {
  const { N: n, s, t } = statement;
  const m = STANDARD_PROFILE.repetitions;
  const a = Array.from({ length: m }, () => randomBelow(rng, n));
  const guesses = Array.from({ length: m }, () => randomBelow(rng, 2n) === 1n);
  const commitments = a.map((ai, i) => (modPow(t, ai, n) * (guesses[i] ? modPow(s, -1n, n) : 1n)) % n);
  return { commitments, responses: a };
}

describe('Πprm honest proofs (cggmp21 spec/main.tex "Πprm: Ring-Pedersen Parameters")', () => {
  it('an honest proof verifies and round-trips through protobuf', () => {
    assert.deepEqual(verifyPrm(ctx, params, proof, STANDARD_PROFILE), { ok: true });
    const bytes = encodePrmProof(proof);
    const decoded = decodePrmProof(bytes, STANDARD_PROFILE);
    assert.deepEqual(decoded, proof);
    assert.deepEqual(encodePrmProof(decoded), bytes);
    assert.deepEqual(verifyPrm(ctx, params, decoded, STANDARD_PROFILE), { ok: true });
  });

  it('standard profile: m = 80 commitments, responses and challenge bits (both values occur)', () => {
    assert.equal(STANDARD_PROFILE.repetitions, 80);
    assert.equal(proof.commitments.length, 80);
    assert.equal(proof.responses.length, 80);
    const e = prmChallenges(ctx, params, proof.commitments, STANDARD_PROFILE);
    assert.equal(e.length, 80);
    assert.ok(e.includes(true) && e.includes(false));
  });

  it('strong profile: m = 128 over a 3072-bit N, verifies after a protobuf round trip', () => {
    const s = safePrimePair('strong', 1);
    const strongSk = PaillierSecretKey.fromPrimes(s.p, s.q, STRONG_PROFILE);
    const rp = generateRingPedersen(strongSk, rng);
    const strong = provePrm(ctx, rp.params, PrmWitness.fromSecrets(strongSk, rp.secret), STRONG_PROFILE, rng);
    assert.equal(STRONG_PROFILE.repetitions, 128);
    assert.equal(strong.commitments.length, 128);
    const decoded = decodePrmProof(encodePrmProof(strong), STRONG_PROFILE);
    assert.deepEqual(verifyPrm(ctx, rp.params, decoded, STRONG_PROFILE), { ok: true });
    assert.throws(() => decodePrmProof(encodePrmProof(proof), STRONG_PROFILE), /expected 128/);
  });

  it('the witness redacts itself; the prover refuses a lambda with s != t^lambda', () => {
    for (const text of [String(witness), JSON.stringify({ witness }), inspect(witness)]) {
      assert.ok(text.includes('<redacted>') && !text.includes(secret.lambda.toString()), text);
    }
    const wrong = new PrmWitness(secret.lambda + 1n, p, q);
    assert.throws(() => provePrm(ctx, params, wrong, STANDARD_PROFILE, rng), /s != t\^lambda/);
  });

  it('statement encodings are unambiguous: swapping s and t changes the challenges', () => {
    const swapped = { N, s: params.t, t: params.s };
    const e1 = prmChallenges(ctx, params, proof.commitments, STANDARD_PROFILE);
    const e2 = prmChallenges(ctx, swapped, proof.commitments, STANDARD_PROFILE);
    assert.notDeepEqual(e1, e2);
  });
});

describe('Πprm rejects bad ring-Pedersen parameters (CRYPTO.md negative test 4)', () => {
  it('s not in <t>: s = -t^lambda, a non-residue, defeats a prover without lambda', () => {
    const s = N - params.s;
    assert.equal(jacobi(s % p, p), -1, 's is a non-residue mod p, every power of t = r^2 is a residue');
    const statement = { N, s, t: params.t };
    rejects(
      verifyPrm(ctx, statement, guessingProver(statement), STANDARD_PROFILE),
      /round \d+: t\^z != A·s\^e/,
    );
  });

  it('s not in <t>: t = 1 mod p (so <t> misses every s != 1 mod p), passing the t != ±1 check', () => {
    const r = randomUnit(rng, q);
    const t = crt2(1n, p, (r * r) % q, q);
    assert.ok(t !== 1n && t !== N - 1n && params.s % p !== 1n);
    const statement = { N, s: params.s, t };
    rejects(
      verifyPrm(ctx, statement, guessingProver(statement), STANDARD_PROFILE),
      /round \d+: t\^z != A·s\^e/,
    );
  });

  it('s = 1 is rejected although every equation holds (lambda = 0)', () => {
    const statement = { N, s: 1n, t: params.t };
    const trivial = provePrm(ctx, statement, new PrmWitness(0n, p, q), STANDARD_PROFILE, rng);
    rejects(verifyPrm(ctx, statement, trivial, STANDARD_PROFILE), /ring-Pedersen s is ±1/);
    rejects(verifyPrm(ctx, { N, s: N - 1n, t: params.t }, trivial, STANDARD_PROFILE), /s is ±1/);
  });

  it('t = 1 is rejected (then s = 1^lambda = 1 and every equation holds trivially)', () => {
    const statement = { N, s: params.s, t: 1n };
    const trivial = {
      commitments: proof.commitments.map(() => 1n),
      responses: proof.responses.map(() => 0n),
    };
    rejects(verifyPrm(ctx, statement, trivial, STANDARD_PROFILE), /ring-Pedersen t is ±1/);
  });

  it('s or t outside Z*_N (0, N, a multiple of p) is rejected', () => {
    for (const bad of [0n, N, N + params.s, p, 3n * q]) {
      rejects(verifyPrm(ctx, { N, s: bad, t: params.t }, proof, STANDARD_PROFILE), /s not in Z\*_N/);
      rejects(verifyPrm(ctx, { N, s: params.s, t: bad }, proof, STANDARD_PROFILE), /t not in Z\*_N/);
    }
  });

  it('N too short, even or prime is rejected (CRYPTO.md negative test 3)', () => {
    rejects(verifyPrm(ctx, { ...params, N: N + 1n }, proof, STANDARD_PROFILE), /N: modulus is even/);
    rejects(verifyPrm(ctx, { ...params, N: p * 5n }, proof, STANDARD_PROFILE), /N: modulus has \d+ bits/);
    rejects(verifyPrm(ctx, { ...params, N: negativePrimes().prime2048 }, proof, STANDARD_PROFILE), /prime/);
  });
});

describe('Πprm replay, tampering and ranges (CRYPTO.md negative tests 5 and 6)', () => {
  it('a proof replayed under another session id, prover index or domain tag is rejected', () => {
    const other = { ...ctx, sessionId: new Uint8Array(32).fill(0x32) };
    rejects(verifyPrm(other, params, proof, STANDARD_PROFILE), /round/);
    rejects(verifyPrm({ ...ctx, prover: 2 }, params, proof, STANDARD_PROFILE), /round/);
    const foreign = provePrmTagged('mpcium.zk.prm.v0', ctx, params, witness, STANDARD_PROFILE, rng);
    rejects(verifyPrm(ctx, params, foreign, STANDARD_PROFILE), /round/);
  });

  it('tampering with any A_i or z_i is rejected', () => {
    const last = proof.commitments.length - 1;
    for (const i of [0, last]) {
      rejects(
        verifyPrm(
          ctx,
          params,
          patch('commitments', i, (proof.commitments[i]! * params.t) % N),
          STANDARD_PROFILE,
        ),
        /round/,
      );
      rejects(
        verifyPrm(ctx, params, patch('responses', i, proof.responses[i]! + 1n), STANDARD_PROFILE),
        new RegExp(`round ${i}`),
      );
    }
    const reversed = { ...proof, commitments: [...proof.commitments].reverse() };
    rejects(verifyPrm(ctx, params, reversed, STANDARD_PROFILE), /round/);
    rejects(
      verifyPrm(ctx, params, { ...proof, responses: proof.responses.slice(1) }, STANDARD_PROFILE),
      /expected 80 responses/,
    );
  });

  it('out-of-range values are rejected even when the equation still holds: z_i + phi(N), A_i + N', () => {
    const i = proof.responses.findIndex((z) => z + phi >= N);
    assert.ok(i >= 0);
    const z = proof.responses[i]! + phi;
    assert.equal(modPow(params.t, z, N), modPow(params.t, proof.responses[i]!, N), 't^(z + phi) = t^z');
    rejects(
      verifyPrm(ctx, params, patch('responses', i, z), STANDARD_PROFILE),
      new RegExp(`z_${i} outside \\[0, N\\)`),
    );
    rejects(verifyPrm(ctx, params, patch('responses', 2, -1n), STANDARD_PROFILE), /z_2 outside/);
    rejects(
      verifyPrm(ctx, params, patch('commitments', 4, proof.commitments[4]! + N), STANDARD_PROFILE),
      /A_4 outside/,
    );
    rejects(verifyPrm(ctx, params, patch('commitments', 4, q), STANDARD_PROFILE), /not in Z\*_N/);
  });

  it('decoding rejects malformed bytes, oversized and negative integers', () => {
    const bytes = encodePrmProof(proof);
    assert.throws(() => decodePrmProof(bytes.subarray(1), STANDARD_PROFILE));
    assert.throws(() => decodePrmProof(Uint8Array.of(...bytes, 0x1a, 0x00), STANDARD_PROFILE), RangeError);
    assert.throws(
      () => decodePrmProof(encodePrmProof(patch('responses', 0, 1n << 2048n)), STANDARD_PROFILE),
      /longer than 256 bytes/,
    );
    assert.throws(
      () => decodePrmProof(encodePrmProof(patch('commitments', 1, -2n)), STANDARD_PROFILE),
      /A\[1\]: negative/,
    );
  });
});
