/** Per-test clean-up: functions run when a node:test test ends, and temporary directories. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

const cleanups = new WeakMap<TestContext, Array<() => unknown>>();

/** Runs `fn` when the test ends, last registered first (clients, servers, stores, then directories). */
export function defer(t: TestContext, fn: () => unknown): void {
  let stack = cleanups.get(t);
  if (!stack) {
    const fns: Array<() => unknown> = [];
    cleanups.set(t, fns);
    t.after(async () => {
      for (const f of fns.reverse()) await f();
    });
    stack = fns;
  }
  stack.push(fn);
}

/** A fresh directory, removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'mpcium-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  defer(t, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
