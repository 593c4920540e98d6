import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { type RunningServer, startServer } from './process.js';

export interface NatsServer extends RunningServer {
  /** nats://127.0.0.1:port */
  readonly url: string;
}

export interface RedisServer extends RunningServer {
  /** redis://127.0.0.1:port */
  readonly url: string;
}

/**
 * Starts Debian's `nats-server` on a free loopback port with JetStream in a fresh temporary
 * store directory, removed on stop. Pass `port` to restart on the same address.
 */
export async function startNats(options: { port?: number; storeDir?: string } = {}): Promise<NatsServer> {
  const port = options.port ?? (await freePort());
  const storeDir = options.storeDir ?? mkdtempSync(join(tmpdir(), 'mpcium-nats-'));
  const server = await startServer(
    'nats-server',
    'nats-server',
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    port,
  );
  return {
    ...server,
    url: `nats://127.0.0.1:${port}`,
    async stop(graceMs?: number) {
      await server.stop(graceMs);
      if (!options.storeDir) rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/** Starts Debian's `redis-server` on a free loopback port without persistence. */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const server = await startServer(
    'redis-server',
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    port,
  );
  return { ...server, url: `redis://127.0.0.1:${port}` };
}
