/**
 * A signer's configuration (ARCHITECTURE.md "Components"): which node it is, NATS, the cluster
 * file, its Ed25519 identity key, how to reach its keystore, its admin gRPC address, pool sizes
 * and how many sessions it runs at once. The identity key must be the one the cluster file lists
 * for this node, so a mixed-up key file fails at start instead of as unverifiable envelopes.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { type ClusterConfig, loadCluster } from './cluster.js';
import { ConfigError } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import { filePath, integer, type LogLevel, logLevel, nodeId, optional, withDefault } from './fields.js';
import { keystoreAddress, listenAddress, natsUrl } from './network-fields.js';
import { compileSections, type Env } from './schema.js';
import type { Secret } from './secret.js';
import { keystoreSharedSecret, readEd25519SecretKey } from './secret-files.js';
import type { YamlSource } from './yaml-source.js';

export const SIGNER_DEFAULT_LISTEN = '127.0.0.1:50100';

export const SIGNER_SCHEMA = {
  node: { id: nodeId() },
  nats: { url: natsUrl() },
  cluster: { file: filePath() },
  identity: { keyFile: filePath() },
  keystore: { address: keystoreAddress(), sharedSecretFile: optional(filePath()) },
  admin: { listen: withDefault(listenAddress(), SIGNER_DEFAULT_LISTEN) },
  pools: { presignatures: integer(0, 10_000, 16), nonces: integer(0, 100_000, 64) },
  sessions: { maxConcurrent: integer(1, 1_024, 8) },
  log: { level: logLevel() },
} as const;

export interface SignerConfig {
  readonly kind: 'signer';
  readonly file: string;
  /** The node id and its party index from the cluster file. */
  readonly node: { readonly id: string; readonly party: number };
  readonly nats: { readonly url: string };
  readonly cluster: ClusterConfig;
  readonly identity: { readonly keyFile: string; readonly publicKey: string; readonly secretKey: Secret };
  /** `address` is `unix:/abs/path` or a loopback `host:port`; a TCP address has a shared secret. */
  readonly keystore: {
    readonly address: string;
    readonly sharedSecretFile: string | undefined;
    readonly sharedSecret: Secret | undefined;
  };
  /** The signer's admin and health gRPC server. */
  readonly admin: { readonly listen: string };
  /**
   * Most presignatures (ECDSA) and FROST nonces this node holds per wallet key (the coordinator's
   * `pools` sets how many it keeps ready).
   */
  readonly pools: { readonly presignatures: number; readonly nonces: number };
  readonly sessions: { readonly maxConcurrent: number };
  readonly log: { readonly level: LogLevel };
}

export function compileSigner(source: YamlSource, env: Env): SignerConfig {
  const c = compileSections(SIGNER_SCHEMA, source, env);
  const cluster = loadCluster(c.cluster.file);
  const node = cluster.nodes.find((n) => n.id === c.node.id);
  if (!node)
    throw new ConfigError(
      source.name,
      'node.id',
      `a node listed in ${cluster.file} (${cluster.nodes.map((n) => n.id).join(', ')})`,
      `got ${JSON.stringify(c.node.id)}`,
    );
  const secretKey = readEd25519SecretKey(source.name, 'identity.keyFile', c.identity.keyFile);
  const seed = secretKey.bytes();
  const publicKey = Buffer.from(ed25519.getPublicKey(seed)).toString('hex');
  seed.fill(0);
  if (publicKey !== node.publicKey)
    throw new ConfigError(
      source.name,
      'identity.keyFile',
      `the identity key of ${node.id} whose public key the cluster file lists`,
      `${c.identity.keyFile} holds the key of ${publicKey}`,
    );
  return deepFreeze({
    kind: 'signer',
    file: source.path,
    node: { id: node.id, party: node.party },
    nats: c.nats,
    cluster,
    identity: { keyFile: c.identity.keyFile, publicKey, secretKey },
    keystore: { ...c.keystore, sharedSecret: keystoreSharedSecret(source.name, c.keystore) },
    admin: c.admin,
    pools: c.pools,
    sessions: c.sessions,
    log: c.log,
  });
}
