/**
 * Paillier arithmetic of the range proofs (ePrint 2021/060 Figs. 14, 15, 25; cggmp21
 * spec/main.tex Sec. 3): the prover's encryptions, its nonce responses w = r·rho^e mod N, and
 * the verifier's equations of the form "A ⊕ (e ⊙ K) = Enc_N(z1; z2)".
 *
 * Speed (cggmp21 spec Sec. "Using the Chinese Remainder Theorem", Enc^crt): whoever knows the
 * factorization of N works modulo p^2 and q^2 with exponents reduced modulo p(p-1) and q(q-1).
 * The prover does so for encryptions under its own key; in Πaff-g the verifier does so for the
 * equation modulo N0^2, N0 being its own key.
 */
import { modPow } from '../math/modpow.js';
import { mod } from '../math/modular.js';
import type { PaillierCiphertext } from '../paillier/ciphertext.js';
import type { PaillierPublicKey } from '../paillier/public-key.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { type Power, productsEqual } from './enc-equation.js';

/** The secret key when it belongs to `pk` (then CRT applies), else undefined; a foreign key throws. */
export function ownKey(
  pk: PaillierPublicKey,
  sk: PaillierSecretKey | undefined,
): PaillierSecretKey | undefined {
  if (sk === undefined) return undefined;
  if (sk.N !== pk.N) throw new RangeError('Paillier secret key does not match the statement');
  return sk;
}

/** Enc_N(m; r), by Enc^crt when the prover owns the key. */
export function encryptAs(
  pk: PaillierPublicKey,
  sk: PaillierSecretKey | undefined,
  m: bigint,
  r: bigint,
): PaillierCiphertext {
  return sk !== undefined && sk.N === pk.N ? sk.encryptWithNonce(m, r) : pk.encryptWithNonce(m, r);
}

/** w = r·rho^e mod N (z2 of Πenc and Πlog*, w and w_y of Πaff-g). */
export function nonceResponse(r: bigint, rho: bigint, e: bigint, N: bigint): bigint {
  return (r * modPow(rho, e, N)) % N;
}

/**
 * ∏ left == ∏ right · Enc_N(m; w) (mod N^2). Bases must be units and w in Z*_N (callers check
 * first), m in (-N, N). With `owner`, the secret key of N, both sides are compared modulo p^2
 * and modulo q^2 with exponents reduced modulo phi(p^2) = p(p-1), which is equality modulo N^2
 * by the CRT and turns w^N into two half-size exponentiations.
 */
export function paillierEquationHolds(
  pk: PaillierPublicKey,
  left: readonly Power[],
  right: readonly Power[],
  m: bigint,
  w: bigint,
  owner?: PaillierSecretKey,
): boolean {
  // Enc_N(m; w) = (1 + N)^m·w^N = (1 + m·N)·w^N mod N^2; 1 + m·N is a unit.
  const enc: Power[] = [...right, [1n + mod(m, pk.N) * pk.N, 1n], [w, pk.N]];
  if (owner !== undefined && owner.N === pk.N) {
    return [owner.p, owner.q].every((r) => productsEqual(r * r, left, enc, r * (r - 1n)));
  }
  return productsEqual(pk.N2, left, enc);
}
