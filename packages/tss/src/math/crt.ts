import { mod, modInverse } from './modular.js';

/**
 * Chinese remaindering for two coprime moduli (Garner's formula): the unique x in [0, p*q) with
 * x = ap (mod p) and x = aq (mod q). Whoever knows the factorization of N computes mod p and mod q
 * (or p^2 and q^2) and recombines here; cggmp21 spec/main.tex lists CRT as the main speed-up for
 * a party working modulo its own N. `qInvP` = q^-1 mod p may be passed precomputed.
 */
export function crt2(ap: bigint, p: bigint, aq: bigint, q: bigint, qInvP?: bigint): bigint {
  const qi = qInvP ?? modInverse(q, p);
  const r = mod(aq, q);
  return r + q * mod((ap - r) * qi, p);
}
