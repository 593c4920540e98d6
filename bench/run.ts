/**
 * `npm run bench [-- --filter PREFIX[,PREFIX]] [-- --json FILE]`: runs the registered benchmarks,
 * prints a table and optionally writes the BENCH.md JSON format.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Benchmark, BenchResult } from './harness.js';
import { benchmarks, closeBenchmarks } from './registry.js';

const { values } = parseArgs({
  options: {
    filter: { type: 'string', multiple: true },
    json: { type: 'string' },
    list: { type: 'boolean' },
  },
});

const prefixes = (values.filter ?? []).flatMap((f) => f.split(',')).filter(Boolean);
const selected: Benchmark[] = (await benchmarks()).filter(
  (b) => prefixes.length === 0 || prefixes.some((p) => b.name.startsWith(p)),
);

if (values.list) {
  for (const b of selected) console.log(b.name);
  process.exit(0);
}
if (selected.length === 0) {
  console.error(`no benchmark matches ${prefixes.join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
const header = `${'name'.padEnd(36)} ${'unit'.padEnd(8)} ${'n'.padStart(5)} ${'p50'.padStart(10)} ${'p90'.padStart(10)} ${'p99'.padStart(10)} ${'min'.padStart(10)} ${'max'.padStart(10)}`;
console.log(header);
console.log('-'.repeat(header.length));
for (const b of selected) {
  try {
    const r = await b.run();
    results.push(r);
    const cell = (x: number) => String(x).padStart(10);
    console.log(
      `${r.name.padEnd(36)} ${r.unit.padEnd(8)} ${String(r.n).padStart(5)} ${cell(r.p50)} ${cell(r.p90)} ${cell(r.p99)} ${cell(r.min)} ${cell(r.max)}`,
    );
  } catch (e) {
    console.log(`${b.name.padEnd(36)} FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}

await closeBenchmarks();

if (values.json) {
  const report = {
    node: process.version,
    cpus: availableParallelism(),
    at: new Date().toISOString(),
    results,
  };
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
