/**
 * The released ECDSA signature (SEC 1 v2 4.1.3 and 4.1.6): (r, s) with s in the lower half of
 * [1, q) (BIP-62 / EIP-2 low-S, CRYPTO.md item 19), and the recovery id that lets a verifier
 * (Ethereum's ecrecover) recover X from (digest, r, s, v). Everything here is public.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToNumberBE, concatBytes } from '@noble/curves/utils.js';
import { mod } from '../math/modular.js';
import { CURVE_ORDER, encodeScalar, type Point } from '../zk/sch-group.js';

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

/**
 * Strict verification before release: noble's ECDSA verify with `prehash: false, lowS: true`
 * against X, in its 'recovered' format, which also requires the recovery id to name the R' the
 * verification found (so public-key recovery from (r, s, recovery) gives X). Never throws.
 */
export function verifyEcdsaSignature(
  sig: EcdsaSignature,
  digest: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    const recovered = concatBytes(Uint8Array.of(sig.recovery), sig.r, sig.s);
    return secp256k1.verify(recovered, digest, publicKey, {
      prehash: false,
      lowS: true,
      format: 'recovered',
    });
  } catch {
    return false;
  }
}
