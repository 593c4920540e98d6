/**
 * Round 1 of two-round FROST signing (RFC 9591 section 5.1): every signer has broadcast its
 * nonce commitment (D_j, E_j). We check each one, form the commitment list and compute our
 * signature share (section 5.2), spending our nonce.
 */

import { equalBytes } from '@noble/curves/utils.js';
import {
  abort,
  broadcastTo,
  type Inbound,
  type MessageSpec,
  next,
  type PartyIndex,
  type Rng,
  type Round,
  type Step,
} from '../engine/index.js';
import { checkCommitment, discardNonce, type FrostCommitment, type FrostNonce } from './nonce.js';
import { computeSignatureShare, type SignContext } from './sign-context.js';
import { type FrostSignRound1Message, signRound1Spec } from './sign-messages.js';
import { FrostSignShareRound } from './sign-share-round.js';

export class FrostSignCommitRound implements Round<Uint8Array, FrostSignRound1Message, never> {
  readonly protocol: string;
  readonly number = 1;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<FrostSignRound1Message>;
  readonly #ctx: SignContext;
  readonly #nonce: FrostNonce;

  constructor(ctx: SignContext, protocol: string, nonce: FrostNonce) {
    this.protocol = protocol;
    this.peers = ctx.peers;
    this.broadcast = signRound1Spec(ctx.suite);
    this.#ctx = ctx;
    this.#nonce = nonce;
    Object.freeze(this);
  }

  finalize(inbound: Inbound<FrostSignRound1Message, never>, _rng: Rng): Step<Uint8Array> {
    const ctx = this.#ctx;
    const own = this.#nonce.commitment;
    const byParty = new Map<PartyIndex, FrostCommitment>([[ctx.share.party, own]]);
    const culprits: PartyIndex[] = [];
    const evidence: Record<string, string> = {};
    for (const peer of this.peers) {
      const m = inbound.broadcast.get(peer);
      try {
        if (!m) throw new Error('missing nonce commitment');
        checkCommitment(ctx.suite, m.commitment, 'nonce commitment');
        if (m.commitment.party !== peer) throw new Error(`commitment names party ${m.commitment.party}`);
        if (equalBytes(m.commitment.hiding, own.hiding) || equalBytes(m.commitment.binding, own.binding)) {
          throw new Error('copied our nonce commitment');
        }
        byParty.set(peer, m.commitment);
      } catch (e) {
        culprits.push(peer);
        evidence[`party.${peer}`] = (e as Error).message;
      }
    }
    if (culprits.length > 0) {
      // No share was made with this nonce; destroy it anyway so it can never be reused.
      discardNonce(this.#nonce);
      return abort(culprits, 'invalid nonce commitment', evidence);
    }
    const list = ctx.signers.map((p) => byParty.get(p)!);
    // Throws 'FROST nonce already used' if this round is finalized twice.
    const z = computeSignatureShare(ctx, this.#nonce, list);
    const round = new FrostSignShareRound(ctx, {
      protocol: this.protocol,
      number: 2,
      commitments: list,
      ownShare: z,
      precommitted: false,
    });
    return next(round, [broadcastTo(round.broadcast, round.message(z))]);
  }
}
