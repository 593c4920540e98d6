/**
 * DKG round 1 (RFC 9591 appendix C, round 1 steps 4-5; frost-rs `dkg::part2`): every peer has
 * broadcast its commitment vector C_j and proof of knowledge sigma_j. Each package is checked on
 * its own so that a failure names its sender: vector length exactly `threshold`, valid
 * non-identity elements, and a valid proof bound to the sender's identifier (which also rejects
 * a package copied from another participant). Then noble computes the shares f_i(j) we send.
 */
import type { DKG_Round1, DKG_Secret } from '@noble/curves/abstract/frost.js';
import {
  abort,
  type Inbound,
  type MessageSpec,
  next,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  SecretBytes,
  type Step,
  sendTo,
} from '../engine/index.js';
import { checkDkgRound1, dkgRound1Spec, dkgRound2Spec, type FrostDkgRound1Message } from './dkg-messages.js';
import { FrostDkgRound2 } from './dkg-round2.js';
import { cloneDkgSecret, type DkgContext } from './dkg-state.js';
import type { FrostKeyShare } from './key-share.js';
import { verifyProofOfKnowledge } from './proof-of-knowledge.js';
import { frostIdentifier } from './suite.js';

export class FrostDkgRound1 implements Round<FrostKeyShare, FrostDkgRound1Message, never> {
  readonly protocol: string;
  readonly number = 1;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<FrostDkgRound1Message>;
  readonly #ctx: DkgContext;
  readonly #secret: DKG_Secret;

  constructor(ctx: DkgContext, secret: DKG_Secret) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.broadcast = dkgRound1Spec(ctx.suite, ctx.threshold);
    this.#ctx = ctx;
    this.#secret = cloneDkgSecret(secret);
    redacted(this, 'FrostDkgRound1');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<FrostDkgRound1Message, never>, _rng: Rng): Step<FrostKeyShare> {
    const { suite, threshold } = this.#ctx;
    const culprits: PartyIndex[] = [];
    const evidence: Record<string, string> = {};
    const packages: DKG_Round1[] = [];
    for (const peer of this.peers) {
      const m = inbound.broadcast.get(peer);
      try {
        if (!m) throw new Error('missing round-1 package');
        const commitment = checkDkgRound1(suite, threshold, m);
        if (!verifyProofOfKnowledge(suite, peer, commitment[0]!, m.proofOfKnowledge)) {
          throw new Error('invalid proof of knowledge');
        }
        packages.push({
          identifier: frostIdentifier(suite, peer),
          commitment: m.commitment.map((c) => Uint8Array.from(c)),
          proofOfKnowledge: Uint8Array.from(m.proofOfKnowledge),
        });
      } catch (e) {
        culprits.push(peer);
        evidence[`party.${peer}`] = (e as Error).message;
      }
    }
    if (culprits.length > 0) return abort(culprits, 'invalid DKG round-1 package', evidence);

    // noble re-validates every package and records the transcript in the (cloned) state.
    const state = cloneDkgSecret(this.#secret);
    const shares = suite.frost.DKG.round2(state, packages);
    const round2 = new FrostDkgRound2(this.#ctx, state, packages);
    const spec = dkgRound2Spec(suite);
    const out = this.peers.map((peer) => {
      const share = shares[frostIdentifier(suite, peer)];
      if (!share) throw new Error(`noble produced no share for party ${peer}`);
      return sendTo(spec, peer, { signingShare: new SecretBytes(share.signingShare) });
    });
    for (const s of Object.values(shares)) s.signingShare.fill(0);
    return next(round2, out);
  }
}
