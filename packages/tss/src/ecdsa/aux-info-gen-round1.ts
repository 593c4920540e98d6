/**
 * Aux-info round 1 (cggmp21 spec/main.tex, "Provisioning Protocol", round 2 "Receive V_j from
 * all parties"): collects every peer's commitment V_j and opens ours. The spec's optional
 * reliability check (echo of H(V_1..V_n)) is the session driver's echo of this reliable
 * broadcast, carried on the round-2 envelopes, so equivocation is caught before any opening
 * is used.
 */
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
} from '../engine/index.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import type { AuxInfo } from './aux-info.js';
import type { AuxGenContext } from './aux-info-gen-context.js';
import {
  type AuxInfoRound1Message,
  type AuxInfoRound2Message,
  auxRound1Spec,
} from './aux-info-gen-messages.js';
import { AuxInfoRound2 } from './aux-info-gen-round2.js';

export class AuxInfoRound1 implements Round<AuxInfo, AuxInfoRound1Message, never> {
  readonly protocol: string;
  readonly number = 1;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<AuxInfoRound1Message> = auxRound1Spec;
  readonly #ctx: AuxGenContext;
  readonly #paillier: PaillierSecretKey;
  readonly #opening: AuxInfoRound2Message;

  constructor(ctx: AuxGenContext, paillier: PaillierSecretKey, opening: AuxInfoRound2Message) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.#ctx = ctx;
    this.#paillier = paillier;
    this.#opening = opening;
    redacted(this, 'AuxInfoRound1');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<AuxInfoRound1Message, never>, _rng: Rng): Step<AuxInfo> {
    const commitments = new Map<PartyIndex, Uint8Array>();
    const missing = this.peers.filter((p) => !inbound.broadcast.has(p));
    if (missing.length > 0) return abort(missing, 'missing aux-info commitment');
    for (const p of this.peers) commitments.set(p, Uint8Array.from(inbound.broadcast.get(p)!.commitment));
    const round2 = new AuxInfoRound2(this.#ctx, this.#paillier, this.#opening, commitments);
    return next(round2, [broadcastTo(round2.broadcast, this.#opening)]);
  }
}
