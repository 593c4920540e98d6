/**
 * The signer service (ARCHITECTURE.md "signer"): one node's SignerNode wired to NATS (signed,
 * encrypted envelopes between peers; the control channel from the coordinator), its keystore
 * (in-process SQLite or the keystore service), a safe-prime pool while aux info is missing, a
 * heartbeat in the NATS KV bucket of nodes, and the admin gRPC server (NodeService, health).
 * `close()` is the graceful shutdown: the node disappears from discovery, refuses new
 * proposals, lets running sessions finish and store their results, then lets go of NATS.
 */
import { create } from '@bufbuild/protobuf';
import {
  hostPort,
  initiatorKeys,
  type Logger,
  nodeIdentity,
  peerDirectory,
  type SignerConfig,
} from '@mpcium/config';
import { serveNode } from '@mpcium/control-nats';
import { ensureNodesBucket, startHeartbeat } from '@mpcium/discovery-nats';
import { startServer } from '@mpcium/grpc';
import type { KeyStore } from '@mpcium/keystore-sqlite';
import { FIRST_VERSION, SignerNode } from '@mpcium/node';
import { PrimePool } from '@mpcium/prime-pool';
import { type NodeHeartbeat, NodeHeartbeatSchema, type PoolLevel, PoolLevelSchema } from '@mpcium/proto';
import { openNatsSessionTransport } from '@mpcium/transport-nats';
import { securityProfile } from '@mpcium/tss';
import { connect } from '@nats-io/transport-node';
import { nodeService } from './node-routes.js';

/** The admin status reports the presignature pools of at most this many wallets. */
const MAX_REPORTED_POOLS = 100;

export interface SignerServiceOptions {
  readonly config: SignerConfig;
  readonly keystore: KeyStore;
  readonly logger: Logger;
  /** How long running sessions may take to finish at shutdown (default 30 s). */
  readonly shutdownGraceMs?: number;
  readonly heartbeatMs?: number;
}

export interface RunningSigner {
  readonly nodeId: string;
  /** The admin gRPC address. */
  readonly adminAddress: string;
  status(): Promise<NodeHeartbeat>;
  close(): Promise<void>;
}

export async function startSignerService(options: SignerServiceOptions): Promise<RunningSigner> {
  const { config, keystore, logger } = options;
  const started = Date.now();
  const cluster = config.cluster;
  const profile = securityProfile(cluster.profile);
  const auxSetId = cluster.name;
  const nc = await connect({
    servers: config.nats.url,
    name: `mpcium-signer-${config.node.id}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') logger.warn({ nats: s.type }, 'nats connection');
    }
  })();
  const identity = nodeIdentity(config);
  const peers = peerDirectory(cluster);
  // Primes are only generated while this node has no aux info (they feed its Paillier modulus).
  let primes: PrimePool | undefined;
  if (!(await keystore.getAuxInfo(auxSetId))) {
    primes = new PrimePool({ bits: profile.primeBits, size: 2, concurrency: 1 });
    logger.info('no aux info yet: generating safe primes for it in the background');
  }
  const node = new SignerNode({
    cluster: {
      self: config.node.party,
      parties: cluster.nodes.map((n) => n.party),
      threshold: cluster.threshold,
      profile,
      auxSetId,
    },
    keystore,
    transports: { open: (sessionId) => openNatsSessionTransport({ nc, sessionId, identity, peers }) },
    initiatorKeys: initiatorKeys(cluster),
    ...(primes ? { primes: { take: () => primes!.take() } } : {}),
    maxConcurrentSessions: config.sessions.maxConcurrent,
    maxPooledPresignatures: config.pools.presignatures,
    maxPooledNonces: config.pools.nonces,
    onBackgroundError: (err) =>
      logger.warn(
        { err: err instanceof Error ? err.message : 'unknown' },
        'storing a signing outcome failed',
      ),
  });
  let closing = false;
  let aux = false;
  /**
   * The node's status. Heartbeats (every few seconds) carry liveness only; pool levels cost a
   * keystore call per wallet, so only the admin NodeService asks for them.
   */
  const status = async (withPools: boolean): Promise<NodeHeartbeat> => {
    const sessions = node.sessions();
    let ready = !closing;
    const pools: PoolLevel[] = [];
    try {
      // Aux info never goes away once stored: read it until it is there, then only check that
      // the keystore answers.
      if (aux) await keystore.status();
      else aux = (await keystore.getAuxInfo(auxSetId)) !== undefined;
      const wallets = withPools ? (await keystore.listWallets()).slice(0, MAX_REPORTED_POOLS) : [];
      for (const walletId of wallets) {
        const available = await keystore.countPooled(
          'presignature',
          walletId,
          'ecdsa-secp256k1',
          FIRST_VERSION,
        );
        if (available > 0) pools.push(create(PoolLevelSchema, { walletId, kind: 'presignature', available }));
      }
    } catch {
      ready = false;
    }
    if (aux && primes) {
      primes.close();
      primes = undefined;
    }
    return create(NodeHeartbeatSchema, {
      nodeId: config.node.id,
      party: config.node.party,
      atMs: BigInt(Date.now()),
      ready,
      auxInfo: aux,
      sessionsRunning: sessions.running,
      sessionsMax: sessions.max,
      uptimeMs: BigInt(Date.now() - started),
      pools,
    });
  };
  const control = serveNode(nc, config.node.id, node);
  await ensureNodesBucket(nc);
  const heartbeat = startHeartbeat(nc, {
    nodeId: config.node.id,
    status: () => status(false),
    ...(options.heartbeatMs ? { intervalMs: options.heartbeatMs } : {}),
    onError: (err) =>
      logger.warn({ err: err instanceof Error ? err.message : 'unknown' }, 'heartbeat failed'),
  });
  const admin = await startServer({
    ...hostPort(config.admin.listen),
    services: [nodeService(() => status(true))],
    onError: (err, method) =>
      logger.error({ method, err: err instanceof Error ? err.message : 'unknown' }, 'admin call failed'),
  });
  await nc.flush();
  logger.info({ node: config.node.id, party: config.node.party, admin: admin.address }, 'signer ready');
  let closed: Promise<void> | undefined;
  return {
    nodeId: config.node.id,
    adminAddress: admin.address,
    status: () => status(true),
    close() {
      closed ??= (async () => {
        closing = true;
        await heartbeat.stop();
        const left = await node.drain(options.shutdownGraceMs ?? 30_000);
        if (left > 0) logger.warn({ sessions: left }, 'sessions still running at shutdown');
        control.close();
        primes?.close();
        await admin.shutdown(2_000);
        await nc.drain().catch(() => nc.close());
        logger.info('signer stopped');
      })();
      return closed;
    },
  };
}
