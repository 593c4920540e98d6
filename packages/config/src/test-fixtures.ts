/** Test helpers: temporary directories removed after each test, and a freshly initialised cluster. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { type InitClusterOptions, type InitClusterSummary, initCluster } from './init-cluster.js';

export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'mpcium-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function freshCluster(
  t: TestContext,
  options: Partial<InitClusterOptions> = {},
): InitClusterSummary & { readonly root: string } {
  const root = tempDir(t);
  return { ...initCluster({ dir: join(root, 'cluster'), nodes: 3, ...options }), root };
}

/** Writes `text` as `name` in `dir` and returns its path. */
export function writeYaml(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every object reachable from `value`, for checking deep freezing. */
export function allObjects(value: unknown, out: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value);
  for (const v of Object.values(value)) allObjects(v, out);
  return out;
}
