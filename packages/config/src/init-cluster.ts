/**
 * `mpcium init`: everything a new cluster needs on disk. Per node an Ed25519 identity key, a
 * keystore password and a keystore shared secret (files 0600 in a 0700 directory), one
 * initiator key pair, the cluster (peers) file, and a config file per service per node with
 * loopback defaults. Returns what was written and the public keys, never a secret.
 *
 *   dir/cluster.yaml  dir/coordinator.yaml  dir/initiator/initiator0.key
 *   dir/nodes/node0/{identity.key, keystore.password, keystore.secret, signer.yaml, keystore.yaml}
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SecurityProfileName } from '@mpcium/tss';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  CLUSTER_NAME,
  type ClusterInitiator,
  type ClusterNode,
  loadCluster,
  minThreshold,
  SECURITY_PROFILES,
} from './cluster.js';
import { COORDINATOR_DEFAULT_LISTEN } from './coordinator-config.js';
import { deepFreeze } from './deep-freeze.js';
import { type Field, Invalid } from './fields.js';
import { DEFAULT_DATABASE, prepareClusterDir } from './init-dir.js';
import { clusterYaml, coordinatorYaml, keystoreYaml, signerYaml } from './init-templates.js';
import { natsUrl as natsUrlField, redisUrl as redisUrlField } from './network-fields.js';
import { PUBLIC_FILE_MODE, SECRET_DIR_MODE, SECRET_FILE_MODE, writeFileAtomic } from './write-file.js';

export interface InitClusterOptions {
  readonly dir: string;
  /** Number of nodes, 2 to 100. */
  readonly nodes: number;
  /** Signers required; defaults to floor(n/2)+1. */
  readonly threshold?: number;
  readonly profile?: SecurityProfileName;
  /** Number of Ed25519 initiator key pairs, 1 to 16 (default 1). */
  readonly initiatorKeys?: number;
  /** Replace an existing cluster's files (never a keystore database). */
  readonly force?: boolean;
  readonly name?: string;
  readonly natsUrl?: string;
  readonly redisUrl?: string;
  /** The coordinator's gRPC port, and the first signer-admin and keystore ports (node K adds K). */
  readonly ports?: { readonly coordinator?: number; readonly signer?: number; readonly keystore?: number };
}

export interface InitNodeSummary extends ClusterNode {
  readonly dir: string;
  readonly signerConfig: string;
  readonly keystoreConfig: string;
  readonly identityKeyFile: string;
  readonly passwordFile: string;
  readonly sharedSecretFile: string;
  readonly signerListen: string;
  readonly keystoreAddress: string;
}

export interface InitInitiatorSummary extends ClusterInitiator {
  readonly secretKeyFile: string;
}

export interface InitClusterSummary {
  readonly dir: string;
  readonly clusterFile: string;
  readonly coordinatorConfig: string;
  readonly coordinatorListen: string;
  readonly name: string;
  readonly profile: SecurityProfileName;
  readonly threshold: number;
  readonly nodes: readonly InitNodeSummary[];
  readonly initiators: readonly InitInitiatorSummary[];
}

const MAX_INIT_NODES = 100;
const DEFAULT_PORT = Number(COORDINATOR_DEFAULT_LISTEN.split(':')[1]);

function checked(name: string, field: Field<string>, value: string): string {
  try {
    return field.parse(value, { dir: '.' });
  } catch (e) {
    if (e instanceof Invalid) throw new RangeError(`${name} must be ${e.expected}`);
    throw e;
  }
}

function intOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

function secretDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: SECRET_DIR_MODE });
  chmodSync(path, SECRET_DIR_MODE);
}

function newEd25519(): { secretHex: string; publicHex: string } {
  const secret = ed25519.utils.randomSecretKey();
  const publicHex = Buffer.from(ed25519.getPublicKey(secret)).toString('hex');
  const secretHex = Buffer.from(secret).toString('hex');
  secret.fill(0);
  return { secretHex, publicHex };
}

export function initCluster(options: InitClusterOptions): InitClusterSummary {
  const dir = resolve(options.dir);
  const n = intOption('nodes', options.nodes, 2, MAX_INIT_NODES);
  const threshold = intOption('threshold', options.threshold ?? minThreshold(n), minThreshold(n), n);
  const initiatorCount = intOption('initiatorKeys', options.initiatorKeys ?? 1, 1, 16);
  const profile = options.profile ?? 'standard';
  if (!SECURITY_PROFILES.includes(profile))
    throw new RangeError(`profile must be one of ${SECURITY_PROFILES.join(', ')}`);
  const name = options.name ?? 'mpcium';
  if (!CLUSTER_NAME.test(name)) throw new RangeError('name must be 1-64 characters of [A-Za-z0-9._-]');
  const natsUrl = checked('natsUrl', natsUrlField(), options.natsUrl ?? 'nats://127.0.0.1:4222');
  const redisUrl = checked('redisUrl', redisUrlField(), options.redisUrl ?? 'redis://127.0.0.1:6379');
  const coordinatorPort = intOption(
    'ports.coordinator',
    options.ports?.coordinator ?? DEFAULT_PORT,
    1,
    65535,
  );
  const signerBase = intOption('ports.signer', options.ports?.signer ?? 50100, 1, 65535 - n);
  const keystoreBase = intOption('ports.keystore', options.ports?.keystore ?? 50200, 1, 65535 - n);
  const coordinatorListen = `127.0.0.1:${coordinatorPort}`;

  prepareClusterDir(dir, options.force === true);
  mkdirSync(dir, { recursive: true });
  secretDir(join(dir, 'initiator'));
  mkdirSync(join(dir, 'nodes'), { recursive: true });

  const nodes: InitNodeSummary[] = [];
  for (let k = 0; k < n; k++) {
    const id = `node${k}`;
    const nodeDir = join(dir, 'nodes', id);
    secretDir(nodeDir);
    const identity = newEd25519();
    const files = {
      identityKeyFile: join(nodeDir, 'identity.key'),
      passwordFile: join(nodeDir, 'keystore.password'),
      sharedSecretFile: join(nodeDir, 'keystore.secret'),
      signerConfig: join(nodeDir, 'signer.yaml'),
      keystoreConfig: join(nodeDir, 'keystore.yaml'),
    };
    writeFileAtomic(files.identityKeyFile, `${identity.secretHex}\n`, SECRET_FILE_MODE);
    writeFileAtomic(files.passwordFile, `${randomBytes(32).toString('base64url')}\n`, SECRET_FILE_MODE);
    writeFileAtomic(files.sharedSecretFile, `${randomBytes(32).toString('hex')}\n`, SECRET_FILE_MODE);
    const signerListen = `127.0.0.1:${signerBase + k}`;
    const keystoreAddress = `127.0.0.1:${keystoreBase + k}`;
    writeFileAtomic(
      files.signerConfig,
      signerYaml({
        nodeId: id,
        natsUrl,
        clusterFile: '../../cluster.yaml',
        identityKeyFile: 'identity.key',
        keystoreAddress,
        sharedSecretFile: 'keystore.secret',
        listen: signerListen,
      }),
      PUBLIC_FILE_MODE,
    );
    writeFileAtomic(
      files.keystoreConfig,
      keystoreYaml({
        nodeId: id,
        address: keystoreAddress,
        sharedSecretFile: 'keystore.secret',
        database: DEFAULT_DATABASE,
        passwordFile: 'keystore.password',
      }),
      PUBLIC_FILE_MODE,
    );
    const node = { id, party: k + 1, publicKey: identity.publicHex };
    nodes.push({ ...node, dir: nodeDir, ...files, signerListen, keystoreAddress });
  }

  const initiators: InitInitiatorSummary[] = [];
  for (let i = 0; i < initiatorCount; i++) {
    const keyId = `initiator${i}`;
    const key = newEd25519();
    const secretKeyFile = join(dir, 'initiator', `${keyId}.key`);
    writeFileAtomic(secretKeyFile, `${key.secretHex}\n`, SECRET_FILE_MODE);
    initiators.push({ keyId, scheme: 'ed25519', publicKey: key.publicHex, secretKeyFile });
  }

  const clusterFile = join(dir, 'cluster.yaml');
  const cluster = {
    name,
    profile,
    threshold,
    nodes: nodes.map(({ id, party, publicKey }) => ({ id, party, publicKey })),
    initiators: initiators.map(({ keyId, scheme, publicKey }) => ({ keyId, scheme, publicKey })),
  };
  writeFileAtomic(clusterFile, clusterYaml(cluster), PUBLIC_FILE_MODE);
  loadCluster(clusterFile); // what was written must read back: a template bug fails here, not at start
  const coordinatorConfig = join(dir, 'coordinator.yaml');
  writeFileAtomic(
    coordinatorConfig,
    coordinatorYaml({ listen: coordinatorListen, natsUrl, redisUrl, clusterFile: 'cluster.yaml' }),
    PUBLIC_FILE_MODE,
  );
  return deepFreeze({
    dir,
    clusterFile,
    coordinatorConfig,
    coordinatorListen,
    ...cluster,
    nodes,
    initiators,
  });
}
