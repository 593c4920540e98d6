/**
 * The keystore's gRPC server: KeystoreService over one KeyStore, on a unix socket (mode 0600) or
 * on a loopback TCP port behind a shared secret. It binds nothing else, and serves neither health
 * nor reflection: the only caller is its own node's signer. Closing it leaves the store open.
 */
import { chmod, lstat, unlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { isMainThread } from 'node:worker_threads';
import { type RunningGrpcServer, service, startServer } from '@mpcium/grpc';
import type { KeyStore } from '@mpcium/keystore-sqlite';
import { KeystoreService } from '@mpcium/proto';
import { parseKeystoreAddress } from './address.js';
import { bearer, requireSecret } from './auth.js';
import { keystoreRoutes, MAX_MESSAGE_BYTES } from './routes.js';

export interface KeystoreServerOptions {
  readonly store: KeyStore;
  /** `unix:/abs/path`, or a loopback `host:port` (127.0.0.0/8 or `[::1]`); port 0 picks one. */
  readonly address: string;
  /** Required on TCP; optional on a unix socket, and checked there too when given. */
  readonly sharedSecret?: Uint8Array | string;
  /** Gets failures answered INTERNAL; default: their name and message on stderr. */
  readonly onError?: (err: unknown, method: string) => void;
}

export interface RunningKeystoreServer {
  /** Where it listens (with the picked port for port 0), ready for RemoteKeyStore.connect. */
  readonly address: string;
  /** Stops accepting calls, waits up to `graceMs` (default 5000) for running ones, then cancels them. */
  close(graceMs?: number): Promise<void>;
}

function logFailure(err: unknown, method: string): void {
  const what = err instanceof Error ? `${err.name}: ${err.message}` : typeof err;
  console.error(`keystore service: ${method} failed: ${what}`);
}

/** Starts the keystore service; refuses a non-loopback address and TCP without a secret. */
export async function startKeystoreServer(options: KeystoreServerOptions): Promise<RunningKeystoreServer> {
  const where = parseKeystoreAddress(options.address);
  if (typeof options.store?.status !== 'function') throw new TypeError('store must be a KeyStore');
  if (where.kind === 'tcp' && options.sharedSecret === undefined)
    throw new TypeError('keystore: a TCP address needs a sharedSecret (or listen on a unix socket)');
  const routes = keystoreRoutes(options.store);
  const impl =
    options.sharedSecret === undefined ? routes : requireSecret(routes, bearer(options.sharedSecret));
  const common = {
    services: [service(KeystoreService, impl)],
    health: false as const,
    maxReceiveMessageBytes: MAX_MESSAGE_BYTES,
    onError: options.onError ?? logFailure,
  };
  if (where.kind === 'tcp')
    return running(await startServer({ ...common, host: where.host, port: where.port }));
  await removeStaleSocket(where.path);
  const server = await withPrivateUmask(() => startServer({ ...common, address: `unix:${where.path}` }));
  try {
    await chmod(where.path, 0o600);
  } catch (err) {
    await server.shutdown(0);
    throw err;
  }
  return running(server);
}

function running(server: RunningGrpcServer): RunningKeystoreServer {
  return Object.freeze({ address: server.address, close: (graceMs = 5000) => server.shutdown(graceMs) });
}

/**
 * A socket file left by a process that died is removed; one that something still listens on,
 * or a path that is not a socket, is refused.
 */
async function removeStaleSocket(path: string): Promise<void> {
  const stat = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (!stat) return;
  if (!stat.isSocket()) throw new Error(`keystore: ${path} exists and is not a socket`);
  const refused = await new Promise<boolean>((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNREFUSED' ? resolve(true) : reject(err),
    );
  });
  if (!refused) throw new Error(`keystore: something already listens on ${path}`);
  await unlink(path);
}

/**
 * grpc-js creates the socket with the process umask; a umask without group and other bits
 * while it does means no one else can connect before the chmod to 0600. The umask is process
 * wide (files created meanwhile are owner-only too), and worker threads may not change it.
 */
async function withPrivateUmask<T>(fn: () => Promise<T>): Promise<T> {
  if (!isMainThread) return fn();
  const previous = process.umask(0o077);
  process.umask(previous | 0o077);
  try {
    return await fn();
  } finally {
    process.umask(previous);
  }
}
