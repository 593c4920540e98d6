/**
 * Cluster benchmarks (BENCH.md "Cluster"): separate processes on this machine (nats-server,
 * redis-server, a keystore and a signer per node, the coordinator; 3 nodes, threshold 2) driven
 * through the coordinator's gRPC API, exactly as a wallet backend would. One cluster serves all
 * of them; the coordinator is restarted with a presignature pool for the pooled figures.
 * `cluster.rss.signer` is the peak resident memory of the busiest signer process (VmHWM).
 */
import { create } from '@bufbuild/protobuf';
import { newIntent, signIntent } from '@mpcium/intent';
import {
  CreateWalletActionSchema,
  KeyType,
  type Operation,
  OperationState,
  SignActionSchema,
} from '@mpcium/proto';
import { randomBytes } from '@noble/hashes/utils.js';
import { ProcessCluster } from '../../e2e/harness/process-cluster.js';
import { type Benchmark, figure, latency } from '../harness.js';

let running: Promise<ProcessCluster> | undefined;
let pool = 0;
let walletCount = 0;

/**
 * `MPCIUM_BENCH_TOPOLOGY=node` runs each node's signer and keystore in one process (`mpcium start
 * node`); the default runs them as separate processes joined by gRPC on loopback.
 */
function cluster(): Promise<ProcessCluster> {
  running ??= ProcessCluster.start({ presignatures: 0, split: process.env.MPCIUM_BENCH_TOPOLOGY !== 'node' });
  return running;
}

/** Restarts the coordinator with `size` presignatures kept ready per wallet. */
async function presignPool(size: number): Promise<ProcessCluster> {
  const c = await cluster();
  if (pool === size) return c;
  await c.stopService('coordinator');
  c.setEnv('coordinator', { MPCIUM_POOLS_PRESIGNATURES: String(size) });
  await c.startService('coordinator', 'coordinator ready');
  await c.waitForLog('coordinator', (l) => /^cluster provisioned/.test(l.msg ?? ''), 60_000);
  pool = size;
  return c;
}

export async function closeClusterBenchmarks(): Promise<void> {
  if (running) await (await running).stop();
  running = undefined;
}

function ok(op: Operation | undefined): Operation {
  if (op?.state !== OperationState.SUCCEEDED)
    throw new Error(`operation failed: ${JSON.stringify(op?.result.value)}`);
  return op;
}

async function createWallet(c: ProcessCluster): Promise<string> {
  const walletId = `bench-${process.pid}-${++walletCount}`;
  const intent = newIntent({ case: 'createWallet', value: create(CreateWalletActionSchema, { walletId }) });
  const client = c.client();
  try {
    ok((await client.createWallet({ signedIntent: signIntent(intent, c.initiator) })).operation);
  } finally {
    client.close();
  }
  return walletId;
}

type Client = ReturnType<ProcessCluster['client']>;

async function sign(
  c: ProcessCluster,
  client: Client,
  walletId: string,
  keyType: KeyType,
): Promise<Operation> {
  const message = randomBytes(32);
  const intent = newIntent({ case: 'sign', value: create(SignActionSchema, { walletId, keyType, message }) });
  return ok((await client.sign({ signedIntent: signIntent(intent, c.initiator) })).operation);
}

/** Signs from `workers` concurrent callers for `seconds`; returns signatures per minute. */
async function throughput(
  c: ProcessCluster,
  wallets: readonly string[],
  keyType: KeyType,
  workers: number,
  seconds: number,
): Promise<number> {
  const client = c.client();
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const started = Date.now();
  try {
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let k = 0; Date.now() < until; k++) {
          await sign(c, client, wallets[(w + k) % wallets.length]!, keyType);
          done++;
        }
      }),
    );
  } finally {
    client.close();
  }
  return (done * 60_000) / (Date.now() - started);
}

interface Ctx {
  readonly c: ProcessCluster;
  readonly client: Client;
  readonly walletId: string;
}

async function signingContext(size: number): Promise<Ctx> {
  const c = await presignPool(size);
  return { c, client: c.client(), walletId: await createWallet(c) };
}

async function waitForPresignature(ctx: Ctx): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await ctx.client.getWallet({ walletId: ctx.walletId });
    if (res.presignaturesReady > 0) return;
    if (Date.now() > deadline) throw new Error('no presignature became ready');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const THROUGHPUT_WALLETS = 3;

export const clusterBenchmarks: readonly Benchmark[] = [
  latency('cluster.wallet.create', async (c: ProcessCluster) => createWallet(c), {
    setup: () => presignPool(0),
    warmup: 2,
    seconds: 10,
  }),
  latency('cluster.sign.eddsa', (ctx: Ctx) => sign(ctx.c, ctx.client, ctx.walletId, KeyType.ED25519), {
    setup: () => signingContext(0),
    teardown: (ctx) => ctx.client.close(),
    seconds: 5,
  }),
  latency(
    'cluster.sign.ecdsa.unpooled',
    (ctx: Ctx) => sign(ctx.c, ctx.client, ctx.walletId, KeyType.ECDSA_SECP256K1),
    { setup: () => signingContext(0), teardown: (ctx) => ctx.client.close(), warmup: 2, seconds: 10 },
  ),
  latency(
    'cluster.sign.ecdsa.pooled',
    async (ctx: Ctx) => {
      const op = await sign(ctx.c, ctx.client, ctx.walletId, KeyType.ECDSA_SECP256K1);
      if (op.progress !== 'presignature from the pool') throw new Error(`not pooled: ${op.progress}`);
    },
    {
      setup: () => signingContext(1),
      before: waitForPresignature,
      teardown: (ctx) => ctx.client.close(),
      warmup: 2,
      seconds: 10,
    },
  ),
  figure('cluster.throughput.eddsa', 'per_min', async () => {
    const c = await presignPool(0);
    const wallets = [];
    for (let k = 0; k < THROUGHPUT_WALLETS; k++) wallets.push(await createWallet(c));
    return [await throughput(c, wallets, KeyType.ED25519, 8, 20)];
  }),
  figure('cluster.throughput.ecdsa', 'per_min', async () => {
    const c = await presignPool(4);
    const wallets = [];
    for (let k = 0; k < THROUGHPUT_WALLETS; k++) wallets.push(await createWallet(c));
    // Sustained: the pools drain within seconds, so most of the minute includes presigning.
    return [await throughput(c, wallets, KeyType.ECDSA_SECP256K1, 6, 60)];
  }),
  figure('cluster.rss.signer', 'MB', async () => {
    const c = await cluster();
    return [Math.max(...c.nodeIds.map((id) => c.peakRssMb(id)))];
  }),
];
