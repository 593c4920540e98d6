/**
 * Presigning round 2 (ePrint 2021/060 Fig. 7 Round 3; cggmp21 spec/main.tex "Non-Threshold
 * Presigning", Round 3): every signer has broadcast Gamma_j and sent us its MtA messages. We
 * verify psi_{i,j}, psi^_{i,j} (Πaff-g) and psi'_{i,j} (Πlog*), naming every peer whose proof
 * fails, then compute
 *   Gamma = sum_j Gamma_j,  Delta_i = k_i * Gamma,
 *   delta_i = gamma_i k_i + sum_{j != i} (alpha_{i,j} + beta_{i,j}) mod q,
 *   chi_i   = w_i k_i     + sum_{j != i} (alpha^_{i,j} + beta^_{i,j}) mod q,
 * and S_i = chi_i * Gamma, the chi-commitment that lets signing check each sigma_j (the CGGMP
 * 2024 revision and cggmp21 publish it for identifiable signing), with psi''_{j,i} = Πlog* for
 * (K_i, Delta_i) with base Gamma.
 */
import { bytesToHex } from '@noble/curves/utils.js';
import {
  abort,
  broadcastTo,
  type Inbound,
  type MessageSpec,
  next,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  type Step,
  sendTo,
} from '../engine/index.js';
import { mod } from '../math/modular.js';
import { LogStarWitness, proveLogStar, verifyLogStar } from '../zk/log-star.js';
import { CURVE_ORDER, encodePoint, mulSecret, Point } from '../zk/sch-group.js';
import { Blame } from './presign-blame.js';
import { ECDSA_PRESIGN_PROTOCOL, type PresignContext } from './presign-context.js';
import {
  type PresignRound1Message,
  type PresignRound2Message,
  type PresignRound2Mta,
  presignRound2MtaSpec,
  presignRound2Spec,
} from './presign-messages.js';
import { mtaReceive } from './presign-mta.js';
import { PresignRound3 } from './presign-round3.js';
import type { Presignature } from './presignature.js';

/** beta_{i,j} and beta^_{i,j}: our additive parts of the MtAs we sent to P_j. */
export interface PresignBetas {
  readonly beta: bigint;
  readonly betaHat: bigint;
}

export interface PresignRound2Secrets {
  readonly k: bigint;
  readonly gamma: bigint;
  readonly rho: bigint;
  readonly w: bigint;
  readonly betas: ReadonlyMap<PartyIndex, PresignBetas>;
}

export class PresignRound2 implements Round<Presignature, PresignRound2Message, PresignRound2Mta> {
  readonly protocol = ECDSA_PRESIGN_PROTOCOL;
  readonly number = 2;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<PresignRound2Message>;
  readonly p2p: MessageSpec<PresignRound2Mta>;
  readonly #ctx: PresignContext;
  readonly #secrets: PresignRound2Secrets;
  /** (K_j, G_j) of every signer, ours included. */
  readonly #ciphertexts: ReadonlyMap<PartyIndex, PresignRound1Message>;
  readonly #Gamma: Point;
  #finalized = false;

  constructor(
    ctx: PresignContext,
    secrets: PresignRound2Secrets,
    ciphertexts: ReadonlyMap<PartyIndex, PresignRound1Message>,
    Gamma: Point,
  ) {
    this.peers = ctx.peers;
    this.broadcast = presignRound2Spec();
    this.p2p = presignRound2MtaSpec(ctx.profile);
    this.#ctx = ctx;
    this.#secrets = secrets;
    this.#ciphertexts = ciphertexts;
    this.#Gamma = Gamma;
    redacted(this, 'PresignRound2');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<PresignRound2Message, PresignRound2Mta>, rng: Rng): Step<Presignature> {
    if (this.#finalized) throw new Error('presign round 2 already finalized');
    this.#finalized = true;
    const ctx = this.#ctx;
    const self = ctx.self;
    const Ki = this.#ciphertexts.get(self)!.K;
    const blame = new Blame();
    const Gammas = new Map<PartyIndex, Point>([[self, this.#Gamma]]);
    let alphaSum = 0n;
    let alphaHatSum = 0n;
    for (const j of this.peers) {
      const b = inbound.broadcast.get(j);
      const m = inbound.p2p.get(j);
      if (!b || !m) {
        blame.add(j, 'missing round-2 message');
        continue;
      }
      // Fig. 7 Round 3 step 1: Verify^log*((sid, j), R_i, (N_j, G_j, Gamma_j, G), psi'_{i,j}).
      const logStar = verifyLogStar(
        ctx.proof('logStarGamma', j),
        { proverPk: ctx.paillier(j), C: this.#ciphertexts.get(j)!.G, X: b.Gamma, B: Point.BASE },
        m.psiPrime,
        ctx.pedersen(self),
        ctx.profile,
        ctx.sk,
      );
      if (!logStar.ok) {
        blame.add(j, `Πlog* (Gamma_j): ${logStar.reason}`);
        continue;
      }
      // Verify^aff-g for (K_i, D_{i,j}, F_{i,j}, Gamma_j) and (K_i, D^_{i,j}, F^_{i,j}, W_j).
      const mta = mtaReceive(ctx, 'affgGamma', j, Ki, { D: m.D, F: m.F, psi: m.psi }, b.Gamma);
      if (!mta.ok) {
        blame.add(j, `Πaff-g (gamma MtA): ${mta.reason}`);
        continue;
      }
      const mtaHat = mtaReceive(ctx, 'affgW', j, Ki, { D: m.Dhat, F: m.Fhat, psi: m.psiHat }, ctx.W.get(j)!);
      if (!mtaHat.ok) {
        blame.add(j, `Πaff-g (w MtA): ${mtaHat.reason}`);
        continue;
      }
      Gammas.set(j, b.Gamma);
      alphaSum += mta.alpha;
      alphaHatSum += mtaHat.alpha;
    }
    if (blame.any) return blame.abort('presign round 2: invalid Πlog* or Πaff-g proof');

    const { k, gamma, rho, w, betas } = this.#secrets;
    let Gamma = Point.ZERO;
    for (const G of Gammas.values()) Gamma = Gamma.add(G);
    if (Gamma.is0()) {
      // Each Gamma_j is pinned by Πlog* to a G_j committed before any Gamma_j was seen.
      return abort([], 'Gamma = sum Gamma_j is the identity', {
        ...Object.fromEntries([...Gammas].map(([j, G]) => [`Gamma.${j}`, bytesToHex(encodePoint(G))])),
      });
    }
    let betaSum = 0n;
    let betaHatSum = 0n;
    for (const { beta, betaHat } of betas.values()) {
      betaSum += beta;
      betaHatSum += betaHat;
    }
    const delta = mod(gamma * k + alphaSum + betaSum, CURVE_ORDER);
    const chi = mod(w * k + alphaHatSum + betaHatSum, CURVE_ORDER);
    if (chi === 0n) return abort([], 'chi_i = 0 (probability 1/q)');
    const Delta = mulSecret(Gamma, k);
    const S = mulSecret(Gamma, chi);
    const pki = ctx.paillier(self);
    const round = new PresignRound3(ctx, { k, chi, delta, Delta, S }, this.#ciphertexts, Gamma);
    const out = [broadcastTo(round.broadcast, { delta, Delta, S })];
    for (const j of this.peers) {
      // psi''_{j,i} = Πlog*((N_i, K_i, Delta_i, Gamma); (k_i, rho_i)) against P_j's parameters.
      const psiDoublePrime = proveLogStar(
        ctx.proof('logStarDelta', self),
        { proverPk: pki, C: Ki, X: Delta, B: Gamma },
        new LogStarWitness(k, rho, ctx.sk),
        ctx.pedersen(j),
        ctx.profile,
        rng,
      );
      out.push(sendTo(round.p2p, j, { psiDoublePrime }));
    }
    return next(round, out);
  }
}
