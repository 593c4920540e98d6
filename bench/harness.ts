/**
 * The benchmark harness of BENCH.md: every benchmark warms up, then takes samples until it has
 * enough (at least 20) or its time budget is spent, and reports p50/p90/p99/min/max. Benchmarks
 * never assert timings; they measure and report.
 */

export type Unit = 'ms' | 'per_min' | 'MB' | 'bytes';

export interface BenchResult {
  readonly name: string;
  readonly unit: Unit;
  readonly n: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

export interface Benchmark {
  readonly name: string;
  /** Runs the benchmark and returns its result. */
  run(): Promise<BenchResult>;
}

export interface LatencyOptions<C> {
  /** Prepares state once, outside the timed region. */
  readonly setup?: () => Promise<C> | C;
  /** Prepares state for one sample, outside the timed region. */
  readonly before?: (ctx: C) => Promise<unknown> | unknown;
  readonly warmup?: number;
  readonly minSamples?: number;
  readonly maxSamples?: number;
  /** Sampling stops after this many seconds once `minSamples` is reached. */
  readonly seconds?: number;
  readonly teardown?: (ctx: C) => Promise<void> | void;
  /** Maps a measured duration to the reported figure (e.g. divide a run by its parties). */
  readonly perSample?: (ms: number) => number;
}

/** A latency benchmark in milliseconds: `fn` is timed; `before` runs untimed before each sample. */
export function latency<C = undefined, P = unknown>(
  name: string,
  fn: (ctx: C, prepared: P) => Promise<unknown> | unknown,
  options: LatencyOptions<C> = {},
): Benchmark {
  return {
    name,
    async run() {
      const ctx = (await options.setup?.()) as C;
      try {
        const warmup = options.warmup ?? 3;
        const minSamples = Math.max(20, options.minSamples ?? 20);
        const maxSamples = Math.max(minSamples, options.maxSamples ?? 200);
        const budget = (options.seconds ?? 5) * 1000;
        for (let i = 0; i < warmup; i++) await fn(ctx, (await options.before?.(ctx)) as P);
        const samples: number[] = [];
        const started = performance.now();
        while (samples.length < maxSamples) {
          if (samples.length >= minSamples && performance.now() - started > budget) break;
          const prepared = (await options.before?.(ctx)) as P;
          const t0 = performance.now();
          await fn(ctx, prepared);
          const ms = performance.now() - t0;
          samples.push(options.perSample ? options.perSample(ms) : ms);
        }
        return summarize(name, 'ms', samples);
      } finally {
        await options.teardown?.(ctx);
      }
    },
  };
}

/** A benchmark that measures something other than latency (throughput, memory, traffic). */
export function figure(name: string, unit: Unit, measure: () => Promise<number[]>): Benchmark {
  return { name, run: async () => summarize(name, unit, await measure()) };
}

export function summarize(name: string, unit: Unit, samples: readonly number[]): BenchResult {
  if (samples.length === 0) throw new Error(`${name}: no samples`);
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    name,
    unit,
    n: sorted.length,
    p50: round(q(50)),
    p90: round(q(90)),
    p99: round(q(99)),
    min: round(sorted[0]!),
    max: round(sorted[sorted.length - 1]!),
  };
}
