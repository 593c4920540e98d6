/**
 * Paillier secret key over a Paillier-Blum modulus N = pq, p and q safe primes = 3 mod 4
 * (CRYPTO.md phase 1, aux info). Decryption and exponentiation modulo N^2 use the CRT over p^2
 * and q^2 (Paillier 1999, Sec. 7; cggmp21 spec/main.tex "Using the Chinese Remainder Theorem"),
 * with the secret exponents p-1, q-1 going through OpenSSL (math/modpow.ts).
 *
 * The primes live in private fields and the object redacts itself in toString, toJSON and
 * util.inspect (STYLE.md rule 8); provers read them through the accessors.
 */
import { redacted } from '../engine/secret.js';
import { bitLength } from '../math/bytes.js';
import { crt2 } from '../math/crt.js';
import { modPow } from '../math/modpow.js';
import { gcd, mod, modInverse } from '../math/modular.js';
import { isSafePrime } from '../math/prime.js';
import type { PaillierCiphertext } from './ciphertext.js';
import type { SecurityProfile } from './profiles.js';
import { PaillierPublicKey } from './public-key.js';

export class PaillierSecretKey {
  readonly publicKey: PaillierPublicKey;
  readonly #p: bigint;
  readonly #q: bigint;
  readonly #p2: bigint;
  readonly #q2: bigint;
  /** h_p = L_p(g^(p-1) mod p^2)^-1 mod p, and h_q likewise (Paillier's CRT decryption). */
  readonly #hp: bigint;
  readonly #hq: bigint;
  readonly #qInvP: bigint;
  /** (p^2)^-1 mod q^2, the beta of the cggmp21 CRT algorithm. */
  readonly #p2InvQ2: bigint;

  private constructor(p: bigint, q: bigint, publicKey: PaillierPublicKey) {
    this.publicKey = publicKey;
    this.#p = p;
    this.#q = q;
    this.#p2 = p * p;
    this.#q2 = q * q;
    const g = publicKey.N + 1n;
    this.#hp = modInverse((modPow(g, p - 1n, this.#p2) - 1n) / p, p);
    this.#hq = modInverse((modPow(g, q - 1n, this.#q2) - 1n) / q, q);
    this.#qInvP = modInverse(q, p);
    this.#p2InvQ2 = modInverse(this.#p2, this.#q2);
    redacted(this, 'PaillierSecretKey');
    Object.freeze(this);
  }

  /**
   * Validates and builds a key: p != q, both safe primes = 3 mod 4 of equal length, and N = pq
   * passing the public-key checks of the profile. Costs four Miller-Rabin runs (~70 ms for
   * 1024-bit primes, ~200 ms for 1536-bit ones): do it once when a key is loaded.
   */
  static fromPrimes(p: bigint, q: bigint, profile: SecurityProfile): PaillierSecretKey {
    if (typeof p !== 'bigint' || typeof q !== 'bigint')
      throw new TypeError('Paillier primes: bigint expected');
    if (p === q) throw new RangeError('Paillier primes must differ');
    if (bitLength(p) !== bitLength(q)) throw new RangeError('Paillier primes must have equal bit length');
    if (p % 4n !== 3n || q % 4n !== 3n) throw new RangeError('Paillier primes must be 3 mod 4 (Blum)');
    const publicKey = PaillierPublicKey.fromModulus(p * q, profile);
    if (!isSafePrime(p) || !isSafePrime(q)) throw new RangeError('Paillier primes must be safe primes');
    return new PaillierSecretKey(p, q, publicKey);
  }

  get N(): bigint {
    return this.publicKey.N;
  }

  /** The prime factors, for the provers of Πmod, Πfac and Πprm only. */
  get p(): bigint {
    return this.#p;
  }

  get q(): bigint {
    return this.#q;
  }

  /** phi(N) = (p-1)(q-1). */
  get phi(): bigint {
    return (this.#p - 1n) * (this.#q - 1n);
  }

  /**
   * Dec(C) in [0, N): m_p = L_p(C^(p-1) mod p^2)·h_p mod p, m_q likewise, then CRT. C must be in
   * Z*_{N^2} (CRYPTO.md item 8); with the factors at hand that is C mod p != 0 and C mod q != 0.
   */
  decrypt(c: PaillierCiphertext): bigint {
    if (typeof c !== 'bigint') throw new TypeError('Paillier ciphertext: bigint expected');
    if (c <= 0n || c >= this.publicKey.N2) throw new RangeError('Paillier ciphertext outside (0, N^2)');
    if (c % this.#p === 0n || c % this.#q === 0n) {
      throw new RangeError('Paillier ciphertext shares a factor with N');
    }
    const mp = mod(((modPow(c, this.#p - 1n, this.#p2) - 1n) / this.#p) * this.#hp, this.#p);
    const mq = mod(((modPow(c, this.#q - 1n, this.#q2) - 1n) / this.#q) * this.#hq, this.#q);
    return crt2(mp, this.#p, mq, this.#q, this.#qInvP);
  }

  /** Dec(C) in the symmetric range [-(N-1)/2, (N-1)/2], as CGGMP reads plaintexts (N is odd). */
  decryptSigned(c: PaillierCiphertext): bigint {
    const m = this.decrypt(c);
    return m > this.publicKey.N >> 1n ? m - this.publicKey.N : m;
  }

  /**
   * b^e mod N^2 for b in Z*_{N^2}, any e: exponents reduced modulo phi(p^2) = p(p-1) and
   * phi(q^2), then recombined (cggmp21 spec/main.tex, Algorithm "Computing s^x mod N^2").
   */
  powModN2(b: bigint, e: bigint): bigint {
    if (typeof b !== 'bigint' || typeof e !== 'bigint') throw new TypeError('powModN2: bigint expected');
    if (gcd(b, this.publicKey.N) !== 1n) throw new RangeError('powModN2: base is not a unit modulo N^2');
    const r1 = modPow(b, mod(e, this.#p2 - this.#p), this.#p2);
    const r2 = modPow(b, mod(e, this.#q2 - this.#q), this.#q2);
    return crt2(r2, this.#q2, r1, this.#p2, this.#p2InvQ2);
  }

  /** Enc(M; rho) using the factorization (cggmp21 spec: Enc^crt); same result as the public key's. */
  encryptWithNonce(m: bigint, rho: bigint): PaillierCiphertext {
    const N = this.publicKey.N;
    if (typeof m !== 'bigint' || typeof rho !== 'bigint') throw new TypeError('Paillier: bigint expected');
    if (m <= -N || m >= N) throw new RangeError('Paillier plaintext outside (-N, N)');
    if (rho <= 0n || rho >= N || gcd(rho, N) !== 1n) throw new RangeError('Paillier nonce outside Z*_N');
    return (((1n + mod(m, N) * N) * this.powModN2(rho, N)) % this.publicKey.N2) as PaillierCiphertext;
  }
}
