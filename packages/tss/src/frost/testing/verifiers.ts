/**
 * Independent signature verifiers for tests (CRYPTO.md, "Independent verification"): OpenSSL's
 * Ed25519 through `node:crypto`, and BIP-340 through libsecp256k1 (tiny-secp256k1, WASM). Neither
 * shares code with `@noble/curves`. Test-only: production tss code must not import node: modules.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import * as ecc from 'tiny-secp256k1';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** RFC 8032 Ed25519 verification by OpenSSL. */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const toBig = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
const to32 = (n: bigint): Uint8Array => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

function taggedHash(tag: string, ...parts: Uint8Array[]): Uint8Array {
  const t = createHash('sha256').update(tag).digest();
  const h = createHash('sha256').update(t).update(t);
  for (const p of parts) h.update(p);
  return h.digest();
}

/**
 * BIP-340 `Verify(pk, m, sig)` for messages of any length, written from the BIP's steps with
 * libsecp256k1 point arithmetic and OpenSSL SHA-256.
 */
export function verifyBip340Generic(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  // P = lift_x(int(pk)); fails if the x-coordinate is not on the curve or >= p.
  if (!ecc.isXOnlyPoint(publicKey)) return false;
  const Pc = Buffer.concat([Buffer.of(0x02), publicKey]);
  const r = toBig(signature.subarray(0, 32));
  const s = toBig(signature.subarray(32));
  if (r >= P || s >= N) return false;
  const e = toBig(taggedHash('BIP0340/challenge', signature.subarray(0, 32), publicKey, message)) % N;
  // R = s*G - e*P, computed as s*G + (n-e)*P with the identity handled explicitly.
  const sG = s === 0n ? null : ecc.pointFromScalar(to32(s), true);
  const minusEP = e === 0n ? null : ecc.pointMultiply(Pc, to32(N - e), true);
  const R = sG && minusEP ? ecc.pointAdd(sG, minusEP, true) : (sG ?? minusEP);
  if (!R) return false; // infinity
  if (R[0] !== 0x02) return false; // odd y
  return toBig(R.subarray(1)) === r;
}

/** BIP-340 verification: libsecp256k1's own verifier for 32-byte messages, the generic one otherwise. */
export function verifyBip340(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (message.length !== 32) return verifyBip340Generic(signature, message, publicKey);
  try {
    return ecc.verifySchnorr(message, publicKey, signature);
  } catch {
    return false;
  }
}
