import type { Benchmark } from './harness.js';
import { closeClusterBenchmarks, clusterBenchmarks } from './suites/cluster.js';
import { ecdsaBenchmarks } from './suites/ecdsa.js';
import { frostBenchmarks } from './suites/frost.js';
import { modpowBenchmarks } from './suites/modpow.js';

/** Every benchmark, in the order `npm run bench` runs them. Names are stable (BENCH.md). */
export async function benchmarks(): Promise<readonly Benchmark[]> {
  return [...modpowBenchmarks, ...frostBenchmarks, ...ecdsaBenchmarks, ...clusterBenchmarks];
}

/** Stops what suites started for several benchmarks (the cluster's processes). */
export async function closeBenchmarks(): Promise<void> {
  await closeClusterBenchmarks();
}
