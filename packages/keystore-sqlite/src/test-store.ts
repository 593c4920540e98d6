import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { SqliteKeyStore } from './sqlite-key-store.js';
import type { PasswordOpenOptions } from './unlock.js';

/** Test fixtures only: fresh temporary directories and fast-to-open stores. */

export const TEST_PASSWORD = 'correct horse battery staple';

/** scrypt 2^10 instead of 2^15, through the test-only option: tests open many stores. */
export const TEST_SCRYPT_LOG_N = 10;

const cleanups = new WeakMap<TestContext, Array<() => unknown>>();

/** Runs `fn` when the test ends, last registered first (stores close before their directory goes). */
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

/** A fresh directory removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'mpcium-keystore-'));
  defer(t, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A password-mode store in a fresh file, closed when the test ends. */
export async function openTestStore(
  t: TestContext,
  options: Partial<PasswordOpenOptions> = {},
): Promise<{ store: SqliteKeyStore; path: string }> {
  const path = options.path ?? join(tempDir(t), 'keystore.db');
  const store = await SqliteKeyStore.open({
    path,
    password: options.password ?? TEST_PASSWORD,
    testOnlyScryptLogN: options.testOnlyScryptLogN ?? TEST_SCRYPT_LOG_N,
  });
  defer(t, () => store.close());
  return { store, path };
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes && new TextDecoder().decode(bytes);
