/**
 * A real multi-process cluster for end-to-end tests and cluster benchmarks: nats-server and
 * redis-server on free loopback ports, `mpcium init` for the files, then every service as its
 * own `mpcium start` process (a keystore and a signer per node, or a whole node per process,
 * and the coordinator), configured from the init files plus MPCIUM_* overrides for the ports.
 * Each process's JSON log lines are kept so a test can wait for one, and shown when it fails.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Client, createClient } from '@mpcium/grpc';
import type { InitiatorSigner } from '@mpcium/intent';
import { type NodeHeartbeat, NodeService, SignatureScheme, WalletService } from '@mpcium/proto';
import { freePort, type NatsServer, type RedisServer, startNats, startRedis } from '@mpcium/testkit';
import { hexToBytes } from '@noble/hashes/utils.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = ['--import', 'tsx', join(ROOT, 'services/cli/src/main.ts')];

export interface ProcessClusterOptions {
  readonly nodes?: number;
  readonly threshold?: number;
  /** Keystore and signer as separate processes (default) or one `node` process per node. */
  readonly split?: boolean;
  /** ECDSA presignatures the coordinator keeps ready per wallet (default 0). */
  readonly presignatures?: number;
  /** Log level of every service (default info; readiness is detected from info lines). */
  readonly logLevel?: string;
  /** Extra node arguments for every service (e.g. `--cpu-prof` for profiling). */
  readonly nodeArgs?: readonly string[];
}

export interface LogLine {
  readonly msg?: string;
  readonly level?: number;
  readonly [field: string]: unknown;
}

interface Service {
  readonly name: string;
  readonly args: readonly string[];
  env: Readonly<Record<string, string>>;
  child?: ChildProcess;
  lines: LogLine[];
  raw: string[];
}

export interface InitSummary {
  readonly dir: string;
  readonly nodes: readonly { readonly id: string; readonly party: number }[];
  readonly initiators: readonly { readonly keyId: string; readonly secretKeyFile: string }[];
}

export class ProcessCluster {
  readonly dir: string;
  readonly nats: NatsServer;
  readonly redis: RedisServer;
  readonly init: InitSummary;
  readonly address: string;
  readonly initiator: InitiatorSigner;
  readonly nodeIds: readonly string[];
  readonly #services = new Map<string, Service>();
  readonly #admin = new Map<string, string>();
  readonly #split: boolean;
  readonly #nodeArgs: readonly string[];
  #natsStore: string;

  private constructor(fields: {
    dir: string;
    nats: NatsServer;
    natsStore: string;
    redis: RedisServer;
    init: InitSummary;
    address: string;
    split: boolean;
    nodeArgs: readonly string[];
  }) {
    this.dir = fields.dir;
    this.nats = fields.nats;
    this.#natsStore = fields.natsStore;
    this.redis = fields.redis;
    this.init = fields.init;
    this.address = fields.address;
    this.#split = fields.split;
    this.#nodeArgs = fields.nodeArgs;
    this.nodeIds = fields.init.nodes.map((n) => n.id);
    const key = fields.init.initiators[0]!;
    this.initiator = {
      keyId: key.keyId,
      scheme: SignatureScheme.ED25519,
      secretKey: hexToBytes(readFileSync(key.secretKeyFile, 'utf8').trim()),
    };
  }

  /** Starts servers and every service, and waits until the cluster has aux info everywhere. */
  static async start(options: ProcessClusterOptions = {}): Promise<ProcessCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'mpcium-e2e-'));
    const natsStore = join(dir, 'nats');
    const nats = await startNats({ storeDir: natsStore });
    const redis = await startRedis();
    const n = options.nodes ?? 3;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...CLI,
        'init',
        '--dir',
        join(dir, 'cluster'),
        '--nodes',
        String(n),
        ...(options.threshold ? ['--threshold', String(options.threshold)] : []),
        '--json',
      ],
      { cwd: ROOT, timeout: 60_000 },
    );
    const init = JSON.parse(stdout) as InitSummary;
    const grpcPort = await freePort();
    const cluster = new ProcessCluster({
      dir,
      nats,
      natsStore,
      redis,
      init,
      address: `127.0.0.1:${grpcPort}`,
      split: options.split ?? true,
      nodeArgs: options.nodeArgs ?? [],
    });
    const common = {
      MPCIUM_NATS_URL: nats.url,
      MPCIUM_LOG_LEVEL: options.logLevel ?? 'info',
    };
    const clusterDir = join(dir, 'cluster');
    for (const node of init.nodes) {
      const keystore = `127.0.0.1:${await freePort()}`;
      const admin = `127.0.0.1:${await freePort()}`;
      cluster.#admin.set(node.id, admin);
      const env = { ...common, MPCIUM_KEYSTORE_ADDRESS: keystore, MPCIUM_ADMIN_LISTEN: admin };
      const base = ['-n', node.id, '--dir', clusterDir];
      if (cluster.#split) {
        cluster.#define(`keystore.${node.id}`, ['start', 'keystore', ...base], env);
        cluster.#define(node.id, ['start', 'signer', ...base], env);
      } else cluster.#define(node.id, ['start', 'node', ...base], env);
    }
    cluster.#define('coordinator', ['start', 'coordinator', '--dir', clusterDir], {
      ...common,
      MPCIUM_REDIS_URL: redis.url,
      MPCIUM_GRPC_LISTEN: cluster.address,
      MPCIUM_POOLS_PRESIGNATURES: String(options.presignatures ?? 0),
    });
    try {
      await Promise.all(init.nodes.map((node) => cluster.startNode(node.id)));
      await cluster.startService('coordinator', 'coordinator ready');
      await cluster.waitForLog('coordinator', (l) => /^cluster provisioned/.test(l.msg ?? ''), 180_000);
    } catch (e) {
      await cluster.stop();
      throw e;
    }
    return cluster;
  }

  #define(name: string, args: string[], env: Record<string, string>): void {
    this.#services.set(name, { name, args, env, lines: [], raw: [] });
  }

  #service(name: string): Service {
    const s = this.#services.get(name);
    if (!s) throw new Error(`no service ${name}`);
    return s;
  }

  /** Changes environment variables of a service for its next start. */
  setEnv(name: string, env: Readonly<Record<string, string>>): void {
    const s = this.#service(name);
    s.env = { ...s.env, ...env };
  }

  /** Starts a node: its keystore then its signer (split), or the whole node. */
  async startNode(nodeId: string): Promise<void> {
    if (this.#split) await this.startService(`keystore.${nodeId}`, 'keystore ready');
    await this.startService(nodeId, 'signer ready');
  }

  async startService(name: string, readyMsg: string, timeoutMs = 60_000): Promise<void> {
    const s = this.#service(name);
    if (s.child && s.child.exitCode === null && s.child.signalCode === null)
      throw new Error(`${name} is running`);
    s.lines = [];
    const child = spawn(process.execPath, [...this.#nodeArgs, ...CLI, ...s.args], {
      cwd: ROOT,
      env: { ...process.env, ...s.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    s.child = child;
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let at = buffer.indexOf('\n');
      while (at >= 0) {
        const text = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        s.raw.push(text);
        if (s.raw.length > 400) s.raw.shift();
        try {
          s.lines.push(JSON.parse(text) as LogLine);
        } catch {
          // not a log line
        }
        at = buffer.indexOf('\n');
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      s.raw.push(`stderr: ${d.toString().trimEnd()}`);
    });
    await this.waitForLog(name, (l) => l.msg === readyMsg, timeoutMs);
  }

  async stopService(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const s = this.#service(name);
    const child = s.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  /** Resolves with the first log line of `name` (since its last start) that matches. */
  async waitForLog(name: string, match: (l: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
    const s = this.#service(name);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = s.lines.find(match);
      if (hit) return hit;
      if (s.child && (s.child.exitCode !== null || s.child.signalCode !== null))
        throw new Error(`${name} exited (${s.child.exitCode ?? s.child.signalCode})\n${this.logs(name)}`);
      if (Date.now() > deadline)
        throw new Error(`${name}: no matching log line in ${timeoutMs} ms\n${this.logs(name)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The last lines a service wrote, for failure messages. */
  logs(name: string, last = 40): string {
    return this.#service(name).raw.slice(-last).join('\n');
  }

  pid(name: string): number | undefined {
    return this.#service(name).child?.pid;
  }

  /** Peak resident memory of a running service's process (VmHWM), in MB. */
  peakRssMb(name: string): number {
    const pid = this.pid(name);
    if (!pid) throw new Error(`${name} is not running`);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return kb / 1024;
  }

  /** A signer's status from its admin NodeService. */
  async nodeStatus(nodeId: string): Promise<NodeHeartbeat> {
    const client = createClient(NodeService, this.#admin.get(nodeId)!, { defaultDeadlineMs: 5_000 });
    try {
      const res = await client.getNodeStatus({});
      if (!res.status) throw new Error(`${nodeId} reported no status`);
      return res.status;
    } finally {
      client.close();
    }
  }

  client(): Client<typeof WalletService> {
    return createClient(WalletService, this.address, { defaultDeadlineMs: 180_000 });
  }

  /** Stops nats-server and starts it again on the same port with the same JetStream store. */
  async restartNats(downMs = 1_000): Promise<void> {
    const port = Number(new URL(this.nats.url).port);
    await this.nats.stop();
    await new Promise((r) => setTimeout(r, downMs));
    const nats = await startNats({ port, storeDir: this.#natsStore });
    (this as { nats: NatsServer }).nats = nats;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(
      [...this.#services.keys()].filter((n) => !n.startsWith('keystore.')).map((n) => this.stopService(n)),
    );
    await Promise.allSettled(
      [...this.#services.keys()].filter((n) => n.startsWith('keystore.')).map((n) => this.stopService(n)),
    );
    await this.redis.stop();
    await this.nats.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
