import type { PartyIndex } from '../engine/index.js';
import { mod, modInverse } from '../math/modular.js';
import { CURVE_ORDER } from '../zk/sch-group.js';

/**
 * Lagrange coefficient of party `j` for the set `set`, evaluated at x0 (mod q):
 * prod_{m in set, m != j} (x0 - m) / (j - m). With x0 = 0 this turns Shamir shares of the signer
 * set into additive shares (CGGMP presigning: w_j = lambda_j * x_j).
 */
export function lagrangeAt(set: readonly PartyIndex[], j: PartyIndex, x0 = 0n): bigint {
  if (!set.includes(j)) throw new RangeError(`party ${j} is not in the set`);
  let num = 1n;
  let den = 1n;
  for (const m of set) {
    if (m === j) continue;
    num = mod(num * (x0 - BigInt(m)), CURVE_ORDER);
    den = mod(den * (BigInt(j) - BigInt(m)), CURVE_ORDER);
  }
  return mod(num * modInverse(den, CURVE_ORDER), CURVE_ORDER);
}
