/**
 * Key generation round 3 (cggmp21 spec/main.tex, "Threshold Key Generation", round 3 share
 * check and Output): every peer j has sent sigma_{j,i} = f_j(i) to us and broadcast Πsch for
 * F_j(0). For each j: sigma_{j,i} G = F_j(i) (CRYPTO.md item 10) and Πsch verifies under
 * (sid, j, rid) (item 11); a failure names j and never quotes the share. Output:
 * x_i = sum_j f_j(i), X = sum_j F_j(0), X_k = sum_j F_j(k) for every participant k, validated
 * by `ecdsaKeyShareFromParts` (x_i G = X_i, all X_k on one degree t-1 polynomial through X).
 */
import {
  abort,
  done,
  type Inbound,
  type MessageSpec,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  type SecretBytes,
  type Step,
} from '../engine/index.js';
import { verifySch } from '../zk/sch.js';
import { CURVE_ORDER, decodeScalar, encodePoint, encodeScalar, mulSecret, Point } from '../zk/sch-group.js';
import { type EcdsaKeyShare, ecdsaKeyShareFromParts } from './key-share.js';
import { evaluateCommitment, type KeygenContext } from './keygen-context.js';
import {
  type KeygenRound3Message,
  type KeygenShareMessage,
  keygenRound3Spec,
  keygenShareSpec,
} from './keygen-messages.js';
import { proofContext } from './session-binding.js';

export class KeygenRound3 implements Round<EcdsaKeyShare, KeygenRound3Message, KeygenShareMessage> {
  readonly protocol: string;
  readonly number = 3;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<KeygenRound3Message> = keygenRound3Spec;
  readonly p2p: MessageSpec<KeygenShareMessage> = keygenShareSpec;
  readonly #ctx: KeygenContext;
  readonly #vss: ReadonlyMap<PartyIndex, readonly Point[]>;
  readonly #proofSid: Uint8Array;
  /** f_i(i) of our own polynomial. */
  readonly #own: SecretBytes;

  constructor(
    ctx: KeygenContext,
    vss: ReadonlyMap<PartyIndex, readonly Point[]>,
    proofSid: Uint8Array,
    own: SecretBytes,
  ) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.#ctx = ctx;
    this.#vss = vss;
    this.#proofSid = proofSid;
    this.#own = own;
    redacted(this, 'KeygenRound3');
    Object.freeze(this);
  }

  /** Checks peer j's share and proof; returns f_j(i) or the defect. */
  #check(
    j: PartyIndex,
    proof: KeygenRound3Message | undefined,
    share: KeygenShareMessage | undefined,
  ): { readonly sigma: bigint } | { readonly defect: string } {
    if (!proof) return { defect: 'missing Πsch proof' };
    if (!share) return { defect: 'missing share' };
    const F = this.#vss.get(j)!;
    let sigma: bigint;
    try {
      sigma = decodeScalar(share.share.expose(), 'share');
    } catch {
      return { defect: 'share is not a scalar below q' };
    }
    if (!mulSecret(Point.BASE, sigma).equals(evaluateCommitment(F, BigInt(this.#ctx.self)))) {
      return { defect: "share inconsistent with the sender's Feldman commitment" };
    }
    const check = verifySch(proofContext(this.#proofSid, j), { X: F[0]! }, proof.schProof);
    return check.ok ? { sigma } : { defect: `Πsch: ${check.reason}` };
  }

  finalize(inbound: Inbound<KeygenRound3Message, KeygenShareMessage>, _rng: Rng): Step<EcdsaKeyShare> {
    const { self, parties, threshold } = this.#ctx;
    const culprits: PartyIndex[] = [];
    const evidence: Record<string, string> = {};
    let x = decodeScalar(this.#own.expose(), 'own share');
    for (const j of this.peers) {
      const result = this.#check(j, inbound.broadcast.get(j), inbound.p2p.get(j));
      if ('sigma' in result) x = (x + result.sigma) % CURVE_ORDER;
      else {
        culprits.push(j);
        evidence[`party.${j}`] = result.defect;
      }
    }
    if (culprits.length > 0) return abort(culprits, 'invalid key-generation share or proof', evidence);

    // F = sum_j F_j coefficient-wise; X = F(0) and X_k = F(k).
    const summed = Array.from({ length: threshold }, (_, k) =>
      parties.reduce((acc, j) => acc.add(this.#vss.get(j)![k]!), Point.ZERO),
    );
    const publicShares = new Map(parties.map((k) => [k, encodePoint(evaluateCommitment(summed, BigInt(k)))]));
    const secretShare = encodeScalar(x);
    x = 0n;
    const share = ecdsaKeyShareFromParts({
      party: self,
      threshold,
      publicShares,
      publicKey: encodePoint(summed[0]!),
      secretShare,
    });
    secretShare.fill(0);
    return done(share);
  }
}
