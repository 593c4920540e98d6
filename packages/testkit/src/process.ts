import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { assertPortFree } from './ports.js';

/** A server process started for a test: its address and an idempotent stop. */
export interface RunningServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly process: ChildProcess;
  /** Sends SIGTERM, waits for exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Waits until a TCP connect to host:port succeeds, the process exits, or `timeoutMs` passes. */
export async function waitForPort(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
  name: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode} before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${name} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** Spawns `command` and returns a RunningServer once `port` accepts connections. */
export async function startServer(
  name: string,
  command: string,
  args: readonly string[],
  port: number,
  timeoutMs = 10_000,
): Promise<RunningServer> {
  // Otherwise a server that fails to bind would look started: something else answers the port.
  await assertPortFree(port).catch((e: Error) => {
    throw new Error(`${name}: ${e.message}`);
  });
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`${name} could not start (${command}): ${e.message}`))),
  );
  try {
    await Promise.race([waitForPort(port, child, timeoutMs, name), spawnError]);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}${stderr ? `\n${stderr}` : ''}`);
  }
  let stopped: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    process: child,
    stop(graceMs = 5_000) {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}
