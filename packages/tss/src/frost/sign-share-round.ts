/**
 * The signature-share round of FROST signing (RFC 9591 sections 5.2-5.4): every signer has
 * broadcast z_i; we aggregate, verify strictly, and release the signature, or name the signers
 * whose shares fail `verify_signature_share`. It is round 2 of two-round signing and the only
 * round of precommitted signing.
 */

import { equalBytes } from '@noble/curves/utils.js';
import {
  abort,
  done,
  type Inbound,
  type MessageSpec,
  type PartyIndex,
  type Rng,
  type Round,
  type Step,
} from '../engine/index.js';
import type { FrostCommitment } from './nonce.js';
import {
  aggregateShares,
  frostCommitmentListDigest,
  type SignContext,
  shareEvidence,
} from './sign-context.js';
import { type FrostSignRound2Message, signRound2Spec } from './sign-messages.js';

export interface SignShareRoundOptions {
  readonly protocol: string;
  readonly number: number;
  /** The commitment list our share was computed over, in signer order. */
  readonly commitments: readonly FrostCommitment[];
  /** Our own z_i (already sent). */
  readonly ownShare: Uint8Array;
  /** The list came from a coordinator rather than from the signers' own broadcasts. */
  readonly precommitted: boolean;
}

export class FrostSignShareRound implements Round<Uint8Array, FrostSignRound2Message, never> {
  readonly protocol: string;
  readonly number: number;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<FrostSignRound2Message>;
  readonly #ctx: SignContext;
  readonly #options: SignShareRoundOptions;
  readonly #listDigest: Uint8Array;

  constructor(ctx: SignContext, options: SignShareRoundOptions) {
    this.protocol = options.protocol;
    this.number = options.number;
    this.peers = ctx.peers;
    this.broadcast = signRound2Spec(ctx.suite);
    this.#ctx = ctx;
    this.#options = Object.freeze({
      ...options,
      commitments: Object.freeze([...options.commitments]),
      ownShare: Uint8Array.from(options.ownShare),
    });
    this.#listDigest = frostCommitmentListDigest(ctx.suite, options.commitments);
    Object.freeze(this);
  }

  /** Our outbound share message for this round. */
  message(signatureShare: Uint8Array): FrostSignRound2Message {
    return { signatureShare, commitmentListDigest: this.#listDigest };
  }

  finalize(inbound: Inbound<FrostSignRound2Message, never>, _rng: Rng): Step<Uint8Array> {
    const ctx = this.#ctx;
    const shares = new Map<PartyIndex, Uint8Array>([[ctx.share.party, this.#options.ownShare]]);
    const malformed: PartyIndex[] = [];
    const evidence: Record<string, string> = {};
    for (const peer of this.peers) {
      const m = inbound.broadcast.get(peer);
      try {
        if (!m) throw new Error('missing signature share');
        ctx.suite.decodeScalar(m.signatureShare, 'signature share');
        shares.set(peer, m.signatureShare);
      } catch (e) {
        malformed.push(peer);
        evidence[`party.${peer}`] = (e as Error).message;
      }
    }
    if (malformed.length > 0) return abort(malformed, 'malformed signature share', evidence);
    const otherLists = this.peers.filter(
      (p) => !equalBytes(inbound.broadcast.get(p)!.commitmentListDigest, this.#listDigest),
    );
    if (otherLists.length > 0) {
      // Only a coordinator's list (precommitted signing) can legitimately differ between honest
      // signers; broadcast commitments are echo-checked. Nobody among the signers is blamed.
      return abort([], 'signers computed shares over different commitment lists (coordinator equivocation)', {
        parties: otherLists.join(','),
      });
    }

    const result = aggregateShares(ctx, this.#options.commitments, shares);
    if (result.ok) return done(result.signature);
    // With a coordinator-supplied list, an honest signer's share also fails here if the
    // coordinator gave it a different list; the evidence lets an auditor tell the two apart.
    const reason = this.#options.precommitted
      ? `${result.reason} under this signer's commitment list (or the coordinator sent different lists)`
      : result.reason;
    return abort(result.culprits, reason, shareEvidence(this.#options.commitments, shares));
  }
}
