/**
 * Ring-Pedersen arithmetic of the range proofs (ePrint 2021/060 Sec. 2, "ring-Pedersen
 * commitments"; Figs. 14, 15, 25): the prover's commitments s^x·t^y mod N_hat and the verifier's
 * equation s^z·t^z' = C·S^e mod N_hat.
 *
 * Speed (cggmp21 spec/main.tex Sec. "Using the Chinese Remainder Theorem"): the verifier owns
 * N_hat, so with its Paillier secret key it checks the equation modulo p and modulo q, exponents
 * reduced modulo p-1 and q-1: six 1024-bit exponentiations instead of three with exponents of up
 * to 2^(ℓ+ε+1)·N_hat on the full modulus. The prover does not know the factorization; it keeps
 * s^-1 and t^-1 per parameter set so negative exponents cost no inversion (the verifier moves
 * such factors across the equation instead, enc-equation.ts). The spec's fixed-base tables do
 * not pay off here: a table walk costs hundreds of BigInt multiplications, more than one whole
 * OpenSSL exponentiation (math/modpow.ts).
 */
import { modPow } from '../math/modpow.js';
import { modInverse } from '../math/modular.js';
import type { RingPedersenParams } from '../paillier/ring-pedersen.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { type Power, productsEqual } from './enc-equation.js';

interface Inverses {
  readonly sInv: bigint;
  readonly tInv: bigint;
}

/** s^-1, t^-1 per parameter object; the parameters never change between sessions. */
const INVERSES = new WeakMap<RingPedersenParams, Inverses>();

function inverses(aux: RingPedersenParams): Inverses {
  let inv = INVERSES.get(aux);
  if (inv === undefined) {
    inv = Object.freeze({ sInv: modInverse(aux.s, aux.N), tInv: modInverse(aux.t, aux.N) });
    INVERSES.set(aux, inv);
  }
  return inv;
}

function powSigned(b: bigint, bInv: bigint, e: bigint, N: bigint): bigint {
  return e >= 0n ? modPow(b, e, N) : modPow(bInv, -e, N);
}

/** s^x·t^y mod N_hat for any signed x, y (both s and t are units of Z*_N_hat). */
export function pedersenCommit(aux: RingPedersenParams, x: bigint, y: bigint): bigint {
  const { sInv, tInv } = inverses(aux);
  return (powSigned(aux.s, sInv, x, aux.N) * powSigned(aux.t, tInv, y, aux.N)) % aux.N;
}

/**
 * s^z·t^z' == C·S^e (mod N_hat). C and S must already be checked to lie in Z*_N_hat. `owner`,
 * when it is the secret key of N_hat, switches to the CRT check; the verdict is the same.
 */
export function pedersenHolds(
  aux: RingPedersenParams,
  z: bigint,
  zPrime: bigint,
  C: bigint,
  S: bigint,
  e: bigint,
  owner?: PaillierSecretKey,
): boolean {
  const left: Power[] = [
    [aux.s, z],
    [aux.t, zPrime],
  ];
  const right: Power[] = [
    [C, 1n],
    [S, e],
  ];
  if (owner !== undefined && owner.N === aux.N) {
    // Equality modulo N_hat = pq is equality modulo p and modulo q (CRT); s, t, C, S are units.
    return [owner.p, owner.q].every((r) => productsEqual(r, left, right, r - 1n));
  }
  return productsEqual(aux.N, left, right);
}
