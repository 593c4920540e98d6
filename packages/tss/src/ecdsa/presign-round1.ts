/**
 * Presigning round 1 (ePrint 2021/060 Fig. 7; cggmp21 spec/main.tex "Non-Threshold Presigning",
 * Round 2 of the spec's numbering): every signer has broadcast (K_j, G_j) and sent us psi0_{i,j}.
 * We check each K_j, G_j in Z*_{N_j^2} and each Πenc, then run both MtAs towards every peer
 * (gamma_i with K_j, w_i with K_j) and prove Gamma_i = gamma_i*G against G_i with Πlog*.
 */
import {
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
import { verifyEnc } from '../zk/enc.js';
import { ciphertextDefect } from '../zk/enc-range.js';
import { LogStarWitness, proveLogStar } from '../zk/log-star.js';
import { mulSecret, Point } from '../zk/sch-group.js';
import { Blame } from './presign-blame.js';
import { ECDSA_PRESIGN_PROTOCOL, type PresignContext } from './presign-context.js';
import {
  type PresignRound1Message,
  type PresignRound1Proof,
  type PresignRound2Mta,
  presignRound1ProofSpec,
  presignRound1Spec,
} from './presign-messages.js';
import { mtaSend } from './presign-mta.js';
import { type PresignBetas, PresignRound2 } from './presign-round2.js';
import type { Presignature } from './presignature.js';

/** Round-1 secrets: k_i, gamma_i, the nonces of K_i and G_i, and w_i = lambda_i * x_i. */
export interface PresignSecrets {
  readonly k: bigint;
  readonly gamma: bigint;
  readonly rho: bigint;
  readonly nu: bigint;
  readonly w: bigint;
}

export class PresignRound1 implements Round<Presignature, PresignRound1Message, PresignRound1Proof> {
  readonly protocol = ECDSA_PRESIGN_PROTOCOL;
  readonly number = 1;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<PresignRound1Message>;
  readonly p2p: MessageSpec<PresignRound1Proof>;
  readonly #ctx: PresignContext;
  readonly #secrets: PresignSecrets;
  readonly #own: PresignRound1Message;
  #finalized = false;

  constructor(ctx: PresignContext, secrets: PresignSecrets, own: PresignRound1Message) {
    this.peers = ctx.peers;
    this.broadcast = presignRound1Spec(ctx.profile);
    this.p2p = presignRound1ProofSpec(ctx.profile);
    this.#ctx = ctx;
    this.#secrets = secrets;
    this.#own = own;
    redacted(this, 'PresignRound1');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<PresignRound1Message, PresignRound1Proof>, rng: Rng): Step<Presignature> {
    // A round runs once: a second run would redo the MtAs with fresh masks on the same secrets.
    if (this.#finalized) throw new Error('presign round 1 already finalized');
    this.#finalized = true;
    const ctx = this.#ctx;
    const received = new Map<PartyIndex, PresignRound1Message>([[ctx.self, this.#own]]);
    const blame = new Blame();
    for (const j of this.peers) {
      const b = inbound.broadcast.get(j);
      const p = inbound.p2p.get(j);
      if (!b || !p) {
        blame.add(j, 'missing round-1 message');
        continue;
      }
      const pkj = ctx.paillier(j);
      const defect = ciphertextDefect(pkj, b.K, 'K_j', 'N_j') ?? ciphertextDefect(pkj, b.G, 'G_j', 'N_j');
      if (defect !== null) {
        blame.add(j, defect);
        continue;
      }
      // Fig. 7 Round 2 step 1: Verify^enc((sid, j), R_i, (N_j, K_j), psi0_{i,j}).
      const check = verifyEnc(
        ctx.proof('enc', j),
        { proverPk: pkj, K: b.K },
        p.psi0,
        ctx.pedersen(ctx.self),
        ctx.profile,
        ctx.sk,
      );
      if (!check.ok) {
        blame.add(j, `Πenc: ${check.reason}`);
        continue;
      }
      received.set(j, b);
    }
    if (blame.any) return blame.abort('presign round 1: invalid K_j, G_j or Πenc proof');

    const { k, gamma, rho, nu, w } = this.#secrets;
    const self = ctx.self;
    // Fig. 7 Round 2 step 2: Gamma_i = gamma_i * G; then both MtAs towards every peer.
    const Gamma = mulSecret(Point.BASE, gamma);
    const W = ctx.W.get(self)!;
    const pki = ctx.paillier(self);
    const betas = new Map<PartyIndex, PresignBetas>();
    const messages = new Map<PartyIndex, PresignRound2Mta>();
    for (const j of this.peers) {
      const Kj = received.get(j)!.K;
      const mta = mtaSend(ctx, 'affgGamma', j, Kj, gamma, Gamma, rng);
      const mtaHat = mtaSend(ctx, 'affgW', j, Kj, w, W, rng);
      // psi'_{j,i} = Πlog*((N_i, G_i, Gamma_i, G); (gamma_i, nu_i)) against P_j's parameters.
      const psiPrime = proveLogStar(
        ctx.proof('logStarGamma', self),
        { proverPk: pki, C: this.#own.G, X: Gamma, B: Point.BASE },
        new LogStarWitness(gamma, nu, ctx.sk),
        ctx.pedersen(j),
        ctx.profile,
        rng,
      );
      betas.set(j, { beta: mta.beta, betaHat: mtaHat.beta });
      messages.set(j, {
        D: mta.D,
        F: mta.F,
        Dhat: mtaHat.D,
        Fhat: mtaHat.F,
        psi: mta.psi,
        psiHat: mtaHat.psi,
        psiPrime,
      });
    }
    const round = new PresignRound2(ctx, { k, gamma, rho, w, betas }, received, Gamma);
    return next(round, [
      broadcastTo(round.broadcast, { Gamma }),
      ...this.peers.map((j) => sendTo(round.p2p, j, messages.get(j)!)),
    ]);
  }
}
