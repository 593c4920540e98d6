import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { defer, tempDir as testkitTempDir } from '@mpcium/testkit';
import { SqliteKeyStore } from './sqlite-key-store.js';
import type { PasswordOpenOptions } from './unlock.js';

/** Test fixtures only: fresh temporary directories and fast-to-open stores. */

export const TEST_PASSWORD = 'correct horse battery staple';

/** scrypt 2^10 instead of 2^15, through the test-only option: tests open many stores. */
export const TEST_SCRYPT_LOG_N = 10;

export { defer };

/** A fresh directory, removed when the test ends. */
export function tempDir(t: TestContext): string {
  return testkitTempDir(t, 'mpcium-keystore-');
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
