/**
 * FROST ciphersuites (RFC 9591 section 6) as thin, frozen descriptions around `@noble/curves`:
 * FROST(Ed25519, SHA-512) (section 6.1) and FROST(secp256k1, SHA-256) with the BIP-340/Taproot
 * adjustments of frost-secp256k1-tr. Every byte string that names a group element or scalar
 * is parsed here, strictly, before any other code sees it.
 */
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { FrostSuite as FrostSuiteProto } from '@mpcium/proto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { schnorr, schnorr_FROST, secp256k1, secp256k1_hasher } from '@noble/curves/secp256k1.js';
import { bytesToNumberLE, concatBytes, equalBytes } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PartyIndex } from '../engine/index.js';
import { ed25519Frost as ed25519_FROST, MemoPoint, noteOwnSubgroupElement } from './ed25519-frost.js';

/** The group-element operations FROST needs; both noble point classes provide them. */
export interface GroupElement {
  add(other: GroupElement): GroupElement;
  subtract(other: GroupElement): GroupElement;
  multiply(scalar: bigint): GroupElement;
  multiplyUnsafe(scalar: bigint): GroupElement;
  equals(other: GroupElement): boolean;
  is0(): boolean;
  toBytes(): Uint8Array;
}

/** The noble FROST API (both suites share the same shape). */
export type NobleFrost = typeof ed25519_FROST;

export type FrostSuiteName = 'ed25519' | 'secp256k1-tr';

export interface FrostSuite {
  readonly name: FrostSuiteName;
  /** Protocol-name prefix used in round and message names. */
  readonly protocol: 'frost-ed25519' | 'frost-taproot';
  readonly proto: FrostSuiteProto;
  readonly frost: NobleFrost;
  /** Length of SerializeElement output (RFC 9591 section 3.1). */
  readonly elementLength: number;
  /** Length of SerializeScalar output. */
  readonly scalarLength: 32;
  /** Length of a final signature and of a DKG proof of knowledge. */
  readonly signatureLength: 64;
  /** Length of the public key in the chain's own format. */
  readonly publicKeyLength: 32;
  readonly order: bigint;
  readonly base: GroupElement;
  /** RFC 9591 section 3.1 DeserializeElement: canonical, on-curve, prime-order, not the identity. */
  decodeElement(bytes: Uint8Array, what: string): GroupElement;
  /** RFC 9591 section 3.1 DeserializeScalar: exactly `scalarLength` bytes, canonical, below the order. */
  decodeScalar(bytes: Uint8Array, what: string): bigint;
  encodeScalar(scalar: bigint): Uint8Array;
  /** Splits an (R, z) signature or proof into a validated commitment and response. */
  decodeSignature(bytes: Uint8Array, what: string): { readonly R: GroupElement; readonly z: bigint };
  /** The group public key in the chain's format, from a serialized group element. */
  publicKey(groupElement: Uint8Array): Uint8Array;
  /** Strict final verification: RFC 8032 without ZIP-215 leniency, or BIP-340. Never throws. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** Marks an element we derived from the base point ourselves as known-valid (a parse cache hint). */
  noteOwnElement(bytes: Uint8Array): void;
  /** HDKG of RFC 9591 appendix C / frost-rs, exactly as noble's ProofOfKnowledge.challenge. */
  dkgChallenge(identifier: bigint, phi: GroupElement, R: GroupElement): bigint;
}

function malformed(what: string, why: string): never {
  throw new TypeError(`${what}: ${why}`);
}

function checkLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array)) malformed(what, 'expected bytes');
  if (bytes.length !== length) malformed(what, `expected ${length} bytes, got ${bytes.length}`);
}

function scalarCodec(frost: NobleFrost) {
  const Fn = frost.utils.Fn;
  return {
    decodeScalar(bytes: Uint8Array, what: string): bigint {
      checkLength(bytes, 32, what);
      let s: bigint;
      try {
        s = Fn.fromBytes(bytes);
      } catch {
        return malformed(what, 'scalar not below the group order');
      }
      if (!equalBytes(Fn.toBytes(s), bytes)) malformed(what, 'non-canonical scalar');
      return s;
    },
    encodeScalar: (s: bigint): Uint8Array => Fn.toBytes(s),
  };
}

const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Strict RFC 8032 verification by OpenSSL (S < L, canonical encodings, cofactorless), about 30
 * times faster than the pure-JS check; `suite.test.ts` checks it agrees with noble's
 * `zip215: false` on valid, altered and malleated signatures.
 */
function opensslVerify(sig: Uint8Array, msg: Uint8Array, pk: Uint8Array): boolean {
  if (sig.length !== 64 || pk.length !== 32) return false;
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI, pk]), format: 'der', type: 'spki' });
  return cryptoVerify(null, msg, key, sig);
}

const safeVerify = (f: () => boolean): boolean => {
  try {
    return f();
  } catch {
    return false;
  }
};

const ED25519_SCALARS = scalarCodec(ed25519_FROST);
const TAPROOT_SCALARS = scalarCodec(schnorr_FROST);

const ED25519_DKG_TAG = utf8ToBytes('FROST-ED25519-SHA512-v1dkg');
const TAPROOT_DKG_TAG = utf8ToBytes('FROST-secp256k1-SHA256-TR-v1dkg');

function decodeEd25519Element(bytes: Uint8Array, what: string): GroupElement {
  checkLength(bytes, 32, what);
  let p: InstanceType<typeof ed25519.Point>;
  try {
    // zip215 = false: RFC 8032 decoding, rejects y >= p and x = 0 with the sign bit set.
    p = MemoPoint.fromBytes(bytes, false);
  } catch {
    return malformed(what, 'not a valid Ed25519 point encoding');
  }
  if (p.is0()) malformed(what, 'identity element');
  if (!p.isTorsionFree()) malformed(what, 'point not in the prime-order subgroup');
  if (!equalBytes(p.toBytes(), bytes)) malformed(what, 'non-canonical point encoding');
  return p as unknown as GroupElement;
}

function decodeSecp256k1Element(bytes: Uint8Array, what: string): GroupElement {
  checkLength(bytes, 33, what);
  if (bytes[0] !== 0x02 && bytes[0] !== 0x03) malformed(what, 'expected a compressed point');
  let p: InstanceType<typeof secp256k1.Point>;
  try {
    p = secp256k1.Point.fromBytes(bytes);
    p.assertValidity();
  } catch {
    return malformed(what, 'not a valid secp256k1 point encoding');
  }
  if (p.is0()) malformed(what, 'identity element');
  if (!equalBytes(p.toBytes(true), bytes)) malformed(what, 'non-canonical point encoding');
  return p as unknown as GroupElement;
}

/** FROST(Ed25519, SHA-512), RFC 9591 section 6.1; signatures are plain RFC 8032 Ed25519. */
export const FROST_ED25519: FrostSuite = Object.freeze({
  name: 'ed25519',
  protocol: 'frost-ed25519',
  proto: FrostSuiteProto.ED25519,
  frost: ed25519_FROST,
  elementLength: 32,
  scalarLength: 32,
  signatureLength: 64,
  publicKeyLength: 32,
  order: ed25519.Point.Fn.ORDER,
  base: ed25519.Point.BASE as unknown as GroupElement,
  decodeElement: decodeEd25519Element,
  ...ED25519_SCALARS,
  decodeSignature(bytes: Uint8Array, what: string) {
    checkLength(bytes, 64, what);
    const R = decodeEd25519Element(bytes.subarray(0, 32), `${what}.R`);
    return { R, z: ED25519_SCALARS.decodeScalar(bytes.subarray(32), `${what}.z`) };
  },
  publicKey: (element: Uint8Array) => Uint8Array.from(decodeEd25519Element(element, 'public key').toBytes()),
  verify: (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array) => safeVerify(() => opensslVerify(sig, msg, pk)),
  noteOwnElement: noteOwnSubgroupElement,
  dkgChallenge(id: bigint, phi: GroupElement, R: GroupElement): bigint {
    // noble's default hashToScalar for this suite: SHA-512(DST || msg) read little-endian, mod L.
    const Fn = ed25519_FROST.utils.Fn;
    const msg = concatBytes(ED25519_DKG_TAG, Fn.toBytes(id), phi.toBytes(), R.toBytes());
    return Fn.create(bytesToNumberLE(sha512(msg)));
  },
});

/** FROST(secp256k1, SHA-256) with BIP-340 challenges and even-Y normalisation (Taproot). */
export const FROST_TAPROOT: FrostSuite = Object.freeze({
  name: 'secp256k1-tr',
  protocol: 'frost-taproot',
  proto: FrostSuiteProto.SECP256K1_TR,
  frost: schnorr_FROST,
  elementLength: 33,
  scalarLength: 32,
  signatureLength: 64,
  publicKeyLength: 32,
  order: secp256k1.Point.Fn.ORDER,
  base: secp256k1.Point.BASE as unknown as GroupElement,
  decodeElement: decodeSecp256k1Element,
  ...TAPROOT_SCALARS,
  decodeSignature(bytes: Uint8Array, what: string) {
    // BIP-340 encoding: x(R) || z, where R has even Y.
    checkLength(bytes, 64, what);
    const R = decodeSecp256k1Element(concatBytes(Uint8Array.of(0x02), bytes.subarray(0, 32)), `${what}.R`);
    return { R, z: TAPROOT_SCALARS.decodeScalar(bytes.subarray(32), `${what}.z`) };
  },
  publicKey: (element: Uint8Array) =>
    Uint8Array.from(decodeSecp256k1Element(element, 'public key').toBytes().subarray(1)),
  verify: (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array) =>
    safeVerify(() => schnorr.verify(sig, msg, pk)),
  // secp256k1 has cofactor 1: nothing to cache.
  noteOwnElement: () => {},
  dkgChallenge(id: bigint, phi: GroupElement, R: GroupElement): bigint {
    // noble passes secp256k1_hasher.hashToScalar (RFC 9380 hash_to_field) with the suite's DKG DST.
    const Fn = schnorr_FROST.utils.Fn;
    const msg = concatBytes(Fn.toBytes(id), phi.toBytes(), R.toBytes());
    return secp256k1_hasher.hashToScalar(msg, { DST: TAPROOT_DKG_TAG });
  },
});

export const FROST_SUITES: readonly FrostSuite[] = Object.freeze([FROST_ED25519, FROST_TAPROOT]);

export function frostSuiteFromProto(value: FrostSuiteProto): FrostSuite {
  const suite = FROST_SUITES.find((s) => s.proto === value);
  if (!suite) throw new TypeError(`unknown FROST suite ${value}`);
  return suite;
}

/** Party index i is the RFC 9591 participant identifier i (a non-zero scalar). */
export function frostIdentifier(suite: FrostSuite, party: PartyIndex): string {
  if (!Number.isSafeInteger(party) || party < 1) throw new RangeError(`invalid party index ${party}`);
  return suite.frost.Identifier.fromNumber(party);
}

/** Maps noble identifier strings back to our party indices for a participant list. */
export function identifierMap(
  suite: FrostSuite,
  parties: readonly PartyIndex[],
): ReadonlyMap<string, PartyIndex> {
  return new Map(parties.map((p) => [frostIdentifier(suite, p), p]));
}
