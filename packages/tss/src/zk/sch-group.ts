/**
 * The secp256k1 group as the CGGMP proofs use it (ePrint 2021/060 Sec. 2: E of prime order q
 * with generator G; cggmp21 spec/main.tex "Notation and Preliminaries"). Shared by Πsch, Πaff-g
 * and Πlog*. Points cross the wire as 33-byte compressed SEC1 encodings and are parsed strictly
 * (CRYPTO.md item 9): on the curve, canonical, never the identity. secp256k1 has cofactor 1, so
 * every valid non-identity point has order q and there is no small-order subgroup to test for.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { equalBytes } from '@noble/curves/utils.js';
import { mod } from '../math/modular.js';

export const Point = secp256k1.Point;
export type Point = InstanceType<typeof secp256k1.Point>;

/** q, the order of G. */
export const CURVE_ORDER: bigint = Point.Fn.ORDER;
/** Length of a compressed point. */
export const POINT_BYTES = 33;
/** Length of a scalar in [0, q). */
export const SCALAR_BYTES = 32;

/** Why `P` cannot stand in a statement or proof (not a point, off the curve, identity), or null. */
export function pointDefect(P: unknown, what: string): string | null {
  if (!(P instanceof Point)) return `${what} is not a secp256k1 point`;
  // is0 first: noble's assertValidity also throws on the identity, with a less precise reason.
  if (P.is0()) return `${what} is the identity`;
  try {
    P.assertValidity();
  } catch {
    return `${what} is not on secp256k1`;
  }
  return null;
}

/** 33-byte compressed SEC1 encoding of a valid non-identity point. */
export function encodePoint(P: Point): Uint8Array {
  return P.toBytes(true);
}

/** Strict inverse of `encodePoint`: 33 bytes, prefix 02/03, x < p, on the curve, not the identity. */
export function decodePoint(bytes: Uint8Array, what: string): Point {
  if (!(bytes instanceof Uint8Array) || bytes.length !== POINT_BYTES) {
    throw new TypeError(`${what}: expected a ${POINT_BYTES}-byte compressed point`);
  }
  if (bytes[0] !== 0x02 && bytes[0] !== 0x03) throw new TypeError(`${what}: expected a compressed point`);
  let P: Point;
  try {
    P = Point.fromBytes(bytes);
    P.assertValidity();
  } catch {
    throw new TypeError(`${what}: not a valid secp256k1 point`);
  }
  if (P.is0()) throw new TypeError(`${what}: identity point`);
  if (!equalBytes(P.toBytes(true), bytes)) throw new TypeError(`${what}: non-canonical point encoding`);
  return P;
}

/** 32-byte big-endian encoding of a scalar in [0, q). */
export function encodeScalar(s: bigint): Uint8Array {
  return Point.Fn.toBytes(s);
}

/** Strict inverse of `encodeScalar`: exactly 32 bytes, value below q. */
export function decodeScalar(bytes: Uint8Array, what: string): bigint {
  if (!(bytes instanceof Uint8Array) || bytes.length !== SCALAR_BYTES) {
    throw new TypeError(`${what}: expected a ${SCALAR_BYTES}-byte scalar`);
  }
  try {
    return Point.Fn.fromBytes(bytes);
  } catch {
    throw new RangeError(`${what}: scalar not below the group order`);
  }
}

/**
 * k·P for a secret integer k of any sign (α, x of the proofs): k is reduced modulo q and the
 * multiplication is noble's constant-time one, which refuses 0, so 0 maps to the identity here.
 */
export function mulSecret(P: Point, k: bigint): Point {
  const s = mod(k, CURVE_ORDER);
  return s === 0n ? Point.ZERO : P.multiply(s);
}

/**
 * The verifier's group equation z·B = Y + e·X of Πsch, Πaff-g (B = G) and Πlog*, checked as
 * z·B + (-e)·X == Y with one variable-time double multiplication (all inputs are public).
 */
export function groupEquationHolds(B: Point, z: bigint, X: Point, e: bigint, Y: Point): boolean {
  return B.mulAddUnsafe(mod(z, CURVE_ORDER), X, mod(-e, CURVE_ORDER)).equals(Y);
}
