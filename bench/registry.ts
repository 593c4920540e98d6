import type { Benchmark } from './harness.js';
import { ecdsaBenchmarks } from './suites/ecdsa.js';
import { frostBenchmarks } from './suites/frost.js';
import { modpowBenchmarks } from './suites/modpow.js';

/** Every benchmark, in the order `npm run bench` runs them. Names are stable (BENCH.md). */
export async function benchmarks(): Promise<readonly Benchmark[]> {
  return [...modpowBenchmarks, ...frostBenchmarks, ...ecdsaBenchmarks];
}
