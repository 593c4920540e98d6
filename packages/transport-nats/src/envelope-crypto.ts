/**
 * Signing and encryption of peer envelopes (ARCHITECTURE.md "Trust model and messages"): every
 * envelope is signed by its sender's Ed25519 identity over a canonical, length-prefixed encoding
 * of the header, payload and echo; point-to-point payloads are first encrypted to the recipient
 * with XChaCha20-Poly1305 under a key from X25519(sender, recipient) and HKDF bound to the
 * session and direction, with the header as associated data. Receivers check the signature
 * before anything else and drop what fails.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { BroadcastEchoSchema, type PeerEnvelope, PeerEnvelopeSchema } from '@mpcium/proto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { NodeIdentity, PeerDirectory, PeerKey } from './identity.js';

const SIGN_TAG = utf8ToBytes('mpcium.peer.envelope.v1');
const KEY_INFO = utf8ToBytes('mpcium.peer.p2p.v1');
const NONCE_BYTES = 24;

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function field(bytes: Uint8Array): Uint8Array {
  return concatBytes(u32(bytes.length), bytes);
}

/** The header every signature and AEAD covers: session, protocol, round, from, to. */
function header(env: PeerEnvelope): Uint8Array {
  return concatBytes(
    field(env.sessionId),
    field(utf8ToBytes(env.protocol)),
    u32(env.round),
    u32(env.from),
    u32(env.to),
  );
}

function signingBytes(env: PeerEnvelope): Uint8Array {
  const echo = env.echo ? toBinary(BroadcastEchoSchema, env.echo) : new Uint8Array();
  return concatBytes(SIGN_TAG, header(env), field(env.payload), field(echo));
}

function p2pKey(identity: NodeIdentity, peer: PeerKey, env: PeerEnvelope): Uint8Array {
  const shared = identity.sharedSecret(peer);
  // Direction-bound: the key for from->to differs from to->from.
  const info = concatBytes(KEY_INFO, u32(env.from), u32(env.to));
  const key = hkdf(sha256, shared, env.sessionId, info, 32);
  shared.fill(0);
  return key;
}

/** Encrypts a p2p payload to its recipient and signs the envelope. */
export function sealEnvelope(bytes: Uint8Array, identity: NodeIdentity, peers: PeerDirectory): Uint8Array {
  const env = fromBinary(PeerEnvelopeSchema, bytes);
  if (env.from !== identity.party)
    throw new Error(`envelope from ${env.from} is not ours (${identity.party})`);
  let payload = env.payload;
  if (env.to !== 0) {
    const peer = peers.get(env.to);
    if (!peer) throw new Error(`no identity key for party ${env.to}`);
    const key = p2pKey(identity, peer, env);
    const nonce = randomBytes(NONCE_BYTES);
    payload = concatBytes(nonce, xchacha20poly1305(key, nonce, header(env)).encrypt(env.payload));
    key.fill(0);
  }
  const sealed = create(PeerEnvelopeSchema, { ...env, payload, signature: new Uint8Array() });
  sealed.signature = identity.sign(signingBytes(sealed));
  return toBinary(PeerEnvelopeSchema, sealed);
}

export type OpenResult =
  | { readonly ok: true; readonly envelope: Uint8Array }
  | {
      readonly ok: false;
      readonly reason: 'own' | 'malformed' | 'unknown-sender' | 'bad-signature' | 'undecryptable';
    };

/** Verifies the sender's signature and decrypts a p2p payload addressed to us. */
export function openEnvelope(bytes: Uint8Array, identity: NodeIdentity, peers: PeerDirectory): OpenResult {
  let env: PeerEnvelope;
  try {
    env = fromBinary(PeerEnvelopeSchema, bytes);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // Our own broadcasts come back on the broadcast subject.
  if (env.from === identity.party) return { ok: false, reason: 'own' };
  const sender = peers.get(env.from);
  if (!sender) return { ok: false, reason: 'unknown-sender' };
  let valid = false;
  try {
    valid = env.signature.length === 64 && sender.verifier.verify(env.signature, signingBytes(env));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad-signature' };
  let payload = env.payload;
  if (env.to !== 0) {
    // Not for us: the session driver drops it as misrouted; we cannot decrypt it anyway.
    if (env.to !== identity.party) return { ok: true, envelope: bytes };
    if (payload.length < NONCE_BYTES + 16) return { ok: false, reason: 'undecryptable' };
    const key = p2pKey(identity, sender, env);
    try {
      payload = xchacha20poly1305(key, payload.subarray(0, NONCE_BYTES), header(env)).decrypt(
        payload.subarray(NONCE_BYTES),
      );
    } catch {
      return { ok: false, reason: 'undecryptable' };
    } finally {
      key.fill(0);
    }
  }
  return {
    ok: true,
    envelope: toBinary(PeerEnvelopeSchema, create(PeerEnvelopeSchema, { ...env, payload })),
  };
}
