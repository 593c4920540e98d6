/**
 * Node identities (ARCHITECTURE.md "Trust model"): every node holds an Ed25519 key; the peers
 * file lists every node's public key. The same key, mapped to X25519 (RFC 7748 birational map,
 * as libsodium's crypto_sign_ed25519_pk_to_curve25519), gives the key that point-to-point
 * payloads are encrypted to, so the peers file needs one key per node.
 */
import { Ed25519PublicKey, Ed25519SecretKey, X25519PublicKey, X25519SecretKey } from '@mpcium/native-ed25519';
import type { PartyIndex } from '@mpcium/tss';
import { ed25519 } from '@noble/curves/ed25519.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

export interface PeerKey {
  readonly party: PartyIndex;
  /** Ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  /** Its X25519 form, 32 bytes. */
  readonly x25519: Uint8Array;
  /** The same keys imported for OpenSSL (envelope verification and key agreement). */
  readonly verifier: Ed25519PublicKey;
  readonly agreement: X25519PublicKey;
}

/** The public keys of every node of a cluster, by party index. */
export class PeerDirectory {
  readonly #peers: ReadonlyMap<PartyIndex, PeerKey>;

  constructor(keys: ReadonlyMap<PartyIndex, Uint8Array>) {
    const peers = new Map<PartyIndex, PeerKey>();
    const seen = new Set<string>();
    for (const [party, publicKey] of keys) {
      if (!Number.isSafeInteger(party) || party < 1) throw new RangeError(`invalid party index ${party}`);
      if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
        throw new RangeError(`party ${party}: Ed25519 public key must be 32 bytes`);
      }
      const hex = Buffer.from(publicKey).toString('hex');
      if (seen.has(hex)) throw new RangeError(`party ${party} reuses another node's identity key`);
      seen.add(hex);
      let x25519: Uint8Array;
      try {
        x25519 = ed25519.utils.toMontgomery(publicKey);
      } catch {
        throw new RangeError(`party ${party}: not a valid Ed25519 public key`);
      }
      peers.set(
        party,
        Object.freeze({
          party,
          publicKey: Uint8Array.from(publicKey),
          x25519,
          verifier: new Ed25519PublicKey(publicKey),
          agreement: new X25519PublicKey(x25519),
        }),
      );
    }
    this.#peers = peers;
    Object.freeze(this);
  }

  get(party: PartyIndex): PeerKey | undefined {
    return this.#peers.get(party);
  }

  has(party: PartyIndex): boolean {
    return this.#peers.has(party);
  }

  get parties(): PartyIndex[] {
    return [...this.#peers.keys()].sort((a, b) => a - b);
  }
}

/** This node's identity: party index and Ed25519 secret key (redacted in every printout). */
export class NodeIdentity {
  readonly party: PartyIndex;
  readonly publicKey: Uint8Array;
  readonly #secretKey: Uint8Array;
  readonly #x25519Secret: Uint8Array;
  readonly #signer: Ed25519SecretKey;
  readonly #agreement: X25519SecretKey;

  constructor(party: PartyIndex, secretKey: Uint8Array) {
    if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) {
      throw new RangeError('Ed25519 secret key must be 32 bytes');
    }
    this.party = party;
    this.#secretKey = Uint8Array.from(secretKey);
    this.publicKey = ed25519.getPublicKey(this.#secretKey);
    this.#x25519Secret = ed25519.utils.toMontgomerySecret(this.#secretKey);
    this.#signer = new Ed25519SecretKey(this.#secretKey);
    this.#agreement = new X25519SecretKey(this.#x25519Secret);
    Object.freeze(this);
  }

  static generate(party: PartyIndex): NodeIdentity {
    return new NodeIdentity(party, ed25519.utils.randomSecretKey());
  }

  sign(message: Uint8Array): Uint8Array {
    return this.#signer.sign(message);
  }

  /** X25519(our secret, peer) for point-to-point payload keys. */
  sharedSecret(peer: PeerKey): Uint8Array {
    return this.#agreement.sharedSecret(peer.agreement);
  }

  /** The X25519 secret for ECDH with peers; callers must not keep or print it. */
  x25519Secret(): Uint8Array {
    return Uint8Array.from(this.#x25519Secret);
  }

  /** The 32-byte secret key, for writing to the keystore only. */
  exportSecretKey(): Uint8Array {
    return Uint8Array.from(this.#secretKey);
  }

  toString(): string {
    return `NodeIdentity(party ${this.party}, secretKey=<redacted>)`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect](): string {
    return this.toString();
  }
}
