/**
 * The YAML text `mpcium init` writes. Every value is written quoted or numeric so YAML never
 * re-types it (an all-digit hex key would otherwise parse as a number), and each file says how
 * to override its fields from the environment.
 */
import type { SecurityProfileName } from '@mpcium/tss';
import type { ClusterInitiator, ClusterNode } from './cluster.js';
import { COORDINATOR_SCHEMA } from './coordinator-config.js';
import type { Field } from './fields.js';
import { SIGNER_SCHEMA } from './signer-config.js';

const q = (value: string): string => JSON.stringify(value);

function dflt<T>(field: Field<T>): T {
  return field.fallback!();
}

const OVERRIDES =
  '# Any field can be overridden by the environment variable MPCIUM_<SECTION>_<FIELD>,\n' +
  '# e.g. nats.url -> MPCIUM_NATS_URL. Relative paths are relative to this file.\n';

export interface ClusterTemplate {
  readonly name: string;
  readonly profile: SecurityProfileName;
  readonly threshold: number;
  readonly nodes: readonly ClusterNode[];
  readonly initiators: readonly ClusterInitiator[];
}

export function clusterYaml(c: ClusterTemplate): string {
  const nodes = c.nodes
    .map((n) => `  - id: ${q(n.id)}\n    party: ${n.party}\n    publicKey: ${q(n.publicKey)}\n`)
    .join('');
  const initiators = c.initiators
    .map((k) => `  - keyId: ${q(k.keyId)}\n    scheme: ${q(k.scheme)}\n    publicKey: ${q(k.publicKey)}\n`)
    .join('');
  return (
    '# mpcium cluster file (the peers file): the same on every node and the coordinator.\n' +
    '# Public keys only. Written by `mpcium init`.\n' +
    `name: ${q(c.name)}\n` +
    `# CGGMP parameters: standard (2048-bit Paillier) or strong (3072-bit and up)\n` +
    `profile: ${q(c.profile)}\n` +
    `# signers required: floor(n/2)+1 <= threshold <= n\n` +
    `threshold: ${c.threshold}\n` +
    `# node ids, party indices and Ed25519 identity public keys\n` +
    `nodes:\n${nodes}` +
    `# keys allowed to sign requests (scheme ed25519 or p256)\n` +
    `initiators:\n${initiators}`
  );
}

export interface CoordinatorTemplate {
  readonly listen: string;
  readonly natsUrl: string;
  readonly redisUrl: string;
  readonly clusterFile: string;
}

export function coordinatorYaml(c: CoordinatorTemplate): string {
  const s = COORDINATOR_SCHEMA;
  return (
    `# mpcium coordinator.\n${OVERRIDES}` +
    `grpc:\n  listen: ${q(c.listen)}\n` +
    `nats:\n  url: ${q(c.natsUrl)}\n` +
    `redis:\n  # or "memory" when everything runs in one process\n  url: ${q(c.redisUrl)}\n` +
    `cluster:\n  file: ${q(c.clusterFile)}\n` +
    'intent:\n' +
    `  maxValidityMs: ${dflt(s.intent.maxValidityMs)}\n` +
    `  maxSkewMs: ${dflt(s.intent.maxSkewMs)}\n` +
    `  maxMessageBytes: ${dflt(s.intent.maxMessageBytes)}\n` +
    'timeouts:\n' +
    `  keygenMs: ${dflt(s.timeouts.keygenMs)}\n` +
    `  signMs: ${dflt(s.timeouts.signMs)}\n` +
    `  reshareMs: ${dflt(s.timeouts.reshareMs)}\n` +
    '# ECDSA presignatures kept ready per wallet (0: presign on demand), and FROST nonces per\n' +
    '# wallet key and node (0: Ed25519 and Taproot sign in two rounds instead of one)\n' +
    `pools:\n  presignatures: ${dflt(s.pools.presignatures)}\n  nonces: ${dflt(s.pools.nonces)}\n` +
    `log:\n  level: ${q(dflt(s.log.level))}\n`
  );
}

export interface SignerTemplate {
  readonly nodeId: string;
  readonly natsUrl: string;
  readonly clusterFile: string;
  readonly identityKeyFile: string;
  readonly keystoreAddress: string;
  readonly sharedSecretFile: string;
  readonly listen: string;
}

export function signerYaml(c: SignerTemplate): string {
  const s = SIGNER_SCHEMA;
  return (
    `# mpcium signer for ${c.nodeId}.\n${OVERRIDES}` +
    `node:\n  id: ${q(c.nodeId)}\n` +
    `nats:\n  url: ${q(c.natsUrl)}\n` +
    `cluster:\n  file: ${q(c.clusterFile)}\n` +
    `identity:\n  keyFile: ${q(c.identityKeyFile)}\n` +
    `keystore:\n  address: ${q(c.keystoreAddress)}\n  sharedSecretFile: ${q(c.sharedSecretFile)}\n` +
    `admin:\n  listen: ${q(c.listen)}\n` +
    '# most ECDSA presignatures and FROST nonces this node holds per wallet key (the coordinator\n' +
    '# decides how many are kept ready)\n' +
    `pools:\n  presignatures: ${dflt(s.pools.presignatures)}\n  nonces: ${dflt(s.pools.nonces)}\n` +
    `sessions:\n  maxConcurrent: ${dflt(s.sessions.maxConcurrent)}\n` +
    `log:\n  level: ${q(dflt(s.log.level))}\n`
  );
}

export interface KeystoreTemplate {
  readonly nodeId: string;
  readonly address: string;
  readonly sharedSecretFile: string;
  readonly database: string;
  readonly passwordFile: string;
}

export function keystoreYaml(c: KeystoreTemplate): string {
  return (
    `# mpcium keystore for ${c.nodeId}.\n${OVERRIDES}` +
    '# The password can also come from MPCIUM_KEYSTORE_PASSWORD, or a data key from\n' +
    '# MPCIUM_KEYSTORE_DATA_KEY (base64), or be asked for with `prompt: true`.\n' +
    `node:\n  id: ${q(c.nodeId)}\n` +
    'keystore:\n' +
    `  address: ${q(c.address)}\n` +
    `  sharedSecretFile: ${q(c.sharedSecretFile)}\n` +
    `  database: ${q(c.database)}\n` +
    `  passwordFile: ${q(c.passwordFile)}\n` +
    `log:\n  level: "info"\n`
  );
}
