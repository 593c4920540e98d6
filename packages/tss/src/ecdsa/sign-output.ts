/**
 * The released ECDSA signature (SEC 1 v2 4.1.3 and 4.1.6): (r, s) with s in the lower half of
 * [1, q) (BIP-62 / EIP-2 low-S, CRYPTO.md item 19), and the recovery id that lets a verifier
 * (Ethereum's ecrecover) recover X from (digest, r, s, v). Everything here is public.
 */
import { bytesToHex, bytesToNumberBE, concatBytes } from '@noble/curves/utils.js';
import { LruMap } from '../math/lru.js';
import { mod, modInverse } from '../math/modular.js';
import { CURVE_ORDER, decodePoint, encodeScalar, Point } from '../zk/sch-group.js';

export interface EcdsaSignature {
  /** r = x(R) mod q, 32 bytes big-endian. */
  readonly r: Uint8Array;
  /** s <= q/2, 32 bytes big-endian. */
  readonly s: Uint8Array;
  /** bit 0: y(R') odd, bit 1: x(R') >= q, for the R' that (r, s) verifies with. */
  readonly recovery: 0 | 1 | 2 | 3;
}

export const DIGEST_BYTES = 32;
const HALF_ORDER = CURVE_ORDER >> 1n;

/**
 * m: the digest as an integer mod q (SEC 1 4.1.3 step 5 with a 256-bit digest, noble's
 * bits2int_modN for `prehash: false`). Refuses anything but 32 bytes.
 */
export function digestScalar(digest: Uint8Array): bigint {
  if (!(digest instanceof Uint8Array) || digest.length !== DIGEST_BYTES) {
    throw new TypeError(`digest must be ${DIGEST_BYTES} bytes`);
  }
  return mod(bytesToNumberBE(digest), CURVE_ORDER);
}

/** r = x(R) mod q. */
export function nonceScalar(R: Point): bigint {
  return mod(R.toAffine().x, CURVE_ORDER);
}

/**
 * (r, s) from R and the combined sigma: s > q/2 becomes q - s, which verifies with -R instead of
 * R, so the y-parity bit of the recovery id flips with it. x(R) >= q sets bit 1 (probability
 * about 2^-128 on secp256k1).
 */
export function finishSignature(R: Point, sigma: bigint): EcdsaSignature {
  const { x, y } = R.toAffine();
  const r = mod(x, CURVE_ORDER);
  let s = mod(sigma, CURVE_ORDER);
  if (r === 0n || s === 0n) throw new RangeError('degenerate signature (r or s is zero)');
  let recovery = Number(y & 1n) | (x >= CURVE_ORDER ? 2 : 0);
  if (s > HALF_ORDER) {
    s = CURVE_ORDER - s;
    recovery ^= 1;
  }
  return Object.freeze({ r: encodeScalar(r), s: encodeScalar(s), recovery: recovery as 0 | 1 | 2 | 3 });
}

/** r || s, 64 bytes. */
export function ecdsaSignatureCompact(sig: EcdsaSignature): Uint8Array {
  return concatBytes(sig.r, sig.s);
}

/**
 * r || s || v, 65 bytes, with v = 27 + recovery (Ethereum's ecrecover and eth_sign convention;
 * recovery ids 2 and 3 give 29 and 30, which Ethereum cannot express and which practically never
 * occur).
 */
export function ecdsaSignatureRsv(sig: EcdsaSignature): Uint8Array {
  return concatBytes(sig.r, sig.s, Uint8Array.of(27 + sig.recovery));
}

/** Public keys with precomputed multiplication tables: the same wallet key verifies every signature. */
const tables = new LruMap<string, Point>(1024);

function publicKeyPoint(publicKey: Uint8Array): Point {
  const key = bytesToHex(publicKey);
  let X = tables.get(key);
  if (!X) {
    X = decodePoint(publicKey, 'public key');
    X.precompute(8, false);
    tables.set(key, X);
  }
  return X;
}

/**
 * Strict verification before release (SEC 1 v2 4.1.4): r, s in [1, q), s <= q/2 (low-S),
 * R' = (m/s) G + (r/s) X not the identity, x(R') = r mod q, and the recovery id naming R'
 * (bit 0: y(R') odd, bit 1: x(R') >= q), so recovery from (r, s, recovery) gives X. X's
 * multiplication table is cached per key, which makes this about 3x faster than a plain verify;
 * tests check every signature with noble's and ethers' own verifiers as well. Never throws.
 */
export function verifyEcdsaSignature(
  sig: EcdsaSignature,
  digest: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    const r = bytesToNumberBE(sig.r);
    const s = bytesToNumberBE(sig.s);
    if (sig.r.length !== 32 || sig.s.length !== 32) return false;
    if (r === 0n || r >= CURVE_ORDER || s === 0n || s > HALF_ORDER) return false;
    const X = publicKeyPoint(publicKey);
    const w = modInverse(s, CURVE_ORDER);
    const m = digestScalar(digest);
    const R = Point.BASE.multiplyUnsafe(mod(m * w, CURVE_ORDER)).add(
      X.multiplyUnsafe(mod(r * w, CURVE_ORDER)),
    );
    if (R.is0()) return false;
    const { x, y } = R.toAffine();
    if (mod(x, CURVE_ORDER) !== r) return false;
    return sig.recovery === (Number(y & 1n) | (x >= CURVE_ORDER ? 2 : 0));
  } catch {
    return false;
  }
}
