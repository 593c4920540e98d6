/**
 * The multiplicative-to-additive conversions of presigning (ePrint 2021/060 Fig. 7 Round 2 and
 * Round 3 step 1; cggmp21 spec/main.tex "Non-Threshold Presigning"), for a sender P_i holding
 * x (gamma_i, or w_i) with X = x*G public, and a receiver P_j holding K_j = Enc_j(k_j):
 *
 *   D_{j,i} = (x ⊙ K_j) ⊕ Enc_j(-beta_{i,j}; s),   F_{j,i} = Enc_i(-beta_{i,j}; r),
 *
 * with psi_{j,i} = Πaff-g((N_j, N_i, K_j, D_{j,i}, F_{j,i}, X); (x, -beta_{i,j}, s, r)) against
 * P_j's ring-Pedersen parameters. P_j decrypts alpha_{j,i} = Dec_j(D_{j,i}) = x*k_j - beta_{i,j},
 * so alpha_{j,i} + beta_{i,j} = x*k_j. F carries -beta, as in the cggmp21 spec (the paper's
 * Fig. 7 writes Enc_i(beta), which does not match the Πaff-g relation D = C^x·Enc(y), Y = Enc(y)).
 */
import type { PartyIndex, Rng } from '../engine/index.js';
import { randomInterval } from '../math/interval.js';
import { modPow } from '../math/modpow.js';
import { randomUnit } from '../math/random.js';
import { type AffGProof, AffGWitness, proveAffG, verifyAffG } from '../zk/aff-g.js';
import type { Point } from '../zk/sch-group.js';
import type { PresignContext } from './presign-context.js';

export type MtaPurpose = 'affgGamma' | 'affgW';

export interface MtaSent {
  readonly D: bigint;
  readonly F: bigint;
  readonly psi: AffGProof;
  /** beta_{i,j}: the sender's additive part, secret. */
  readonly beta: bigint;
}

/** Sender side for receiver j: beta <- ±2^ℓ' (cggmp21 spec), D, F and the Πaff-g proof. */
export function mtaSend(
  ctx: PresignContext,
  purpose: MtaPurpose,
  j: PartyIndex,
  Kj: bigint,
  x: bigint,
  X: Point,
  rng: Rng,
): MtaSent {
  const pkj = ctx.paillier(j);
  const pki = ctx.paillier(ctx.self);
  const sk = ctx.sk;
  const beta = randomInterval(rng, ctx.profile.ellPrime);
  const s = randomUnit(rng, pkj.N);
  const r = randomUnit(rng, pki.N);
  // x ⊙ K_j under P_j's key: no CRT; x is secret, so the exponentiation takes modPow's OpenSSL path.
  const D = (modPow(Kj, x, pkj.N2) * pkj.encryptWithNonce(-beta, s)) % pkj.N2;
  const F = sk.encryptWithNonce(-beta, r);
  const psi = proveAffG(
    ctx.proof(purpose, ctx.self),
    { verifierPk: pkj, proverPk: pki, C: Kj, D, Y: F, X },
    new AffGWitness(x, -beta, s, r, sk),
    ctx.pedersen(j),
    ctx.profile,
    rng,
  );
  return { D, F, psi, beta };
}

export type MtaReceived =
  | { readonly ok: true; readonly alpha: bigint }
  | { readonly ok: false; readonly reason: string };

/**
 * Receiver side for sender j: verifies psi_{i,j} against our K_i and j's public X_j (Gamma_j or
 * W_j), then alpha_{i,j} = Dec_i(D_{i,j}) read in the symmetric range. Πaff-g's statement checks
 * put D in Z*_{N_i^2} and F in Z*_{N_j^2} first (CRYPTO.md item 8); its interval checks keep the
 * plaintext far from wrapping modulo N_i (CRYPTO.md item 7, Alpha-Rays).
 */
export function mtaReceive(
  ctx: PresignContext,
  purpose: MtaPurpose,
  j: PartyIndex,
  Ki: bigint,
  message: { readonly D: bigint; readonly F: bigint; readonly psi: AffGProof },
  Xj: Point,
): MtaReceived {
  const check = verifyAffG(
    ctx.proof(purpose, j),
    {
      verifierPk: ctx.paillier(ctx.self),
      proverPk: ctx.paillier(j),
      C: Ki,
      D: message.D,
      Y: message.F,
      X: Xj,
    },
    message.psi,
    ctx.pedersen(ctx.self),
    ctx.profile,
    ctx.sk,
  );
  if (!check.ok) return { ok: false, reason: check.reason };
  return { ok: true, alpha: ctx.sk.decryptSigned(ctx.paillier(ctx.self).parseCiphertext(message.D)) };
}
