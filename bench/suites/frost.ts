/** In-process FROST benchmarks (BENCH.md): all parties in one thread through the simulator. */
import {
  FROST_ED25519,
  FROST_TAPROOT,
  type FrostKeyShare,
  type FrostSuite,
  frostDkgProtocol,
  frostSignProtocol,
  startFrostDkg,
  startFrostSign,
} from '@mpcium/tss';
import { outputs, simulate } from '@mpcium/tss-sim';
import { randomBytes } from '@noble/hashes/utils.js';
import { type Benchmark, latency } from '../harness.js';

const PARTIES = [1, 2, 3] as const;

async function dkg(suite: FrostSuite, threshold: number): Promise<Map<number, FrostKeyShare>> {
  return outputs(
    await simulate({
      protocol: frostDkgProtocol(suite),
      parties: PARTIES,
      start: (self, rng) => startFrostDkg({ suite, self, parties: PARTIES, threshold }, rng),
    }),
  );
}

async function sign(suite: FrostSuite, shares: Map<number, FrostKeyShare>, message: Uint8Array) {
  const signers = [1, 3];
  const sigs = outputs(
    await simulate({
      protocol: frostSignProtocol(suite),
      parties: signers,
      start: (self, rng) => startFrostSign({ share: shares.get(self)!, signers, message }, rng),
    }),
  );
  // The rounds verify strictly before release; this guards the benchmark against a silent bug.
  if (!suite.verify(sigs.get(1)!, message, shares.get(1)!.publicKey)) throw new Error('bad signature');
}

function signBench(name: string, suite: FrostSuite): Benchmark {
  return latency(name, (shares: Map<number, FrostKeyShare>) => sign(suite, shares, randomBytes(32)), {
    setup: () => dkg(suite, 2),
    warmup: 10,
  });
}

export const frostBenchmarks: readonly Benchmark[] = [
  latency('frost-ed25519.dkg.2of3', () => dkg(FROST_ED25519, 2), { warmup: 5 }),
  latency('frost-taproot.dkg.2of3', () => dkg(FROST_TAPROOT, 2), { warmup: 5 }),
  signBench('frost-ed25519.sign.2of3', FROST_ED25519),
  signBench('frost-taproot.sign.2of3', FROST_TAPROOT),
];
