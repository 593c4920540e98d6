/**
 * Test fixtures only: a real SqliteKeyStore in a temporary directory behind a real keystore
 * server (loopback TCP with a secret, or a unix socket), and a RemoteKeyStore connected to it.
 */
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { Code, createClient, GrpcError, Metadata } from '@mpcium/grpc';
import { SqliteKeyStore } from '@mpcium/keystore-sqlite';
import { KeystoreService } from '@mpcium/proto';
import { defer, freePort, tempDir as testkitTempDir } from '@mpcium/testkit';
import { RemoteKeyStore } from './client.js';
import { type RunningKeystoreServer, startKeystoreServer } from './server.js';

export const SECRET = 'test-shared-secret-0123456789abcdef';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes && new TextDecoder().decode(bytes);

export { defer };

/** A fresh directory, removed when the test ends. */
export function tempDir(t: TestContext): string {
  return testkitTempDir(t, 'mpcium-ks-');
}

export function openStore(path: string): Promise<SqliteKeyStore> {
  return SqliteKeyStore.open({ path, password: 'pw', testOnlyScryptLogN: 10 });
}

export interface Keystore {
  readonly dir: string;
  readonly path: string;
  readonly store: SqliteKeyStore;
  readonly server: RunningKeystoreServer;
  readonly client: RemoteKeyStore;
}

/**
 * A store, its server and a connected client, all closed when the test ends. `unix` listens on
 * a socket in the temporary directory (with the secret only if `secret` is given).
 */
export async function startKeystore(
  t: TestContext,
  options: { unix?: boolean; secret?: string } = {},
): Promise<Keystore> {
  const dir = tempDir(t);
  const path = join(dir, 'keystore.db');
  const store = await openStore(path);
  const secret = options.unix ? options.secret : (options.secret ?? SECRET);
  const address = options.unix ? `unix:${join(dir, 'keystore.sock')}` : `127.0.0.1:${await freePort()}`;
  const server = await startKeystoreServer({ store, address, sharedSecret: secret });
  const client = await RemoteKeyStore.connect({
    address: server.address,
    sharedSecret: secret,
    timeoutMs: 5000,
  });
  defer(t, async () => {
    await client.close();
    await server.close(100);
    await store.close();
  });
  return { dir, path, store, server, client };
}

/** A bare KeystoreService client that sends `authorization` as given (or nothing). */
export function rawClient(t: TestContext, address: string, authorization?: string) {
  const rpc = createClient(KeystoreService, address, { defaultDeadlineMs: 5000 });
  defer(t, () => rpc.close());
  const metadata = new Metadata();
  if (authorization !== undefined) metadata.set('authorization', authorization);
  return { rpc, options: { metadata } };
}

/** For assert.rejects: a GrpcError with this code. */
export const grpcCode =
  (code: Code) =>
  (err: unknown): boolean =>
    err instanceof GrpcError && err.code === code;

export { Code };
