/**
 * Attacks on CGGMP presigning through the simulator, each asserting that every honest signer
 * aborts and names the cheater (CRYPTO.md negative tests 5, 7, 8, 12). Party 2 cheats by
 * rewriting what it sends; its own (honest) code is then left waiting for peers that aborted and
 * times out, so the sessions run concurrently and only the honest parties' verdicts are checked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionResult } from '@mpcium/session';
import { type Adversary, type Simulation, tamper } from '@mpcium/tss-sim';
import type { PartyIndex } from '../engine/index.js';
import {
  cheaterContext,
  type Recording,
  recordRound1,
  replaceK,
  replayRound1,
  rewriteMta,
  rewriteRound1,
} from '../testing/ecdsa-attacks.js';
import { ecdsaFixture, presignSim } from '../testing/ecdsa-sessions.js';
import { pow2 } from '../zk/enc-range.js';
import type { Presignature } from './presignature.js';

const CHEATER = 2;
const TIMEOUT = 10_000;
const fx = ecdsaFixture([1, 2], 2, 'standard', 'attacks');
const fx3 = ecdsaFixture([1, 2, 3], 3, 'standard', 'attacks-3');
const profile = fx.aux.get(1)!.profile;
const { ell, ellPrime, epsilon } = profile;

function run(seed: string, adversary: Adversary, three = false) {
  return presignSim(three ? fx3 : fx, three ? [1, 2, 3] : [1, 2], seed, {
    adversary,
    roundTimeoutMs: TIMEOUT,
  });
}

/** Every honest party aborted naming the cheater; `why` matches the reason or its evidence. */
function expectNamed(sim: Simulation<Presignature>, honest: PartyIndex[], why: RegExp): void {
  for (const party of honest) {
    const r: SessionResult<Presignature> = sim.results.get(party)!;
    assert.equal(r.kind, 'abort', `party ${party} should abort, got ${r.kind}`);
    if (r.kind !== 'abort') continue;
    assert.deepEqual(r.culprits, [CHEATER], `party ${party} names the cheater`);
    assert.match(`${r.reason} | ${r.evidence?.[`party.${CHEATER}`] ?? ''}`, why);
  }
}

// Every attack session starts at once; each test awaits its own.
const cheater = cheaterContext(fx, [1, 2], 'k-too-big', CHEATER);
const sk2 = fx.aux.get(CHEATER)!.paillierSecret;
const N2 = sk2.N;
const recording: Recording = new Map();
const sessions = {
  // k = 2^519: e*k leaves ±2^(l+eps) yet fits the decoder's size cap, so the interval check decides.
  kTooBig: run(
    'k-too-big',
    replaceK(cheater, pow2(519) + 1n, () => true, 'k-too-big'),
  ),
  // k = 2^(l+eps): z1 is longer than any honest response and is refused while decoding.
  kHuge: run(
    'k-huge',
    replaceK(cheaterContext(fx, [1, 2], 'k-huge', CHEATER), pow2(ell + epsilon), () => true, 'k-huge'),
  ),
  z1: run(
    'affg-z1',
    rewriteMta(profile, CHEATER, (m) => ({ ...m, psi: { ...m.psi, z1: pow2(ell + epsilon) + 1n } })),
  ),
  z2: run(
    'affg-z2',
    rewriteMta(profile, CHEATER, (m) => ({
      ...m,
      psiHat: { ...m.psiHat, z2: -pow2(ellPrime + epsilon) - 1n },
    })),
  ),
  kZero: run(
    'k-zero',
    rewriteRound1(profile, CHEATER, (m) => ({ ...m, K: 0n })),
  ),
  kFactor: run(
    'k-factor',
    rewriteRound1(profile, CHEATER, (m) => ({ ...m, G: sk2.p * 65537n })),
  ),
  kN2: run(
    'k-n2',
    rewriteRound1(profile, CHEATER, (m) => ({ ...m, K: N2 * N2 + 1n })),
  ),
  dZero: run(
    'd-zero',
    rewriteMta(profile, CHEATER, (m) => ({ ...m, D: 0n })),
  ),
  offCurve: run(
    'off-curve',
    tamper(CHEATER, 2, (payload, _to) => {
      // A round-2 broadcast is Gamma_i alone; an x with no curve point (x = 5 has none).
      if (payload.length !== 35) return undefined;
      const bad = Uint8Array.from(payload);
      bad.fill(0, 3);
      bad[34] = 5;
      return bad;
    }),
  ),
  replay: run('replay-a', recordRound1(CHEATER, recording)).then(() =>
    run('replay-b', replayRound1(CHEATER, recording)),
  ),
  equivocation: run(
    'equivocation',
    replaceK(cheaterContext(fx3, [1, 2, 3], 'equivocation', CHEATER), 12345n, (r) => r === 3, 'equivocation'),
    true,
  ),
};

describe('presigning attacks: every honest signer names the cheater', () => {
  test('CRYPTO.md item 7: K = Enc(k) with k >= 2^l and a Πenc forged by the cheater is rejected', async () => {
    expectNamed(await sessions.kTooBig, [1], /Πenc: z1 out of range/);
    expectNamed(
      await sessions.kHuge,
      [1],
      /invalid cggmp\.presign\.r1\.enc message: Πenc proof z1: integer longer/,
    );
  });

  test('CRYPTO.md item 7: Πaff-g responses outside their intervals (z1 of the gamma MtA, z2 of the w MtA)', async () => {
    expectNamed(await sessions.z1, [1], /Πaff-g \(gamma MtA\): z1 out of range/);
    expectNamed(await sessions.z2, [1], /Πaff-g \(w MtA\): z2 out of range/);
  });

  test('CRYPTO.md item 8: ciphertexts 0, a multiple of a factor of N, >= N^2 are rejected', async () => {
    expectNamed(await sessions.kZero, [1], /K_j is not a ciphertext in Z\*_\{N_j\^2\}/);
    expectNamed(await sessions.kFactor, [1], /G_j is not a ciphertext in Z\*_\{N_j\^2\}/);
    expectNamed(await sessions.kN2, [1], /K_j is not a ciphertext in Z\*_\{N_j\^2\}/);
    expectNamed(await sessions.dZero, [1], /Πaff-g \(gamma MtA\): statement D is not a ciphertext/);
  });

  test('CRYPTO.md item 9: an off-curve Gamma_i is refused while decoding, naming its sender', async () => {
    expectNamed(
      await sessions.offCurve,
      [1],
      /invalid cggmp\.presign\.r2 message: .*Gamma.*not a valid secp256k1 point/,
    );
  });

  test('CRYPTO.md item 5: round-1 messages replayed from another session are rejected', async () => {
    assert.ok(recording.has('broadcast') && recording.has('1'), 'session A was recorded');
    expectNamed(await sessions.replay, [1], /Πenc: .*!=/);
  });

  test('CRYPTO.md item 12: a round-1 broadcast equivocation is caught by the echo and named', async () => {
    // Party 3 gets a different but valid (K_2, Πenc); both honest parties see the echoes differ.
    expectNamed(await sessions.equivocation, [1, 3], /broadcast equivocation in round 1/);
  });
});
