/**
 * Domain-separated digests of ECDSA presigning (STYLE.md rule 6; CRYPTO.md "Fiat-Shamir": every
 * field typed by position and length-prefixed, so two different inputs never hash alike): the
 * key fingerprint that binds a presignature to one key version, and the helpers that the session
 * context and the presignature id are built from.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PartyIndex } from '../engine/index.js';
import { bigintToBytes, byteLength } from '../math/bytes.js';
import { EcdsaKeyShare } from './key-share.js';

/** 4-byte big-endian encoding of an unsigned 32-bit integer. */
export function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a u32: ${n}`);
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** Minimal big-endian bytes of a non-negative integer (public values only). */
export function natural(x: bigint): Uint8Array {
  return bigintToBytes(x, byteLength(x));
}

/** The parties as one field: count, then each index. */
export function partyList(parties: readonly PartyIndex[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * parties.length);
  out.set(u32(parties.length), 0);
  for (const [k, p] of parties.entries()) out.set(u32(p), 4 + 4 * k);
  return out;
}

/** SHA-256 over u32-length-prefixed tag and fields. */
export function taggedDigest(tag: string, fields: readonly Uint8Array[]): Uint8Array {
  const parts = [utf8ToBytes(tag), ...fields];
  const total = parts.reduce((n, f) => n + 4 + f.length, 0);
  const buf = new Uint8Array(total);
  let off = 0;
  for (const f of parts) {
    buf.set(u32(f.length), off);
    buf.set(f, off + 4);
    off += 4 + f.length;
  }
  return sha256(buf);
}

const FINGERPRINT_TAG = 'mpcium.ecdsa.key-fingerprint.v1';

/**
 * Digest of a key version's public data: X, the threshold and every participant's X_j. A
 * refresh keeps X but changes every X_j, so a presignature made before it is refused after it.
 */
export function ecdsaKeyFingerprint(share: EcdsaKeyShare): Uint8Array {
  if (!(share instanceof EcdsaKeyShare)) throw new TypeError('share must be a validated EcdsaKeyShare');
  const fields = [share.publicKey, u32(share.threshold), partyList(share.parties)];
  for (const p of share.parties) fields.push(share.publicShare(p).toBytes(true));
  return taggedDigest(FINGERPRINT_TAG, fields);
}
