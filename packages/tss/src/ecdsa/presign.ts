/**
 * CGGMP presigning (ePrint 2021/060 Fig. 7; cggmp21 spec/main.tex "Threshold Presigning"), three
 * rounds among a signer set S of exactly `threshold` parties, ahead of any message. The Shamir
 * shares of S become additive ones, w_i = lambda_i * x_i with public W_j = lambda_j * X_j (spec
 * Step 1); then:
 *   round 1  K_i = Enc_i(k_i), G_i = Enc_i(gamma_i), reliable broadcast; psi0 (Πenc) p2p;
 *   round 2  Gamma_i reliable broadcast; both MtAs with Πaff-g and psi' (Πlog*) p2p;
 *   round 3  (delta_i, Delta_i, S_i) broadcast; psi'' (Πlog*) p2p;
 *   output   R = delta^-1 * Gamma and our (k_i, chi_i): a single-use `Presignature`.
 *
 * We use Πenc for K_i (CGGMP 2021, Fig. 14), as taurusgroup/multi-party-sig and the cggmp21
 * spec do, not the 2024 revision's Πenc-elg/Πelog. That revision adds ElGamal commitments to
 * round 1 for its security proof (CRYPTO.md names it as the target); adopting it means new
 * round-1 fields and two new proofs, which neither reference implementation carries yet.
 */
import { broadcastTo, next, type Rng, type Step, sendTo } from '../engine/index.js';
import { randomBelow, randomUnit } from '../math/random.js';
import { EncWitness, proveEnc } from '../zk/enc.js';
import { CURVE_ORDER } from '../zk/sch-group.js';
import { PresignContext, type PresignParams } from './presign-context.js';
import { PresignRound1 } from './presign-round1.js';
import type { Presignature } from './presignature.js';

export { ECDSA_PRESIGN_PROTOCOL, type PresignParams } from './presign-context.js';

/** Starts presigning: returns round 1 with our (K_i, G_i) broadcast and one Πenc per peer. */
export function startPresign(params: PresignParams, rng: Rng): Step<Presignature> {
  const ctx = new PresignContext(params);
  const sk = ctx.sk;
  const pk = ctx.paillier(ctx.self);
  // Fig. 7 Round 1: k_i, gamma_i <- F_q (never 0), rho_i, nu_i <- Z*_{N_i},
  // K_i = Enc^crt_i(k_i; rho_i), G_i = Enc^crt_i(gamma_i; nu_i).
  const k = 1n + randomBelow(rng, CURVE_ORDER - 1n);
  const gamma = 1n + randomBelow(rng, CURVE_ORDER - 1n);
  const rho = randomUnit(rng, pk.N);
  const nu = randomUnit(rng, pk.N);
  const K = sk.encryptWithNonce(k, rho);
  const G = sk.encryptWithNonce(gamma, nu);
  const round = new PresignRound1(ctx, { k, gamma, rho, nu, w: ctx.additiveShare() }, { K, G });
  const out = [broadcastTo(round.broadcast, { K, G })];
  for (const j of ctx.peers) {
    // psi0_{j,i} = Πenc((sid, i), R_j, (N_i, K_i); (k_i, rho_i)).
    const psi0 = proveEnc(
      ctx.proof('enc', ctx.self),
      { proverPk: pk, K },
      new EncWitness(k, rho, sk),
      ctx.pedersen(j),
      ctx.profile,
      rng,
    );
    out.push(sendTo(round.p2p, j, { psi0 }));
  }
  return next(round, out);
}
