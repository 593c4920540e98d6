/**
 * The one modular exponentiation of the package (CRYPTO.md "Modular exponentiation").
 *
 * OpenSSL is reached through `crypto.createDiffieHellman(m)`: with private key e, computeSecret(b)
 * returns b^e mod m by Montgomery exponentiation, constant-time in the exponent (OpenSSL flags the
 * DH private key BN_FLG_CONSTTIME), about 7x faster than BigInt square-and-multiply (4096-bit m,
 * 2048-bit e: ~7.5 ms against ~50 ms, ARCHITECTURE.md "Notes behind the deviations"). It is not a
 * general modexp, and each caveat below was observed on Node 20.20 / OpenSSL 3.0.19:
 *  - moduli below 512 bits give WRONG results without an error (DH minimum modulus size);
 *  - moduli above 10000 bits throw (OPENSSL_DH_MAX_MODULUS_BITS), as do even moduli;
 *  - b in {0, 1, m-1, m} throw (DH public-key range check), so b is always reduced first;
 *  - e = 0 throws, and a result of 0 or 1 throws (DH rejects such shared secrets);
 *  - creating a context runs DH_check on m: ~0.1 ms for a composite, ~15 ms for p^2, ~120 ms for
 *    a 2048-bit prime. Contexts are therefore cached per modulus in a bounded LRU.
 * Everything OpenSSL cannot do goes to the BigInt reference path, which is variable-time; secret
 * exponents on full-size moduli (Paillier decryption, prover randomness) take the OpenSSL path.
 */
import { createDiffieHellman, type DiffieHellman } from 'node:crypto';
import { bigintToBytes, bitLength, byteLength, bytesToBigint } from './bytes.js';
import { LruMap } from './lru.js';
import { mod, modInverse } from './modular.js';

/** Smallest modulus, in bits, that OpenSSL's DH exponentiation computes correctly. */
export const MODPOW_OPENSSL_MIN_BITS = 512;
/** Largest modulus, in bits, that OpenSSL's DH code accepts. */
export const MODPOW_OPENSSL_MAX_BITS = 10_000;

/** Every party's N and N^2 plus our own p, q, p^2, q^2 fit comfortably for large clusters. */
const CONTEXTS = new LruMap<bigint, DiffieHellman>(128);
const ONE = Uint8Array.of(1);

function toBytes(x: bigint): Uint8Array {
  return bigintToBytes(x, byteLength(x));
}

/** Plain left-to-right square-and-multiply: for small or even moduli and as the safety net. */
function modPowBigint(b: bigint, e: bigint, m: bigint): bigint {
  let result = 1n;
  const bits = e.toString(2);
  for (let i = 0; i < bits.length; i++) {
    result = (result * result) % m;
    if (bits.charCodeAt(i) === 49) result = (result * b) % m;
  }
  return result;
}

function context(m: bigint): DiffieHellman {
  let dh = CONTEXTS.get(m);
  if (dh === undefined) {
    dh = createDiffieHellman(toBytes(m));
    CONTEXTS.set(m, dh);
  }
  return dh;
}

/** b^e mod m through OpenSSL, or undefined when OpenSSL refuses (result 0 or 1, or anything else). */
function modPowOpenssl(b: bigint, e: bigint, m: bigint): bigint | undefined {
  const dh = context(m);
  try {
    dh.setPrivateKey(toBytes(e));
    return bytesToBigint(dh.computeSecret(toBytes(b)));
  } catch {
    return undefined;
  } finally {
    // The context outlives the call: do not leave a secret exponent in OpenSSL's memory.
    dh.setPrivateKey(ONE);
  }
}

/**
 * b^e mod m for any bigint b, any bigint e (negative: (b^-1)^|e|, which throws a RangeError when
 * gcd(b, m) != 1), and m >= 1. The result is in [0, m).
 */
export function modPow(b: bigint, e: bigint, m: bigint): bigint {
  if (typeof b !== 'bigint' || typeof e !== 'bigint' || typeof m !== 'bigint') {
    throw new TypeError('modPow: bigint arguments expected');
  }
  if (m < 1n) throw new RangeError('modPow: modulus must be positive');
  if (m === 1n) return 0n;
  let base = mod(b, m);
  let exp = e;
  if (exp < 0n) {
    base = modInverse(base, m);
    exp = -exp;
  }
  // Edge cases that OpenSSL throws on (see the module comment); all are public-timing anyway.
  if (exp === 0n) return 1n;
  if (base === 0n || base === 1n || exp === 1n) return base;
  if (base === m - 1n) return (exp & 1n) === 0n ? 1n : base;
  const bits = bitLength(m);
  if ((m & 1n) === 0n || bits < MODPOW_OPENSSL_MIN_BITS || bits > MODPOW_OPENSSL_MAX_BITS) {
    return modPowBigint(base, exp, m);
  }
  const direct = modPowOpenssl(base, exp, m);
  if (direct !== undefined) return direct;
  // OpenSSL refused a result of 0 or 1. Then b^(e-1) is b^-1 (if b^e = 1) or a non-unit, so one
  // more OpenSSL call usually settles it without a variable-time BigInt run on a secret exponent.
  const previous = modPowOpenssl(base, exp - 1n, m);
  if (previous !== undefined) return (previous * base) % m;
  return modPowBigint(base, exp, m);
}
