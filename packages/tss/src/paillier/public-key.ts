/**
 * Paillier public key with g = N + 1 (cggmp21 spec/main.tex, "Paillier Encryption Scheme";
 * ePrint 2021/060 uses the same scheme): Enc_N(M; rho) = (1 + M·N) · rho^N mod N^2.
 * A key exists only after the non-proof checks of modulus.ts for its security profile.
 */
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { bigintToBytes, bitLength, bytesToBigint } from '../math/bytes.js';
import { modPow } from '../math/modpow.js';
import { gcd, mod } from '../math/modular.js';
import { randomUnit } from '../math/random.js';
import { assertCiphertext, type PaillierCiphertext, parseCiphertext } from './ciphertext.js';
import { assertPaillierModulus } from './modulus.js';
import type { SecurityProfile } from './profiles.js';

/** An encryption together with its nonce rho, which is a witness (it reveals M) and redacted. */
export interface PaillierEncryption {
  readonly c: PaillierCiphertext;
  readonly rho: bigint;
}

export class PaillierPublicKey {
  readonly N: bigint;
  readonly N2: bigint;
  readonly bits: number;
  readonly profile: SecurityProfile;

  private constructor(N: bigint, profile: SecurityProfile) {
    this.N = N;
    this.N2 = N * N;
    this.bits = bitLength(N);
    this.profile = profile;
    Object.freeze(this);
  }

  /** Validates N for the profile (bit length, odd, no small factor, not a square or prime power). */
  static fromModulus(N: bigint, profile: SecurityProfile): PaillierPublicKey {
    return new PaillierPublicKey(assertPaillierModulus(N, profile), profile);
  }

  /** Big-endian N in exactly ceil(bits/8) bytes; a leading zero byte is refused as non-canonical. */
  static fromBytes(bytes: Uint8Array, profile: SecurityProfile): PaillierPublicKey {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('Paillier modulus: Uint8Array expected');
    if (bytes.length === 0 || bytes[0] === 0)
      throw new RangeError('Paillier modulus: non-canonical encoding');
    return PaillierPublicKey.fromModulus(bytesToBigint(bytes), profile);
  }

  toBytes(): Uint8Array {
    return bigintToBytes(this.N, Math.ceil(this.bits / 8));
  }

  equals(other: PaillierPublicKey): boolean {
    return this.N === other.N;
  }

  /** CRYPTO.md item 8: C in Z*_{N^2}; returns C branded. */
  parseCiphertext(c: unknown): PaillierCiphertext {
    return parseCiphertext(this, c);
  }

  /** Enc(M) with a fresh rho uniform in Z*_N. M in (-N, N), taken modulo N. */
  encrypt(m: bigint, rng: Rng): PaillierEncryption {
    const rho = randomUnit(rng, this.N);
    const c = this.encryptWithNonce(m, rho);
    return Object.freeze(redacted({ c, rho }, 'PaillierEncryption'));
  }

  /**
   * Enc(M; rho) = (1 + M·N) · rho^N mod N^2. The spec requires gcd(rho, N) = 1 and an error
   * otherwise: a non-unit rho gives a non-unit ciphertext, and rho = 0 a ciphertext of 0.
   */
  encryptWithNonce(m: bigint, rho: bigint): PaillierCiphertext {
    const gm = this.#gToThe(m);
    if (typeof rho !== 'bigint') throw new TypeError('Paillier nonce: bigint expected');
    if (rho <= 0n || rho >= this.N || gcd(rho, this.N) !== 1n) {
      throw new RangeError('Paillier nonce outside Z*_N');
    }
    return ((gm * modPow(rho, this.N, this.N2)) % this.N2) as PaillierCiphertext;
  }

  /** C1 ⊕ C2 = C1 · C2 mod N^2: Dec = M1 + M2 mod N. */
  add(c1: PaillierCiphertext, c2: PaillierCiphertext): PaillierCiphertext {
    assertCiphertext(this, c1);
    assertCiphertext(this, c2);
    return ((c1 * c2) % this.N2) as PaillierCiphertext;
  }

  /**
   * k ⊙ C = C^k mod N^2: Dec = k·M mod N. Negative k (CGGMP MtA uses -beta) goes through
   * C^-1, which exists because C is a unit.
   */
  scalarMul(c: PaillierCiphertext, k: bigint): PaillierCiphertext {
    assertCiphertext(this, c);
    if (typeof k !== 'bigint') throw new TypeError('Paillier scalar: bigint expected');
    return modPow(c, k, this.N2) as PaillierCiphertext;
  }

  /** (1 + N)^M mod N^2 = 1 + M·N, by the binomial theorem. */
  #gToThe(m: bigint): bigint {
    if (typeof m !== 'bigint') throw new TypeError('Paillier plaintext: bigint expected');
    if (m <= -this.N || m >= this.N) throw new RangeError('Paillier plaintext outside (-N, N)');
    return 1n + mod(m, this.N) * this.N;
  }
}
