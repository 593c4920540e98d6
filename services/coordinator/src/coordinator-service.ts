/**
 * The coordinator service (ARCHITECTURE.md "coordinator"): the application core wired to its
 * adapters. Signers are reached over the NATS control channel and counted ready by their
 * heartbeats in the NATS KV bucket of nodes; operations, idempotency keys and the replay window
 * live in Redis (or memory); every final operation is published as a durable JetStream result
 * event, de-duplicated by operation id. Once every node is up, the cluster's aux info is
 * generated if no node has it yet; then operations a previous run left unfinished are resumed.
 * `close()` drains gRPC and background presigning first.
 */
import { type CoordinatorConfig, hostPort, initiatorKeys, type Logger } from '@mpcium/config';
import { NatsNodeClient } from '@mpcium/control-nats';
import { ensureNodesBucket, NodeWatcher } from '@mpcium/discovery-nats';
import { ResultEvents } from '@mpcium/events-nats';
import { startServer } from '@mpcium/grpc';
import { MemoryOperationStore, RedisOperationStore } from '@mpcium/operation-store';
import { connect } from '@nats-io/transport-node';
import { Coordinator } from './app/coordinator.js';
import type { NodeEndpoint } from './app/node-endpoint.js';
import { mapCoordinatorError, walletService } from './routes.js';

export interface CoordinatorServiceOptions {
  readonly config: CoordinatorConfig;
  readonly logger: Logger;
  /** How often to check whether aux info must be generated (default 1 s). */
  readonly provisionPollMs?: number;
}

export interface RunningCoordinator {
  readonly address: string;
  readonly coordinator: Coordinator;
  /** Resolves once every node has aux info (after generating it when needed). */
  readonly provisioned: Promise<void>;
  close(): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : 'unknown error');

export async function startCoordinatorService(
  options: CoordinatorServiceOptions,
): Promise<RunningCoordinator> {
  const { config, logger } = options;
  const nc = await connect({
    servers: config.nats.url,
    name: 'mpcium-coordinator',
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') logger.warn({ nats: s.type }, 'nats connection');
    }
  })();
  const store =
    config.redis.url === 'memory' ? new MemoryOperationStore() : new RedisOperationStore(config.redis.url);
  await ensureNodesBucket(nc);
  const watcher = await NodeWatcher.start(nc);
  const events = await ResultEvents.open(nc);
  const nodes: NodeEndpoint[] = config.cluster.nodes.map((n) => {
    const client = new NatsNodeClient(nc, {
      nodeId: n.id,
      party: n.party,
      runTimeoutMs: Math.max(config.timeouts.keygenMs, config.timeouts.signMs),
    });
    return {
      party: n.party,
      nodeId: n.id,
      propose: (p) => client.propose(p),
      run: (sid) => client.run(sid),
      cancel: (sid) => client.cancel(sid),
      recall: (r) => client.recall(r),
      commitNonces: (r) => client.commitNonces(r),
      online: () => watcher.isReady(n.id),
      lastHeartbeatMs: () => {
        const at = watcher.get(n.id)?.atMs;
        return at === undefined ? undefined : Number(at);
      },
    };
  });
  const coordinator = new Coordinator({
    threshold: config.cluster.threshold,
    nodes,
    store,
    initiatorKeys: initiatorKeys(config.cluster),
    intentPolicy: config.intent,
    presignPoolSize: config.pools.presignatures,
    noncePoolSize: config.pools.nonces,
    onBackgroundError: (err) => logger.warn({ err: message(err) }, 'background task failed'),
    onFinished: async (op) => {
      await events.publish(op);
    },
  });
  const server = await startServer({
    ...hostPort(config.grpc.listen),
    services: [walletService(coordinator)],
    mapError: mapCoordinatorError,
    reflection: true,
    onError: (err, method) => logger.error({ method, err: message(err) }, 'call failed'),
  });
  let stopping = false;
  const provisioned = provision(
    coordinator,
    watcher,
    config,
    logger,
    options.provisionPollMs ?? 1_000,
    () => stopping,
  );
  provisioned
    .then(async () => {
      const resumed = await coordinator.resume();
      if (resumed > 0) logger.info({ operations: resumed }, 'finished operations left by a previous run');
    })
    .catch((err) => logger.error({ err: message(err) }, 'start-up work failed'));
  logger.info({ address: server.address, nodes: nodes.length }, 'coordinator ready');
  let closed: Promise<void> | undefined;
  return {
    address: server.address,
    coordinator,
    provisioned,
    close() {
      closed ??= (async () => {
        stopping = true;
        await server.shutdown(5_000);
        await coordinator.drain();
        await watcher.stop();
        await nc.drain().catch(() => nc.close());
        await store.close();
        logger.info('coordinator stopped');
      })();
      return closed;
    },
  };
}

/**
 * Resolves once a threshold of ready nodes have aux info, or, when no node has it yet, once every
 * node is ready and it has been generated. Ready nodes without it next to nodes with it are
 * reported and left to the operator (no node generates a second modulus silently).
 */
async function provision(
  coordinator: Coordinator,
  watcher: NodeWatcher,
  config: CoordinatorConfig,
  logger: Logger,
  pollMs: number,
  stopped: () => boolean,
): Promise<void> {
  let reported = '';
  while (!stopped()) {
    const ready = config.cluster.nodes.filter((n) => watcher.isReady(n.id));
    const without = ready.filter((n) => !watcher.get(n.id)?.auxInfo).map((n) => n.id);
    if (ready.length > without.length) {
      // The cluster was provisioned before: enough nodes with aux info are up to sign.
      if (without.length === 0 && ready.length >= config.cluster.threshold) {
        logger.info({ ready: ready.length }, 'cluster provisioned: aux info present');
        return;
      }
      const state = `aux info missing on ${without.join(', ')}`;
      if (without.length > 0 && state !== reported) logger.error(state);
      reported = state;
    } else if (ready.length === config.cluster.nodes.length) {
      logger.info({ nodes: ready.length }, 'generating aux info (once per cluster)');
      await coordinator.provision();
      logger.info('cluster provisioned: aux info generated');
      return;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
