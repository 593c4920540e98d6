/**
 * Attacks on aux-info generation at protocol level (CRYPTO.md negative tests 1-5). Party 3 is a
 * cheating participant (testing/aux-info-forgery.ts) run by the simulator beside honest parties
 * 1 and 2, through the session driver and the wire encoding; each test asserts that every
 * honest party it concerns aborts naming party 3, and why.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { childSeed, type Simulation, seededRng, simulate } from '@mpcium/tss-sim';
import type { Abort, Inbound, PartyIndex, Rng } from '../engine/index.js';
import { advance, inboundFor, roundOf, startAll } from '../frost/testing/lockstep.js';
import { modPow } from '../math/modpow.js';
import { gcd } from '../math/modular.js';
import { randomBelow, randomUnit } from '../math/random.js';
import { STANDARD_PROFILE } from '../paillier/profiles.js';
import {
  type AuxForgery,
  provePrmWithoutFactors,
  smallFactorModulus,
  startForgedAuxInfo,
} from '../testing/aux-info-forgery.js';
import { negativePrimes, safePrimePair } from '../testing/fixtures.js';
import type { AuxInfo } from './aux-info.js';
import { AUX_INFO_PROTOCOL, startAuxInfo } from './aux-info-gen.js';
import { auxCommitment, auxInfoSid } from './aux-info-gen-context.js';
import type { AuxInfoRound1Message, AuxInfoRound2Message } from './aux-info-gen-messages.js';
import { proofContext } from './session-binding.js';

const PARTIES = [1, 2, 3];
const profile = STANDARD_PROFILE;
const honestPrimes = (self: PartyIndex) => safePrimePair('standard', self - 1);
const pair3 = safePrimePair('standard', 2);

type Forgery = Omit<AuxForgery, 'profile' | 'self' | 'parties' | 'sessionId'>;

/** Honest parties 1 and 2 with cheating party 3. */
function attack(seed: string, forgery: Forgery): Promise<Simulation<AuxInfo>> {
  const sessionId = childSeed(seed, 'session-id');
  return simulate({
    protocol: AUX_INFO_PROTOCOL,
    parties: PARTIES,
    seed,
    start: (self, rng) =>
      self === 3
        ? startForgedAuxInfo({ profile, self, parties: PARTIES, sessionId, ...forgery }, rng)
        : startAuxInfo({ profile, self, parties: PARTIES, primes: honestPrimes(self), sessionId }, rng),
  });
}

/**
 * Every party in `honest` aborted naming party 3, `why` matching the round's evidence or, when
 * the session driver refused the message while decoding it, the abort reason.
 */
function namesParty3(sim: Simulation<AuxInfo>, why: RegExp, honest: PartyIndex[] = [1, 2]): void {
  for (const p of honest) {
    const r = sim.results.get(p)!;
    assert.equal(r.kind, 'abort', `party ${p} must abort, got ${r.kind}`);
    const a = r as Abort;
    assert.deepEqual(a.culprits, [3], `party ${p}: ${a.reason}`);
    assert.match(a.evidence?.['party.3'] ?? a.reason, why, `party ${p}`);
  }
}

describe('aux-info attacks: the cheating party is not a strawman', () => {
  test('with an honest Paillier-Blum modulus the forger completes a valid run', async () => {
    const sim = await attack('forger-honest', { N: pair3.p * pair3.q, primes: [pair3.p, pair3.q] });
    for (const p of [1, 2]) {
      const r = sim.results.get(p)!;
      assert.equal(r.kind, 'ok', `party ${p}: ${JSON.stringify(r)}`);
      if (r.kind === 'ok') assert.equal(r.output.of(3).paillier.N, pair3.p * pair3.q);
    }
  });
});

describe('CRYPTO.md item 1: Paillier modulus with a small factor (BitForge, CVE-2023-33241)', () => {
  test('N = r*P with a 32-bit r: Πmod passes, Πfac rejects, party 3 named', async () => {
    const { N, r, P } = smallFactorModulus();
    const sim = await attack('bitforge', { N, primes: [r, P] });
    // Πmod passes (N is Paillier-Blum). The honest Πfac computation gives z2 = beta + e*P of
    // ~2270 bits, far outside ±2^(l+eps)·sqrt(N) (2^1792): the wire decoder already refuses it.
    namesParty3(sim, /invalid cggmp\.aux-info\.r3\.fac message: Πfac z2: integer longer than/);
  });
});

describe('CRYPTO.md item 2: moduli that are not Paillier-Blum', () => {
  test('a non-Blum prime factor (p = 1 mod 4): Πmod rejects, party 3 named', async () => {
    // A 1024-bit prime = 1 mod 4 times a fixture safe prime, 2048 bits together.
    const p = negativePrimes().nonBlum1024;
    const q = safePrimePair('standard', 3).q;
    const sim = await attack('non-blum', { N: p * q, primes: [p, q] });
    namesParty3(sim, /^Πmod: round \d+: x\^4/);
  });

  test('N = p^2: refused before any proof is used, party 3 named', async () => {
    const sim = await attack('p-squared', { N: pair3.p * pair3.p, primes: [pair3.p] });
    namesParty3(sim, /perfect square/);
  });
});

describe('CRYPTO.md item 3: non-proof checks and reuse', () => {
  test('N too short, even or prime: party 3 named', async () => {
    const N = pair3.p * pair3.q;
    const cases: [string, bigint, RegExp][] = [
      ['short', N >> 1n, /modulus has 2047 bits, profile standard requires 2048/],
      ['even', N + 1n, /modulus is even/],
      ['prime', negativePrimes().prime2048, /prime or a prime power/],
    ];
    for (const [name, bad, reason] of cases) {
      namesParty3(await attack(`non-proof-${name}`, { N: bad, primes: [] }), reason);
    }
  });

  test("another party's N reused: the copier cannot prove it and is named by everyone", async () => {
    const N2 = honestPrimes(2).p * honestPrimes(2).q;
    // Its Πfac is a well-formed proof for another modulus, so the verdict comes from round 3.
    const sim = await attack('reuse-n', { N: N2, primes: [], decoy: pair3 });
    // Party 1 cannot tell owner from copier until round 3, where only the owner can prove N;
    // party 2, the owner, continues to round 3 as well so that party 1 reaches this verdict.
    namesParty3(sim, /^Πmod: round 0: x\^4/);
    assert.match((sim.results.get(2) as Abort).evidence?.['party.3'] ?? '', /reuses our Paillier modulus/);
  });

  test('our own ring-Pedersen t reused by a peer: refused, the peer named', () => {
    const seed = 'reuse-t';
    const sessionId = childSeed(seed, 'session-id');
    const rng = (p: PartyIndex): Rng => seededRng(`${seed}/${p}`);
    const start = startAll(PARTIES, (self) =>
      startAuxInfo(
        { profile, self, parties: PARTIES, primes: safePrimePair('standard', self - 1), sessionId },
        rng(self),
      ),
    );
    const r1 = advance(start, rng);
    const openings = (p: PartyIndex) => inboundFor(r1, p).broadcast as Map<PartyIndex, AuxInfoRound2Message>;
    const honest3 = openings(1).get(3)!;
    // Party 3 keeps its own N but shows the t of a victim (a unit modulo N_3 too) with s = t^lambda.
    const victim = [1, 2].find((v) => {
      const t = openings(v === 1 ? 2 : 1).get(v)!.t;
      return t < honest3.N && gcd(t, honest3.N) === 1n;
    })!;
    const t = openings(victim === 1 ? 2 : 1).get(victim)!.t;
    const lambda = randomBelow(rng(3), honest3.N >> 1n);
    const sid = auxInfoSid(sessionId, profile, PARTIES);
    const stmt = { N: honest3.N, s: modPow(t, lambda, honest3.N), t };
    const forged: AuxInfoRound2Message = {
      ...honest3,
      ...stmt,
      prmProof: provePrmWithoutFactors(proofContext(sid, 3), stmt, lambda, profile, rng(3)),
    };
    // The victim's round 1 sees the commitment to the forged opening, its round 2 the opening.
    const in1 = inboundFor(start, victim) as Inbound<AuxInfoRound1Message, never>;
    const v1 = new Map(in1.broadcast).set(3, { commitment: auxCommitment(sid, 3, forged) });
    const step = roundOf(start, victim).finalize({ broadcast: v1, p2p: new Map() }, rng(victim));
    assert.equal(step.kind, 'next');
    if (step.kind !== 'next') return;
    const v2 = new Map(openings(victim)).set(3, forged);
    const result = step.round.finalize({ broadcast: v2, p2p: new Map() }, rng(victim));
    assert.equal(result.kind, 'abort');
    assert.deepEqual((result as Abort).culprits, [3]);
    assert.match((result as Abort).evidence?.['party.3'] ?? '', /reuses our ring-Pedersen parameters/);
  });
});

describe('CRYPTO.md item 4: ring-Pedersen parameters and Πfac for the wrong verifier', () => {
  test('s not in <t> (a square whose discrete log the prover does not know): Πprm rejects', async () => {
    const N = pair3.p * pair3.q;
    const s = modPow(randomUnit(seededRng('s-not-in-t'), N), 2n, N);
    namesParty3(await attack('s-not-in-t', { N, primes: [pair3.p, pair3.q], s }), /^Πprm: round \d+/);
  });

  test('s = 1 or t = 1: refused, party 3 named', async () => {
    const N = pair3.p * pair3.q;
    namesParty3(await attack('s-one', { N, primes: [pair3.p, pair3.q], s: 1n }), /s is ±1/);
    namesParty3(await attack('t-one', { N, primes: [pair3.p, pair3.q], t: 1n, s: 4n }), /t is ±1/);
  });

  test('Πfac made for another verifier: the victim names party 3, the other party completes', async () => {
    const sim = await attack('fac-wrong-verifier', {
      N: pair3.p * pair3.q,
      primes: [pair3.p, pair3.q],
      facFor: (j) => (j === 1 ? 2 : j),
    });
    namesParty3(sim, /^Πfac: s\^z1 t\^w1/, [1]);
    assert.equal(sim.results.get(2)!.kind, 'ok');
  });
});

describe('CRYPTO.md item 5: proofs replayed from another session', () => {
  const other = childSeed('another-session', 'session-id');
  const N = pair3.p * pair3.q;

  test('Πprm made under another session id: rejected, party 3 named', async () => {
    const sim = await attack('replay-prm', { N, primes: [pair3.p, pair3.q], prmSessionId: other });
    namesParty3(sim, /^Πprm: round \d+/);
  });

  test('Πmod made under another session id: rejected, party 3 named', async () => {
    const sim = await attack('replay-mod', { N, primes: [pair3.p, pair3.q], modSessionId: other });
    namesParty3(sim, /^Πmod: round \d+/);
  });
});
