/**
 * Key generation round 1 (cggmp21 spec/main.tex, "Threshold Key Generation", round 2 "Upon
 * receiving V_j from all parties"): collects every V_j and opens ours. The spec's optional
 * reliability check is the session driver's echo of this reliable broadcast on the round-2
 * envelopes. Holds our polynomial's coefficients and the Πsch nonce; both redact themselves.
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
  SecretBytes,
  type Step,
} from '../engine/index.js';
import type { SchNonce } from '../zk/sch.js';
import { encodeScalar } from '../zk/sch-group.js';
import type { EcdsaKeyShare } from './key-share.js';
import type { KeygenContext } from './keygen-context.js';
import { type KeygenRound1Message, type KeygenRound2Message, keygenRound1Spec } from './keygen-messages.js';
import { KeygenRound2 } from './keygen-round2.js';

export class KeygenRound1 implements Round<EcdsaKeyShare, KeygenRound1Message, never> {
  readonly protocol: string;
  readonly number = 1;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<KeygenRound1Message> = keygenRound1Spec;
  readonly #ctx: KeygenContext;
  readonly #coefficients: readonly SecretBytes[];
  readonly #nonce: SchNonce;
  readonly #opening: KeygenRound2Message;

  constructor(
    ctx: KeygenContext,
    coefficients: readonly bigint[],
    nonce: SchNonce,
    opening: KeygenRound2Message,
  ) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.#ctx = ctx;
    this.#coefficients = Object.freeze(coefficients.map((a) => new SecretBytes(encodeScalar(a))));
    this.#nonce = nonce;
    this.#opening = opening;
    redacted(this, 'KeygenRound1');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<KeygenRound1Message, never>, _rng: Rng): Step<EcdsaKeyShare> {
    const missing = this.peers.filter((p) => !inbound.broadcast.has(p));
    if (missing.length > 0) return abort(missing, 'missing key-generation commitment');
    const commitments = new Map<PartyIndex, Uint8Array>();
    for (const p of this.peers) commitments.set(p, Uint8Array.from(inbound.broadcast.get(p)!.commitment));
    const round2 = new KeygenRound2(this.#ctx, this.#coefficients, this.#nonce, this.#opening, commitments);
    return next(round2, [broadcastTo(round2.broadcast, this.#opening)]);
  }
}
