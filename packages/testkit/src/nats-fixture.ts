/**
 * A real nats-server with JetStream whose store directory is kept across restarts on the same
 * port, clients that reconnect quickly (closed with the fixture), and a bounded poll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type NatsServer, startNats } from './servers.js';

export interface NatsFixture {
  readonly url: string;
  connect(): Promise<NatsConnection>;
  /** Stops the server; clients keep trying to reconnect. */
  stop(): Promise<void>;
  /** Starts the server again on the same port, with its store or an empty one. */
  start(options?: { freshStore?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function natsFixture(): Promise<NatsFixture> {
  const dirs = [mkdtempSync(join(tmpdir(), 'mpcium-nats-fixture-'))];
  let server: NatsServer = await startNats({ storeDir: dirs[0]! });
  const port = server.port;
  const clients: NatsConnection[] = [];
  return {
    url: server.url,
    async connect() {
      const nc = await connect({
        servers: server.url,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 50,
        reconnectJitter: 0,
      });
      clients.push(nc);
      return nc;
    },
    stop: () => server.stop(),
    async start(options = {}) {
      if (options.freshStore) dirs.push(mkdtempSync(join(tmpdir(), 'mpcium-nats-fixture-')));
      server = await startNats({ port, storeDir: dirs.at(-1)! });
    },
    async close() {
      await Promise.all(clients.map((nc) => nc.close().catch(() => undefined)));
      await server.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
