/**
 * Key generation round 2 (cggmp21 spec/main.tex, "Threshold Key Generation", round 3 checks):
 * every peer has opened V_j. For each j: F_j has exactly t entries (CRYPTO.md item 10), every
 * point of F_j and A_j is a valid non-identity point (item 9), and the opening hashes to V_j
 * (item 11: a changed opening, or a commitment copied from another party, fails because V_j is
 * bound to j). A failure names j. Then rid = XOR rid_j, and we answer the committed Πsch
 * nonce for F_i(0) under (sid, i, rid) and send f_i(j) to every peer j.
 *
 * The nonce is single-use (zk/sch.ts): this round can be finalized once, as the session driver
 * does; a second call throws instead of answering a second challenge with the same nonce.
 */
import {
  abort,
  broadcastTo,
  type Inbound,
  type MessageSpec,
  next,
  type Outbound,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  SecretBytes,
  type Step,
  sendTo,
} from '../engine/index.js';
import { proveSchWithNonce, type SchNonce, SchWitness } from '../zk/sch.js';
import { decodeScalar, encodeScalar, type Point, pointDefect } from '../zk/sch-group.js';
import type { EcdsaKeyShare } from './key-share.js';
import {
  evaluatePolynomial,
  type KeygenContext,
  keygenCommitment,
  keygenProofSid,
} from './keygen-context.js';
import { type KeygenRound2Message, keygenRound2Spec } from './keygen-messages.js';
import { KeygenRound3 } from './keygen-round3.js';
import { proofContext, sameBytes, xorAll } from './session-binding.js';

export class KeygenRound2 implements Round<EcdsaKeyShare, KeygenRound2Message, never> {
  readonly protocol: string;
  readonly number = 2;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<KeygenRound2Message>;
  readonly #ctx: KeygenContext;
  readonly #coefficients: readonly SecretBytes[];
  readonly #nonce: SchNonce;
  readonly #opening: KeygenRound2Message;
  readonly #commitments: ReadonlyMap<PartyIndex, Uint8Array>;

  constructor(
    ctx: KeygenContext,
    coefficients: readonly SecretBytes[],
    nonce: SchNonce,
    opening: KeygenRound2Message,
    commitments: ReadonlyMap<PartyIndex, Uint8Array>,
  ) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.broadcast = keygenRound2Spec(ctx.threshold);
    this.#ctx = ctx;
    this.#coefficients = coefficients;
    this.#nonce = nonce;
    this.#opening = opening;
    this.#commitments = commitments;
    redacted(this, 'KeygenRound2');
    Object.freeze(this);
  }

  /** The first defect of peer j's opening, or null. */
  #defect(j: PartyIndex, m: KeygenRound2Message | undefined): string | null {
    const { threshold, sid } = this.#ctx;
    if (!m) return 'missing decommitment';
    if (!Array.isArray(m.vss) || m.vss.length !== threshold) {
      return `commitment vector has ${m.vss?.length} entries, expected ${threshold}`;
    }
    if (!(m.rid instanceof Uint8Array) || !(m.u instanceof Uint8Array)) return 'malformed rid or u';
    for (const [k, P] of m.vss.entries()) {
      const bad = pointDefect(P, `F_j[${k}]`);
      if (bad !== null) return bad;
    }
    const bad = pointDefect(m.A, 'A_j');
    if (bad !== null) return bad;
    if (!sameBytes(keygenCommitment(sid, j, m), this.#commitments.get(j)!)) {
      return 'decommitment does not match the round-1 commitment V_j';
    }
    return null;
  }

  finalize(inbound: Inbound<KeygenRound2Message, never>, _rng: Rng): Step<EcdsaKeyShare> {
    const { self, parties } = this.#ctx;
    const culprits: PartyIndex[] = [];
    const evidence: Record<string, string> = {};
    const openings = new Map<PartyIndex, KeygenRound2Message>([[self, this.#opening]]);
    for (const j of this.peers) {
      const m = inbound.broadcast.get(j);
      const defect = this.#defect(j, m);
      if (defect === null) openings.set(j, m!);
      else {
        culprits.push(j);
        evidence[`party.${j}`] = defect;
      }
    }
    if (culprits.length > 0) return abort(culprits, 'invalid key-generation decommitment', evidence);

    const rid = xorAll(parties.map((j) => openings.get(j)!.rid));
    const vss = new Map<PartyIndex, readonly Point[]>([...openings].map(([j, m]) => [j, m.vss]));
    const proofSid = keygenProofSid(this.#ctx.sid, rid, parties, vss);
    const a = this.#coefficients.map((c) => decodeScalar(c.expose(), 'coefficient'));
    const schProof = proveSchWithNonce(
      proofContext(proofSid, self),
      { X: this.#opening.vss[0]! },
      new SchWitness(a[0]!),
      this.#nonce,
    );
    const own = new SecretBytes(encodeScalar(evaluatePolynomial(a, BigInt(self))));
    const round3 = new KeygenRound3(this.#ctx, vss, proofSid, own);
    const out: Outbound[] = [broadcastTo(round3.broadcast, { schProof })];
    for (const j of this.peers) {
      const share = new SecretBytes(encodeScalar(evaluatePolynomial(a, BigInt(j))));
      out.push(sendTo(round3.p2p, j, { share }));
      share.wipe();
    }
    a.fill(0n);
    return next(round3, out);
  }
}
