/**
 * Turns the plain, frozen cluster configuration into the runtime types other packages take:
 * the transport's PeerDirectory and NodeIdentity, the intent verifier's initiator key map, and
 * the keystore's open options. Each call returns fresh objects with fresh byte arrays.
 */
import { checkInitiatorKey, type InitiatorKey } from '@mpcium/intent';
import type { OpenOptions } from '@mpcium/keystore-sqlite';
import { NodeIdentity, PeerDirectory } from '@mpcium/transport-nats';
import type { PartyIndex } from '@mpcium/tss';
import { type ClusterConfig, type ClusterNode, SCHEME_OF } from './cluster.js';
import type { KeystoreConfig } from './keystore-config.js';
import type { SignerConfig } from './signer-config.js';

export function clusterNode(cluster: ClusterConfig, id: string): ClusterNode | undefined {
  return cluster.nodes.find((node) => node.id === id);
}

/** Every node's identity key by party index, for verifying and encrypting envelopes. */
export function peerDirectory(cluster: ClusterConfig): PeerDirectory {
  const keys = new Map<PartyIndex, Uint8Array>();
  for (const node of cluster.nodes) keys.set(node.party, Buffer.from(node.publicKey, 'hex'));
  return new PeerDirectory(keys);
}

/** The initiator keys by key id, as `verifySignedIntent` takes them. */
export function initiatorKeys(cluster: ClusterConfig): ReadonlyMap<string, InitiatorKey> {
  const keys = new Map<string, InitiatorKey>();
  for (const k of cluster.initiators) {
    const publicKey = Buffer.from(k.publicKey, 'hex');
    keys.set(k.keyId, checkInitiatorKey({ keyId: k.keyId, scheme: SCHEME_OF[k.scheme], publicKey }));
  }
  return keys;
}

/** This signer's identity (its public key was checked against the cluster file at load). */
export function nodeIdentity(config: SignerConfig): NodeIdentity {
  const secretKey = config.identity.secretKey.bytes();
  try {
    return new NodeIdentity(config.node.party, secretKey);
  } finally {
    secretKey.fill(0);
  }
}

/** Options for `SqliteKeyStore.open`; the keystore wipes its copy of the secret. */
export function keystoreOpenOptions(config: KeystoreConfig): OpenOptions {
  const { database: path, unlock } = config.keystore;
  return unlock.source === 'env-data-key'
    ? { path, dataKey: unlock.dataKey.text() }
    : { path, password: unlock.password.bytes() };
}
