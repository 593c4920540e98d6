/**
 * Per session kind: what the node loads before joining, the protocol's first step, and what it
 * stores when the session succeeds. A presignature for signing is taken out of the keystore's
 * pool here, atomically, so it is consumed before any share made with it can leave the node.
 */
import type { VerifiedIntent } from '@mpcium/intent';
import type { KeyStore } from '@mpcium/keystore-sqlite';
import type { KeyType } from '@mpcium/proto';
import { SessionKind, type SessionProposal } from '@mpcium/proto';
import {
  AUX_INFO_PROTOCOL,
  type AuxInfo,
  ECDSA_KEYGEN_PROTOCOL,
  ECDSA_PRESIGN_PROTOCOL,
  ECDSA_SIGN_PROTOCOL,
  type EcdsaKeyShare,
  type EcdsaSignature,
  encodeAuxInfo,
  encodeEcdsaKeyShare,
  encodeFrostKeyShare,
  encodeFrostNonce,
  encodePresignature,
  type FrostCommitment,
  type FrostKeyShare,
  frostDkgProtocol,
  frostPrecommittedSignProtocol,
  frostSignProtocol,
  generateFrostNonce,
  type PartyIndex,
  type Presignature,
  parseAuxInfo,
  parseEcdsaKeyShare,
  parseFrostKeyShare,
  parseFrostNonce,
  parsePresignature,
  type Rng,
  type Step,
  startAuxInfo,
  startEcdsaKeygen,
  startEcdsaSign,
  startFrostDkg,
  startFrostSign,
  startFrostSignPrecommitted,
  startPresign,
} from '@mpcium/tss';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Refusal } from './authorize.js';
import { frostSuite, type StoredKeyType, storedKeyType } from './key-types.js';
import type { SignerNodeOptions } from './signer-node.js';

/** Every wallet key starts at share version 1; refresh and reshare write new versions. */
export const FIRST_VERSION = 1;

/** Presignatures a node keeps per wallet at most, unless configured otherwise. */
export const DEFAULT_MAX_POOLED = 16;

/** The outcome fields a session's result fills in. */
export interface OutcomeFields {
  readonly ok?: boolean;
  readonly publicKey?: Uint8Array;
  readonly signature?: Uint8Array;
  readonly recoveryId?: number;
  readonly errorKind?: string;
  readonly error?: string;
  readonly culprits?: number[];
}

export interface PreparedSession {
  readonly protocol: string;
  readonly participants: readonly PartyIndex[];
  readonly start: (rng: Rng) => Step<unknown>;
  readonly store: (output: unknown) => Promise<OutcomeFields>;
  /** The signing intent this session spends, if any. */
  readonly intentId?: string;
}

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function prepareSession(
  p: SessionProposal,
  participants: readonly PartyIndex[],
  intent: VerifiedIntent | undefined,
  o: SignerNodeOptions,
): Promise<PreparedSession> {
  const ks = o.keystore;
  const self = o.cluster.self;
  const sessionId = p.sessionId;
  switch (p.kind) {
    case SessionKind.AUX_INFO: {
      if (await ks.getAuxInfo(o.cluster.auxSetId)) throw new Refusal('aux info already exists');
      if (!o.primes) throw new Refusal('this node has no prime source');
      const pr = await o.primes.take();
      let q = await o.primes.take();
      while (q === pr) q = await o.primes.take();
      return {
        protocol: AUX_INFO_PROTOCOL,
        participants,
        start: (rng) =>
          startAuxInfo(
            { profile: o.cluster.profile, self, parties: participants, primes: { p: pr, q }, sessionId },
            rng,
          ),
        store: async (out) => {
          await ks.putAuxInfo(o.cluster.auxSetId, encodeAuxInfo(out as AuxInfo));
          return {};
        },
      };
    }
    case SessionKind.ECDSA_KEYGEN: {
      await refuseExisting(ks, p);
      return {
        protocol: ECDSA_KEYGEN_PROTOCOL,
        participants,
        start: (rng) =>
          startEcdsaKeygen({ self, parties: participants, threshold: o.cluster.threshold, sessionId }, rng),
        store: async (out) => {
          const share = out as EcdsaKeyShare;
          await ks.putShare(p.walletId, 'ecdsa-secp256k1', FIRST_VERSION, encodeEcdsaKeyShare(share));
          return { publicKey: share.publicKey };
        },
      };
    }
    case SessionKind.FROST_KEYGEN: {
      const suite = frostSuite(p.keyType);
      await refuseExisting(ks, p);
      return {
        protocol: frostDkgProtocol(suite),
        participants,
        start: (rng) =>
          startFrostDkg({ suite, self, parties: participants, threshold: o.cluster.threshold }, rng),
        store: async (out) => {
          const share = out as FrostKeyShare;
          await ks.putShare(p.walletId, storedKeyType(p.keyType), FIRST_VERSION, encodeFrostKeyShare(share));
          return { publicKey: share.publicKey };
        },
      };
    }
    case SessionKind.ECDSA_PRESIGN: {
      if (!ID.test(p.presignatureId)) throw new Refusal('invalid presignature id');
      const share = await loadEcdsa(ks, p.walletId);
      // At the cap, the oldest presignature is destroyed to make room: one a coordinator forgot
      // (it restarted) must not block presigning for the wallet for ever.
      await evictOldest(ks, 'presignature', p.walletId, 'ecdsa-secp256k1', o.maxPooledPresignatures);
      const auxBytes = await ks.getAuxInfo(o.cluster.auxSetId);
      if (!auxBytes) throw new Refusal('aux info missing: run aux-info generation first');
      const aux = parseAuxInfo(auxBytes);
      const keyId = new TextEncoder().encode(p.walletId);
      return {
        protocol: ECDSA_PRESIGN_PROTOCOL,
        participants,
        start: (rng) =>
          startPresign(
            { share, aux, signers: participants, sessionId, keyId, keyVersion: FIRST_VERSION },
            rng,
          ),
        store: async (out) => {
          const item = { id: p.presignatureId, bytes: encodePresignature(out as Presignature) };
          await ks.addPooled('presignature', p.walletId, 'ecdsa-secp256k1', FIRST_VERSION, [item]);
          return {};
        },
      };
    }
    case SessionKind.ECDSA_SIGN: {
      const message = signMessage(intent);
      const share = await loadEcdsa(ks, p.walletId);
      if (!ID.test(p.presignatureId)) throw new Refusal('invalid presignature id');
      const item = await ks.takePooled(
        'presignature',
        p.walletId,
        'ecdsa-secp256k1',
        FIRST_VERSION,
        p.presignatureId,
      );
      if (!item) throw new Refusal('no such presignature on this node');
      const presignature = parsePresignature(item.bytes);
      return {
        protocol: ECDSA_SIGN_PROTOCOL,
        participants,
        intentId: intent!.intent.id,
        start: (rng) =>
          startEcdsaSign(
            {
              share,
              presignature,
              signers: participants,
              digest: message,
              keyId: new TextEncoder().encode(p.walletId),
              keyVersion: FIRST_VERSION,
            },
            rng,
          ),
        store: async (out) => {
          const sig = out as EcdsaSignature;
          return { signature: Uint8Array.from([...sig.r, ...sig.s]), recoveryId: sig.recovery };
        },
      };
    }
    case SessionKind.FROST_SIGN: {
      const message = signMessage(intent);
      const suite = frostSuite(p.keyType);
      const record = await ks.getShare(p.walletId, storedKeyType(p.keyType));
      if (!record) throw new Refusal('unknown wallet or key type');
      const share = parseFrostKeyShare(record.bytes);
      const base = { participants, intentId: intent!.intent.id };
      const store = async (out: unknown) => ({ signature: out as Uint8Array });
      if (p.frostCommitments.length === 0)
        return {
          ...base,
          protocol: frostSignProtocol(suite),
          start: (rng) => startFrostSign({ share, signers: participants, message }, rng),
          store,
        };
      // One round: our nonce for the commitment the coordinator assigned us leaves the pool now.
      const own = p.frostCommitments.find((c) => c.party === self);
      if (!own) throw new Refusal('no nonce commitment of ours in the proposal');
      const item = await ks.takePooled(
        'frost-nonce',
        p.walletId,
        storedKeyType(p.keyType),
        FIRST_VERSION,
        frostNonceId(own),
      );
      if (!item) throw new Refusal('no such nonce on this node');
      const nonce = parseFrostNonce(item.bytes, share);
      const commitments = p.frostCommitments.map((c) => ({
        party: c.party,
        hiding: c.hiding,
        binding: c.binding,
      }));
      return {
        ...base,
        protocol: frostPrecommittedSignProtocol(suite),
        start: (rng) =>
          startFrostSignPrecommitted({ share, signers: participants, message, commitments, nonce }, rng),
        store,
      };
    }
    default:
      throw new Refusal('unknown session kind');
  }
}

/** Destroys the oldest items of a pool until it holds fewer than `cap`. */
async function evictOldest(
  ks: KeyStore,
  kind: 'presignature' | 'frost-nonce',
  walletId: string,
  keyType: StoredKeyType,
  cap = DEFAULT_MAX_POOLED,
): Promise<void> {
  let have = await ks.countPooled(kind, walletId, keyType, FIRST_VERSION);
  while (have >= Math.max(1, cap) && (await ks.takePooled(kind, walletId, keyType, FIRST_VERSION))) have--;
}

/** A pooled nonce's keystore id: a digest of its public commitment. */
export function frostNonceId(c: { party: number; hiding: Uint8Array; binding: Uint8Array }): string {
  const party = new Uint8Array(4);
  new DataView(party.buffer).setUint32(0, c.party);
  return `n.${bytesToHex(sha256(new Uint8Array([...party, ...c.hiding, ...c.binding])))}`;
}

/**
 * Adds up to `count` FROST nonces to this node's pool for one wallet key, keeping the pool at
 * most `max`, and returns their commitments. The secret halves go to the keystore only.
 */
export async function commitNonces(
  ks: KeyStore,
  walletId: string,
  keyType: KeyType,
  count: number,
  max: number,
  rng: Rng,
): Promise<FrostCommitment[]> {
  if (!ID.test(walletId)) throw new Refusal('invalid wallet id');
  const stored = storedKeyType(keyType);
  const record = await ks.getShare(walletId, stored);
  if (!record) throw new Refusal('unknown wallet or key type');
  const share = parseFrostKeyShare(record.bytes);
  const n = Math.max(0, Math.min(count, max, MAX_NONCES_PER_REQUEST));
  // Room for the new ones: the oldest go first (a restarted coordinator forgot them).
  await evictOldest(ks, 'frost-nonce', walletId, stored, max - n + 1);
  const commitments: FrostCommitment[] = [];
  const items = [];
  for (let k = 0; k < n; k++) {
    const nonce = generateFrostNonce(share, rng);
    commitments.push(nonce.commitment);
    items.push({ id: frostNonceId(nonce.commitment), bytes: encodeFrostNonce(nonce) });
  }
  if (items.length > 0) await ks.addPooled('frost-nonce', walletId, stored, FIRST_VERSION, items);
  return commitments;
}

/** Most nonces one request adds (each is a keystore record). */
const MAX_NONCES_PER_REQUEST = 64;

/** The public key of a wallet key this node holds, for a keygen kind; undefined when absent. */
export async function storedPublicKey(
  ks: KeyStore,
  kind: SessionKind,
  walletId: string,
  keyType: KeyType,
): Promise<Uint8Array | undefined> {
  if (!ID.test(walletId)) throw new Refusal('invalid wallet id');
  if (kind === SessionKind.ECDSA_KEYGEN) {
    const record = await ks.getShare(walletId, 'ecdsa-secp256k1');
    return record ? parseEcdsaKeyShare(record.bytes).publicKey : undefined;
  }
  if (kind !== SessionKind.FROST_KEYGEN) throw new Refusal('recall needs a signing or key generation kind');
  const record = await ks.getShare(walletId, storedKeyType(keyType));
  return record ? parseFrostKeyShare(record.bytes).publicKey : undefined;
}

async function refuseExisting(ks: KeyStore, p: SessionProposal): Promise<void> {
  if (!ID.test(p.walletId)) throw new Refusal('invalid wallet id');
  const keyType = p.kind === SessionKind.ECDSA_KEYGEN ? 'ecdsa-secp256k1' : storedKeyType(p.keyType);
  if (await ks.getShare(p.walletId, keyType)) throw new Refusal('this wallet already has that key');
}

async function loadEcdsa(ks: KeyStore, walletId: string): Promise<EcdsaKeyShare> {
  const record = await ks.getShare(walletId, 'ecdsa-secp256k1');
  if (!record) throw new Refusal('unknown wallet');
  return parseEcdsaKeyShare(record.bytes);
}

function signMessage(intent: VerifiedIntent | undefined): Uint8Array {
  const action = intent?.intent.action;
  if (action?.case !== 'sign') throw new Refusal('signing needs a sign intent');
  return action.value.message;
}
