/**
 * Aux-info generation (cggmp21 spec/main.tex, "Provisioning Protocol") through the simulator:
 * every message crosses the session driver in its protobuf wire form, with seeded randomness
 * and the fixture safe primes. The standard profile runs once with 3 parties and the strong
 * profile once with 2; the other tests reuse those outputs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { EcdsaAuxInfoRound1Schema, EcdsaAuxInfoSchema } from '@mpcium/proto';
import { childSeed, equivocate, outputs, type Simulation, simulate } from '@mpcium/tss-sim';
import type { PartyIndex, Rng } from '../engine/index.js';
import { type SecurityProfile, STANDARD_PROFILE, STRONG_PROFILE } from '../paillier/profiles.js';
import { safePrimePair } from '../testing/fixtures.js';
import { AuxInfo } from './aux-info.js';
import { encodeAuxInfo, parseAuxInfo } from './aux-info-codec.js';
import { AUX_INFO_PROTOCOL, startAuxInfo } from './aux-info-gen.js';

function starter(profile: SecurityProfile, parties: PartyIndex[], seed: string) {
  const sessionId = childSeed(seed, 'session-id');
  return (self: PartyIndex, rng: Rng) =>
    startAuxInfo(
      { profile, self, parties, primes: safePrimePair(profile.name, parties.indexOf(self)), sessionId },
      rng,
    );
}

function run(profile: SecurityProfile, parties: PartyIndex[], seed: string): Promise<Simulation<AuxInfo>> {
  return simulate({ protocol: AUX_INFO_PROTOCOL, parties, seed, start: starter(profile, parties, seed) });
}

let standard: Promise<Map<PartyIndex, AuxInfo>> | undefined;
/** The 3-party standard-profile run, shared by every test of this file. */
function standardRun(): Promise<Map<PartyIndex, AuxInfo>> {
  standard ??= run(STANDARD_PROFILE, [1, 2, 3], 'aux-info/standard').then(outputs);
  return standard;
}

function assertConsistent(all: Map<PartyIndex, AuxInfo>, profile: SecurityProfile, parties: PartyIndex[]) {
  for (const [self, aux] of all) {
    assert.ok(aux instanceof AuxInfo);
    assert.equal(aux.self, self);
    assert.equal(aux.profile, profile);
    assert.deepEqual(aux.parties, parties);
    for (const j of parties) {
      const mine = aux.of(j).pedersen;
      assert.ok(mine.equals(all.get(1)!.of(j).pedersen), `party ${self} agrees on R_${j}`);
      const { p, q } = safePrimePair(profile.name, parties.indexOf(j));
      assert.equal(aux.of(j).paillier.N, p * q);
    }
    assert.equal(aux.paillierSecret.N, aux.of(self).paillier.N);
  }
}

function assertRoundTrip(aux: AuxInfo) {
  const bytes = encodeAuxInfo(aux);
  const back = parseAuxInfo(bytes);
  assert.ok(back instanceof AuxInfo);
  assert.equal(back.self, aux.self);
  assert.equal(back.profile, aux.profile);
  assert.deepEqual(back.parties, aux.parties);
  for (const j of aux.parties) assert.ok(back.of(j).pedersen.equals(aux.of(j).pedersen));
  assert.equal(back.paillierSecret.p, aux.paillierSecret.p);
  assert.deepEqual(encodeAuxInfo(back), bytes);
}

describe('aux-info generation, standard profile, 3 parties', () => {
  test('every party outputs validated aux info and all agree on every (N_j, s_j, t_j)', async () => {
    assertConsistent(await standardRun(), STANDARD_PROFILE, [1, 2, 3]);
  });

  test('aux info round-trips through its protobuf storage form', async () => {
    for (const aux of (await standardRun()).values()) assertRoundTrip(aux);
  });

  test('the storage form is parsed strictly and validated', async () => {
    const aux = (await standardRun()).get(2)!;
    const bytes = encodeAuxInfo(aux);
    const edit = (f: (m: ReturnType<typeof fromBinary<typeof EcdsaAuxInfoSchema>>) => void) => {
      const m = fromBinary(EcdsaAuxInfoSchema, bytes);
      f(m);
      return toBinary(EcdsaAuxInfoSchema, m);
    };
    const secretHex = aux.paillierSecret.p.toString(16);
    const rejects = (b: Uint8Array, re: RegExp) =>
      assert.throws(
        () => parseAuxInfo(b),
        (e: Error) => re.test(e.message) && !e.message.includes(secretHex),
      );
    rejects(
      edit((m) => {
        m.profile = 'weak';
      }),
      /unknown security profile/,
    );
    rejects(
      edit((m) => {
        m.parties.reverse();
      }),
      /ascending/,
    );
    rejects(
      edit((m) => {
        m.self = 4;
      }),
      /not a participant/,
    );
    // Our primes no longer match our public N: p and q of party 1 instead.
    const other = (await standardRun()).get(1)!;
    rejects(
      edit((m) => {
        m.p = fromBinary(EcdsaAuxInfoSchema, encodeAuxInfo(other)).p;
        m.q = fromBinary(EcdsaAuxInfoSchema, encodeAuxInfo(other)).q;
      }),
      /does not match/,
    );
    // Another party's N reused (CRYPTO.md item 3).
    rejects(
      edit((m) => {
        m.parties[2]!.n = m.parties[0]!.n;
      }),
      /reuses another party's Paillier modulus|ring-Pedersen/,
    );
    rejects(Uint8Array.of(...bytes, 0), /malformed|non-canonical/);
  });

  test('aux info never prints its Paillier primes', async () => {
    const aux = (await standardRun()).get(1)!;
    const p = aux.paillierSecret.p.toString();
    const hex = aux.paillierSecret.p.toString(16);
    for (const text of [String(aux), JSON.stringify({ aux }), inspect(aux), inspect(aux.paillierSecret)]) {
      assert.ok(!text.includes(p) && !text.includes(hex), text);
      assert.match(text, /<redacted>/);
    }
  });
});

describe('aux-info generation, strong profile, 2 parties', () => {
  test('outputs validated aux info that round-trips through protobuf', async () => {
    const all = outputs(await run(STRONG_PROFILE, [1, 2], 'aux-info/strong'));
    assertConsistent(all, STRONG_PROFILE, [1, 2]);
    for (const aux of all.values()) {
      assert.equal(aux.of(aux.self).paillier.N.toString(2).length, 3072);
      assertRoundTrip(aux);
    }
  });
});

describe('aux-info generation: session-level failures', () => {
  test('CRYPTO.md item 12: a party that equivocates on its round-1 commitment is named', async () => {
    const flip = (payload: Uint8Array) => {
      const m = fromBinary(EcdsaAuxInfoRound1Schema, Uint8Array.from(payload));
      m.commitment[0]! ^= 1;
      return toBinary(EcdsaAuxInfoRound1Schema, m);
    };
    const seed = 'aux-info/equivocation';
    const sim = await simulate({
      protocol: AUX_INFO_PROTOCOL,
      parties: [1, 2, 3],
      seed,
      start: starter(STANDARD_PROFILE, [1, 2, 3], seed),
      adversary: equivocate(2, 1, [3], flip),
    });
    for (const honest of [1, 3]) {
      const r = sim.results.get(honest)!;
      assert.equal(r.kind, 'abort', `party ${honest}`);
      if (r.kind === 'abort') {
        assert.deepEqual(r.culprits, [2]);
        assert.match(r.reason, /equivocation/);
      }
    }
  });

  test('parameters: duplicate or zero identifiers, foreign profiles and bad session ids are refused', () => {
    const sessionId = new Uint8Array(32);
    const primes = safePrimePair('standard', 0);
    const go = (parties: number[], self = 1, extra: object = {}) =>
      startAuxInfo({ profile: STANDARD_PROFILE, self, parties, primes, sessionId, ...extra }, () => {
        throw new Error('no randomness needed');
      });
    assert.throws(() => go([1, 1, 2]), /duplicate/);
    assert.throws(() => go([0, 1, 2]), /invalid party index 0/);
    assert.throws(() => go([2, 3], 1), /not a participant/);
    assert.throws(() => go([1, 2], 1, { profile: { ...STANDARD_PROFILE } }), /unknown security profile/);
    assert.throws(() => go([1, 2], 1, { sessionId: new Uint8Array(31) }), /sessionId/);
    // The primes are validated before use: not safe primes, equal, or of the wrong profile.
    assert.throws(() => go([1, 2], 1, { primes: { p: primes.p, q: primes.p } }), /differ/);
    assert.throws(() => go([1, 2], 1, { profile: STRONG_PROFILE }), /modulus|bits/);
  });
});
