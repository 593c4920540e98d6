/**
 * The coordinator's configuration (ARCHITECTURE.md "Components"): where its gRPC WalletService
 * listens, NATS, the operation store (Redis, or `memory` for one process), the cluster file (which
 * names the initiator keys it checks), the intent policy and operation timeouts.
 */
import { DEFAULT_INTENT_POLICY, type IntentPolicy } from '@mpcium/intent';
import { type ClusterConfig, loadCluster } from './cluster.js';
import { deepFreeze } from './deep-freeze.js';
import { filePath, integer, type LogLevel, logLevel, withDefault } from './fields.js';
import { listenAddress, natsUrl, redisUrl } from './network-fields.js';
import { compileSections, type Env } from './schema.js';
import type { YamlSource } from './yaml-source.js';

export const COORDINATOR_DEFAULT_LISTEN = '127.0.0.1:50051';

export const COORDINATOR_SCHEMA = {
  grpc: { listen: withDefault(listenAddress(), COORDINATOR_DEFAULT_LISTEN) },
  nats: { url: natsUrl() },
  redis: { url: redisUrl() },
  cluster: { file: filePath() },
  intent: {
    maxValidityMs: integer(1_000, 86_400_000, DEFAULT_INTENT_POLICY.maxValidityMs),
    maxSkewMs: integer(0, 600_000, DEFAULT_INTENT_POLICY.maxSkewMs),
    maxMessageBytes: integer(1, 16 << 20, DEFAULT_INTENT_POLICY.maxMessageBytes),
  },
  timeouts: {
    keygenMs: integer(1_000, 3_600_000, 120_000),
    signMs: integer(1_000, 600_000, 30_000),
    reshareMs: integer(1_000, 3_600_000, 180_000),
  },
  pools: { presignatures: integer(0, 1_000, 4), nonces: integer(0, 1_000, 8) },
  log: { level: logLevel() },
} as const;

export interface CoordinatorConfig {
  readonly kind: 'coordinator';
  /** Absolute path of the file this was loaded from. */
  readonly file: string;
  readonly grpc: { readonly listen: string };
  readonly nats: { readonly url: string };
  /** `memory` or a `redis://` URL. */
  readonly redis: { readonly url: string };
  /** The cluster file, loaded; `cluster.initiators` are the keys requests must be signed with. */
  readonly cluster: ClusterConfig;
  readonly intent: IntentPolicy;
  readonly timeouts: { readonly keygenMs: number; readonly signMs: number; readonly reshareMs: number };
  /**
   * ECDSA presignatures kept ready per wallet (0: presign on demand for each signature), and
   * FROST nonces per wallet key and node (0: Ed25519 and Taproot sign in two rounds).
   */
  readonly pools: { readonly presignatures: number; readonly nonces: number };
  readonly log: { readonly level: LogLevel };
}

export function compileCoordinator(source: YamlSource, env: Env): CoordinatorConfig {
  const c = compileSections(COORDINATOR_SCHEMA, source, env);
  return deepFreeze({
    kind: 'coordinator',
    file: source.path,
    grpc: c.grpc,
    nats: c.nats,
    redis: c.redis,
    cluster: loadCluster(c.cluster.file),
    intent: c.intent,
    timeouts: c.timeouts,
    pools: c.pools,
    log: c.log,
  });
}
