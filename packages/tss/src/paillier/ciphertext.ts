/**
 * A Paillier ciphertext that has passed the membership check of CRYPTO.md item 8: C in Z*_{N^2},
 * i.e. 0 < C < N^2 and gcd(C, N) = 1 (cggmp21 spec/main.tex, "Paillier Encryption Scheme":
 * ciphertexts are elements of Z*_{N^2}). A non-unit lies outside the group that the encryption
 * and the range proofs reason about; C^x for such a C carries information about x that no proof
 * bounds. Validate once, then the branded type carries the fact (STYLE.md rule 9).
 */
import { gcd } from '../math/modular.js';

declare const ciphertextBrand: unique symbol;
export type PaillierCiphertext = bigint & { readonly [ciphertextBrand]: 'PaillierCiphertext' };

/** The part of a public key the check needs. */
export interface PaillierModulus {
  readonly N: bigint;
  readonly N2: bigint;
}

export function isCiphertext(pk: PaillierModulus, c: unknown): c is PaillierCiphertext {
  return typeof c === 'bigint' && c > 0n && c < pk.N2 && gcd(c, pk.N) === 1n;
}

export function assertCiphertext(pk: PaillierModulus, c: unknown): asserts c is PaillierCiphertext {
  if (typeof c !== 'bigint') throw new TypeError('Paillier ciphertext: bigint expected');
  if (c <= 0n || c >= pk.N2) throw new RangeError('Paillier ciphertext outside (0, N^2)');
  if (gcd(c, pk.N) !== 1n) throw new RangeError('Paillier ciphertext shares a factor with N');
}

/** Validates and brands; throws like `assertCiphertext`. */
export function parseCiphertext(pk: PaillierModulus, c: unknown): PaillierCiphertext {
  assertCiphertext(pk, c);
  return c;
}
