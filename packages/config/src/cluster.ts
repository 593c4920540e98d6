/**
 * The cluster file (the peers file of the original mpcium, ARCHITECTURE.md "Trust model"): the
 * cluster's name, CGGMP security profile (CRYPTO.md "Parameters"), threshold, every node's id,
 * party index and Ed25519 identity key, and the initiator keys allowed to sign requests. Every
 * node and the coordinator read the same file; it holds no secrets. It has no environment
 * overrides: all nodes must agree on it byte for byte.
 */
import { checkInitiatorKey } from '@mpcium/intent';
import { SignatureScheme } from '@mpcium/proto';
import type { PartyIndex, SecurityProfileName } from '@mpcium/tss';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ConfigError, gotValue as got } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import { NODE_ID } from './fields.js';
import { isMapping } from './schema.js';
import { readYamlFile } from './yaml-source.js';

export const SECURITY_PROFILES: readonly SecurityProfileName[] = ['standard', 'strong'];
export const INITIATOR_SCHEMES = ['ed25519', 'p256'] as const;
export type InitiatorSchemeName = (typeof INITIATOR_SCHEMES)[number];

export const SCHEME_OF: Readonly<Record<InitiatorSchemeName, SignatureScheme>> = {
  ed25519: SignatureScheme.ED25519,
  p256: SignatureScheme.ECDSA_P256_SHA256,
};

export interface ClusterNode {
  readonly id: string;
  readonly party: PartyIndex;
  /** Ed25519 identity public key, 64 lowercase hex characters. */
  readonly publicKey: string;
}

export interface ClusterInitiator {
  readonly keyId: string;
  readonly scheme: InitiatorSchemeName;
  /** Ed25519: 32 bytes; P-256: SEC1 point of 33 or 65 bytes; lowercase hex. */
  readonly publicKey: string;
}

export interface ClusterConfig {
  /** Absolute path of the cluster file. */
  readonly file: string;
  readonly name: string;
  readonly profile: SecurityProfileName;
  /** Signers required: floor(n/2)+1 <= threshold <= n (ARCHITECTURE.md "Protocols"). */
  readonly threshold: number;
  readonly nodes: readonly ClusterNode[];
  readonly initiators: readonly ClusterInitiator[];
}

const FIELDS = ['name', 'profile', 'threshold', 'nodes', 'initiators'];
const NODE_FIELDS = ['id', 'party', 'publicKey'];
const INITIATOR_FIELDS = ['keyId', 'scheme', 'publicKey'];
export const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const KEY_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const MAX_NODES = 255;
const MAX_PARTY = 65535;

/** Smallest threshold allowed for n nodes: a majority. */
export function minThreshold(n: number): number {
  return Math.floor(n / 2) + 1;
}

function onlyFields(file: string, path: string, value: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new ConfigError(
        file,
        path ? `${path}.${key}` : key,
        `one of ${allowed.join(', ')}`,
        'unknown field',
      );
  }
}

function listAt(file: string, data: Record<string, unknown>, key: string, what: string): unknown[] {
  const value = data[key];
  if (!Array.isArray(value) || value.length === 0)
    throw new ConfigError(file, key, `a non-empty list of ${what}`, got(value));
  return value;
}

function textAt(file: string, path: string, value: unknown, pattern: RegExp, expected: string): string {
  if (typeof value !== 'string' || !pattern.test(value))
    throw new ConfigError(file, path, expected, got(value));
  return value;
}

function ed25519PublicKey(file: string, path: string, value: unknown): string {
  const expected = '64 hex characters (an Ed25519 public key)';
  const hex = textAt(file, path, value, /^[0-9a-fA-F]{64}$/, expected).toLowerCase();
  try {
    const point = ed25519.Point.fromBytes(Buffer.from(hex, 'hex'));
    point.assertValidity();
    if (point.isSmallOrder()) throw new Error('small order');
  } catch {
    throw new ConfigError(file, path, expected, 'not a valid curve point of full order');
  }
  return hex;
}

function parseNode(file: string, path: string, raw: unknown): ClusterNode {
  if (!isMapping(raw)) throw new ConfigError(file, path, 'a mapping with id, party, publicKey', got(raw));
  onlyFields(file, path, raw, NODE_FIELDS);
  const id = textAt(file, `${path}.id`, raw.id, NODE_ID, 'a node id like node0');
  const party = raw.party;
  if (typeof party !== 'number' || !Number.isSafeInteger(party) || party < 1 || party > MAX_PARTY)
    throw new ConfigError(file, `${path}.party`, `a party index from 1 to ${MAX_PARTY}`, got(party));
  return { id, party, publicKey: ed25519PublicKey(file, `${path}.publicKey`, raw.publicKey) };
}

function parseInitiator(file: string, path: string, raw: unknown): ClusterInitiator {
  if (!isMapping(raw)) throw new ConfigError(file, path, 'a mapping with keyId, scheme, publicKey', got(raw));
  onlyFields(file, path, raw, INITIATOR_FIELDS);
  const keyId = textAt(
    file,
    `${path}.keyId`,
    raw.keyId,
    KEY_ID,
    'a key id of 1-64 characters [A-Za-z0-9._:-]',
  );
  const scheme = raw.scheme;
  if (typeof scheme !== 'string' || !(INITIATOR_SCHEMES as readonly string[]).includes(scheme))
    throw new ConfigError(file, `${path}.scheme`, `one of ${INITIATOR_SCHEMES.join(', ')}`, got(scheme));
  const s = scheme as InitiatorSchemeName;
  const expected =
    s === 'ed25519'
      ? '64 hex characters (an Ed25519 public key)'
      : 'hex of a SEC1 P-256 point (66 or 130 hex characters)';
  const hex = textAt(file, `${path}.publicKey`, raw.publicKey, HEX, expected).toLowerCase();
  try {
    checkInitiatorKey({ keyId, scheme: SCHEME_OF[s], publicKey: Buffer.from(hex, 'hex') });
  } catch {
    throw new ConfigError(file, `${path}.publicKey`, expected, 'not a valid public key');
  }
  return { keyId, scheme: s, publicKey: hex };
}

function unique<T>(
  file: string,
  items: readonly T[],
  list: string,
  field: keyof T & string,
  what: string,
): void {
  const seen = new Map<unknown, number>();
  items.forEach((item, i) => {
    const before = seen.get(item[field]);
    if (before !== undefined)
      throw new ConfigError(
        file,
        `${list}[${i}].${field}`,
        `${what} not used twice`,
        `same as ${list}[${before}]`,
      );
    seen.set(item[field], i);
  });
}

/** Validates parsed cluster-file data; `file` names it in errors and is kept as given. */
export function parseCluster(data: unknown, file: string): ClusterConfig {
  if (!isMapping(data)) throw new ConfigError(file, '(document)', 'a mapping at the top level');
  onlyFields(file, '', data, FIELDS);
  const name = textAt(
    file,
    'name',
    data.name,
    CLUSTER_NAME,
    'a cluster name of 1-64 characters [A-Za-z0-9._-]',
  );
  const profile = data.profile;
  if (typeof profile !== 'string' || !(SECURITY_PROFILES as readonly string[]).includes(profile))
    throw new ConfigError(file, 'profile', `one of ${SECURITY_PROFILES.join(', ')}`, got(profile));

  const rawNodes = listAt(file, data, 'nodes', 'nodes');
  if (rawNodes.length < 2 || rawNodes.length > MAX_NODES)
    throw new ConfigError(file, 'nodes', `from 2 to ${MAX_NODES} nodes`, `got ${rawNodes.length}`);
  const nodes = rawNodes.map((raw, i) => parseNode(file, `nodes[${i}]`, raw));
  unique(file, nodes, 'nodes', 'id', 'a node id');
  unique(file, nodes, 'nodes', 'party', 'a party index');
  unique(file, nodes, 'nodes', 'publicKey', 'an identity key');

  const n = nodes.length;
  const t = data.threshold;
  const range = `an integer with floor(n/2)+1 <= threshold <= n, here ${minThreshold(n)} to ${n}`;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < minThreshold(n) || t > n)
    throw new ConfigError(file, 'threshold', range, got(t));

  const initiators = listAt(file, data, 'initiators', 'initiator keys').map((raw, i) =>
    parseInitiator(file, `initiators[${i}]`, raw),
  );
  unique(file, initiators, 'initiators', 'keyId', 'a key id');
  unique(file, initiators, 'initiators', 'publicKey', 'a public key');

  return deepFreeze({ file, name, profile: profile as SecurityProfileName, threshold: t, nodes, initiators });
}

/** Reads and validates a cluster file; the result's `file` is its absolute path. */
export function loadCluster(file: string, displayName: string = file): ClusterConfig {
  const source = readYamlFile(file);
  const cluster = parseCluster(source.data, displayName);
  return deepFreeze({ ...cluster, file: source.path });
}
