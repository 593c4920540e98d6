import { Ed25519PublicKey } from '@mpcium/native-ed25519';
import { SignatureScheme } from '@mpcium/proto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';

/** An initiator key named in the cluster configuration. */
export interface InitiatorKey {
  readonly keyId: string;
  readonly scheme: SignatureScheme;
  /** Ed25519: 32 bytes. P-256: SEC1 point, 33 or 65 bytes. */
  readonly publicKey: Uint8Array;
}

/** Validates a configured key; throws a RangeError naming the key id. */
export function checkInitiatorKey(key: InitiatorKey): InitiatorKey {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(key.keyId))
    throw new RangeError(`initiator key id ${JSON.stringify(key.keyId)} is not valid`);
  try {
    if (key.scheme === SignatureScheme.ED25519) {
      if (key.publicKey.length !== 32) throw new Error('length');
      ed25519.Point.fromBytes(key.publicKey).assertValidity();
    } else if (key.scheme === SignatureScheme.ECDSA_P256_SHA256) {
      p256.Point.fromBytes(key.publicKey).assertValidity();
    } else {
      throw new Error('scheme');
    }
  } catch {
    throw new RangeError(`initiator key ${key.keyId}: not a valid public key for its scheme`);
  }
  return Object.freeze({ ...key, publicKey: Uint8Array.from(key.publicKey) });
}

/** Ed25519 initiator keys imported for OpenSSL, once per configured key. */
const ED25519_KEYS = new WeakMap<InitiatorKey, Ed25519PublicKey>();

/** Verifies `signature` over `message` with the key; never throws. */
export function verifyInitiatorSignature(
  key: InitiatorKey,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    if (key.scheme === SignatureScheme.ED25519) {
      let verifier = ED25519_KEYS.get(key);
      if (!verifier) {
        verifier = new Ed25519PublicKey(key.publicKey);
        ED25519_KEYS.set(key, verifier);
      }
      return verifier.verify(signature, message);
    }
    if (key.scheme === SignatureScheme.ECDSA_P256_SHA256) {
      // WebCrypto and most HSMs produce either s; the intent id, not the signature, is the replay key.
      return signature.length === 64 && p256.verify(signature, message, key.publicKey, { lowS: false });
    }
    return false;
  } catch {
    return false;
  }
}
