/**
 * In-process CGGMP benchmarks (BENCH.md): every party in one thread through the simulator, every
 * message encoded and decoded as on the wire. Safe primes come from the test fixtures (standing
 * in for the node's prime pool, which fills in the background).
 */
import {
  AUX_INFO_PROTOCOL,
  type AuxInfo,
  ECDSA_KEYGEN_PROTOCOL,
  ECDSA_PRESIGN_PROTOCOL,
  ECDSA_SIGN_PROTOCOL,
  type EcdsaKeyShare,
  type PartyIndex,
  type Presignature,
  securityProfile,
  startAuxInfo,
  startEcdsaKeygen,
  startEcdsaSign,
  startPresign,
} from '@mpcium/tss';
import { outputs, simulate } from '@mpcium/tss-sim';
import { randomBytes } from '@noble/hashes/utils.js';
import { fixtureAuxInfo } from '../../packages/tss/src/testing/ecdsa-dealer.js';
import { type FixtureProfile, safePrimePair } from '../../packages/tss/src/testing/fixtures.js';
import { type Benchmark, latency } from '../harness.js';

const PARTIES = [1, 2, 3];
const SIGNERS = [1, 3];
const KEY_ID = new TextEncoder().encode('bench-wallet');

async function keygen(): Promise<Map<PartyIndex, EcdsaKeyShare>> {
  const sessionId = randomBytes(32);
  return outputs(
    await simulate({
      protocol: ECDSA_KEYGEN_PROTOCOL,
      parties: PARTIES,
      sessionId,
      start: (self, rng) => startEcdsaKeygen({ self, parties: PARTIES, threshold: 2, sessionId }, rng),
    }),
  );
}

interface Setup {
  readonly shares: Map<PartyIndex, EcdsaKeyShare>;
  readonly aux: Map<PartyIndex, AuxInfo>;
}

async function setup(profile: FixtureProfile): Promise<Setup> {
  return { shares: await keygen(), aux: fixtureAuxInfo(PARTIES, profile, (n = 32) => randomBytes(n)) };
}

async function presign(s: Setup): Promise<Map<PartyIndex, Presignature>> {
  const sessionId = randomBytes(32);
  return outputs(
    await simulate({
      protocol: ECDSA_PRESIGN_PROTOCOL,
      parties: SIGNERS,
      sessionId,
      start: (self, rng) =>
        startPresign(
          {
            share: s.shares.get(self)!,
            aux: s.aux.get(self)!,
            signers: SIGNERS,
            sessionId,
            keyId: KEY_ID,
            keyVersion: 1,
          },
          rng,
        ),
    }),
  );
}

async function sign(s: Setup, presignatures: Map<PartyIndex, Presignature>): Promise<void> {
  const digest = randomBytes(32);
  outputs(
    await simulate({
      protocol: ECDSA_SIGN_PROTOCOL,
      parties: SIGNERS,
      start: (self, rng) =>
        startEcdsaSign(
          { share: s.shares.get(self)!, presignature: presignatures.get(self)!, signers: SIGNERS, digest },
          rng,
        ),
    }),
  );
}

/** One party's share of a 2-party aux-info run: the run's time divided by its parties. */
function auxBench(profile: FixtureProfile): Benchmark {
  const parties = [1, 2];
  return latency(
    `ecdsa.aux.party.${profile}`,
    async () => {
      const sessionId = randomBytes(32);
      const prof = securityProfile(profile);
      outputs(
        await simulate({
          protocol: AUX_INFO_PROTOCOL,
          parties,
          sessionId,
          start: (self, rng) =>
            startAuxInfo(
              { profile: prof, self, parties, primes: safePrimePair(profile, self - 1), sessionId },
              rng,
            ),
        }),
      );
    },
    { warmup: 1, minSamples: 20, seconds: 1, perSample: (ms) => ms / parties.length },
  );
}

export const ecdsaBenchmarks: readonly Benchmark[] = [
  auxBench('standard'),
  latency('ecdsa.dkg.2of3', () => keygen(), { warmup: 3 }),
  latency('ecdsa.presign.2of3.standard', (s: Setup) => presign(s), {
    setup: () => setup('standard'),
    warmup: 2,
  }),
  latency('ecdsa.sign.online.2of3', (s: Setup, p: Map<PartyIndex, Presignature>) => sign(s, p), {
    setup: () => setup('standard'),
    before: (s) => presign(s),
    warmup: 3,
    minSamples: 30,
    seconds: 1,
  }),
  latency('ecdsa.sign.full.2of3.standard', async (s: Setup) => sign(s, await presign(s)), {
    setup: () => setup('standard'),
    warmup: 2,
  }),
  auxBench('strong'),
  latency('ecdsa.presign.2of3.strong', (s: Setup) => presign(s), {
    setup: () => setup('strong'),
    warmup: 1,
    seconds: 1,
  }),
];
