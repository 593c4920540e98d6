/**
 * Presigning round 3, the output step (ePrint 2021/060 Fig. 7 "Output"; cggmp21 spec/main.tex
 * "Non-Threshold Presigning", Output): every signer has broadcast (delta_j, Delta_j, S_j) and sent
 * us psi''_{i,j}. We verify each Πlog* (Delta_j = k_j * Gamma with k_j inside K_j), naming the
 * prover on failure, then check
 *   delta * G = sum_j Delta_j     (delta = sum_j delta_j),
 *   sum_j S_j = delta * X         (chi = sum chi_j = k*x, so sum S_j = k*x*gamma*G),
 * and output the presignature (R = delta^-1 * Gamma, k_i, chi_i). Neither delta_j nor S_j carries
 * a proof here, so a failed sum check aborts without culprits and with the values as evidence;
 * naming the cheater would need the paper's identification round (Πdec over the MtA values),
 * which we do not run. A wrong S_j can only make its own sender's sigma_j fail later.
 */
import { bytesToHex } from '@noble/curves/utils.js';
import {
  abort,
  done,
  type Inbound,
  type MessageSpec,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  type Step,
} from '../engine/index.js';
import { verifyLogStar } from '../zk/log-star.js';
import { CURVE_ORDER, encodePoint, encodeScalar, Point } from '../zk/sch-group.js';
import { Blame } from './presign-blame.js';
import { ECDSA_PRESIGN_PROTOCOL, type PresignContext } from './presign-context.js';
import {
  type PresignRound1Message,
  type PresignRound3Message,
  type PresignRound3Proof,
  presignRound3ProofSpec,
  presignRound3Spec,
} from './presign-messages.js';
import { type Presignature, presignatureFromParts } from './presignature.js';

export interface PresignRound3Secrets {
  readonly k: bigint;
  readonly chi: bigint;
  readonly delta: bigint;
  readonly Delta: Point;
  readonly S: Point;
}

export class PresignRound3 implements Round<Presignature, PresignRound3Message, PresignRound3Proof> {
  readonly protocol = ECDSA_PRESIGN_PROTOCOL;
  readonly number = 3;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<PresignRound3Message>;
  readonly p2p: MessageSpec<PresignRound3Proof>;
  readonly #ctx: PresignContext;
  readonly #secrets: PresignRound3Secrets;
  readonly #ciphertexts: ReadonlyMap<PartyIndex, PresignRound1Message>;
  readonly #Gamma: Point;
  #finalized = false;

  constructor(
    ctx: PresignContext,
    secrets: PresignRound3Secrets,
    ciphertexts: ReadonlyMap<PartyIndex, PresignRound1Message>,
    Gamma: Point,
  ) {
    this.peers = ctx.peers;
    this.broadcast = presignRound3Spec();
    this.p2p = presignRound3ProofSpec(ctx.profile);
    this.#ctx = ctx;
    this.#secrets = secrets;
    this.#ciphertexts = ciphertexts;
    this.#Gamma = Gamma;
    redacted(this, 'PresignRound3');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<PresignRound3Message, PresignRound3Proof>, _rng: Rng): Step<Presignature> {
    if (this.#finalized) throw new Error('presign round 3 already finalized');
    this.#finalized = true;
    const ctx = this.#ctx;
    const own = this.#secrets;
    const Gamma = this.#Gamma;
    const shares = new Map<PartyIndex, PresignRound3Message>([
      [ctx.self, { delta: own.delta, Delta: own.Delta, S: own.S }],
    ]);
    const blame = new Blame();
    for (const j of this.peers) {
      const b = inbound.broadcast.get(j);
      const p = inbound.p2p.get(j);
      if (!b || !p) {
        blame.add(j, 'missing round-3 message');
        continue;
      }
      // Output step 1: Verify^log*((sid, j), R_i, (N_j, K_j, Delta_j, Gamma), psi''_{i,j}).
      const check = verifyLogStar(
        ctx.proof('logStarDelta', j),
        { proverPk: ctx.paillier(j), C: this.#ciphertexts.get(j)!.K, X: b.Delta, B: Gamma },
        p.psiDoublePrime,
        ctx.pedersen(ctx.self),
        ctx.profile,
        ctx.sk,
      );
      if (!check.ok) {
        blame.add(j, `Πlog* (Delta_j): ${check.reason}`);
        continue;
      }
      shares.set(j, b);
    }
    if (blame.any) return blame.abort('presign round 3: invalid Πlog* proof for Delta_j');

    let delta = 0n;
    let sumDelta = Point.ZERO;
    let sumS = Point.ZERO;
    for (const s of shares.values()) {
      delta = (delta + s.delta) % CURVE_ORDER;
      sumDelta = sumDelta.add(s.Delta);
      sumS = sumS.add(s.S);
    }
    const evidence = () => {
      const e: Record<string, string> = { Gamma: bytesToHex(encodePoint(Gamma)) };
      for (const [j, s] of shares) {
        e[`delta.${j}`] = bytesToHex(encodeScalar(s.delta));
        e[`Delta.${j}`] = bytesToHex(encodePoint(s.Delta));
        e[`S.${j}`] = bytesToHex(encodePoint(s.S));
      }
      return e;
    };
    // Output step 2: delta * G = sum Delta_j; delta = 0 would leave R undefined.
    if (delta === 0n || !Point.BASE.multiplyUnsafe(delta).equals(sumDelta)) {
      return abort([], 'presign output: delta*G != sum Delta_j (a delta_j is wrong)', evidence());
    }
    if (!ctx.publicKey.multiplyUnsafe(delta).equals(sumS)) {
      return abort([], 'presign output: sum S_j != delta*X (a chi-commitment S_j is wrong)', evidence());
    }
    const commitments = new Map(
      [...shares].map(([j, s]) => [j, { Delta: encodePoint(s.Delta), S: encodePoint(s.S) }] as const),
    );
    const k = encodeScalar(own.k);
    const chi = encodeScalar(own.chi);
    try {
      return done(
        presignatureFromParts({
          sessionId: ctx.sessionId,
          keyId: ctx.keyId,
          keyVersion: ctx.keyVersion,
          publicKey: ctx.share.publicKey,
          keyFingerprint: ctx.keyFingerprint,
          party: ctx.self,
          commitments,
          Gamma: encodePoint(Gamma),
          delta: encodeScalar(delta),
          k,
          chi,
        }),
      );
    } finally {
      k.fill(0);
      chi.fill(0);
    }
  }
}
