/**
 * The verifier equations of the range proofs have the shape ∏ b_i^x_i = ∏ c_j^y_j (mod M),
 * with signed exponents: e in ±Q and the responses z_i are negative half the time (ePrint
 * 2021/060 Figs. 14, 15, 25). Inverting a base costs a BigInt extended Euclid (~0.5 ms at 2048
 * bits), more than the exponentiation by e itself, so a factor with a negative exponent moves
 * to the other side instead: b^-x on the left is b^x on the right. Bases must be units mod M.
 */
import { modPow } from '../math/modpow.js';

/** A factor b^x; b must be a unit, x may be negative. */
export type Power = readonly [base: bigint, exponent: bigint];

/**
 * ∏ left == ∏ right (mod M). `order`, a multiple of the order of every base in Z*_M (phi(M)
 * for a modulus whose factorization the verifier knows), lets exponents longer than it be
 * reduced first: the CRT checks of enc-pedersen.ts and enc-paillier.ts.
 */
export function productsEqual(
  M: bigint,
  left: readonly Power[],
  right: readonly Power[],
  order?: bigint,
): boolean {
  let lhs = 1n;
  let rhs = 1n;
  const factor = (b: bigint, x: bigint) => {
    let e = x < 0n ? -x : x;
    if (order !== undefined && e >= order) e %= order;
    return modPow(b, e, M);
  };
  for (const [b, x] of left) {
    if (x < 0n) rhs = (rhs * factor(b, x)) % M;
    else lhs = (lhs * factor(b, x)) % M;
  }
  for (const [b, x] of right) {
    if (x < 0n) lhs = (lhs * factor(b, x)) % M;
    else rhs = (rhs * factor(b, x)) % M;
  }
  return lhs === rhs;
}
