/**
 * DKG round 2 (RFC 9591 appendix C, round 2; frost-rs `dkg::part3`): every peer j has sent us
 * f_j(i). Each share is checked against the sender's commitment with `vss_verify` so that an
 * inconsistent share names its sender (CRYPTO.md negative test 10). noble then sums the shares
 * into s_i and derives the group commitment, verifying shares and group key (for Taproot,
 * tweaked with the empty merkle root as frost-secp256k1-tr does), which we validate once more
 * into a branded key share.
 */
import type { DKG_Round1, DKG_Round2, DKG_Secret } from '@noble/curves/abstract/frost.js';
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
import { dkgRound2Spec, type FrostDkgRound2Message } from './dkg-messages.js';
import { cloneDkgSecret, clonePackages, type DkgContext } from './dkg-state.js';
import { type FrostKeyShare, frostKeyShareFromParts } from './key-share.js';
import { frostIdentifier } from './suite.js';
import { vssVerify } from './vss.js';

export class FrostDkgRound2 implements Round<FrostKeyShare, never, FrostDkgRound2Message> {
  readonly protocol: string;
  readonly number = 2;
  readonly peers: readonly PartyIndex[];
  readonly p2p: MessageSpec<FrostDkgRound2Message>;
  readonly #ctx: DkgContext;
  readonly #secret: DKG_Secret;
  readonly #packages: readonly DKG_Round1[];

  constructor(ctx: DkgContext, secret: DKG_Secret, packages: readonly DKG_Round1[]) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.p2p = dkgRound2Spec(ctx.suite);
    this.#ctx = ctx;
    this.#secret = cloneDkgSecret(secret);
    this.#packages = Object.freeze(clonePackages(packages));
    redacted(this, 'FrostDkgRound2');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<never, FrostDkgRound2Message>, _rng: Rng): Step<FrostKeyShare> {
    const { suite, self, parties, threshold } = this.#ctx;
    const culprits: PartyIndex[] = [];
    const evidence: Record<string, string> = {};
    const received: DKG_Round2[] = [];
    try {
      for (const peer of this.peers) {
        const m = inbound.p2p.get(peer);
        try {
          if (!m) throw new Error('missing share');
          // expose() returns a fresh ArrayBuffer-backed copy, wiped in `finally`.
          const bytes = m.signingShare.expose() as Uint8Array<ArrayBuffer>;
          received.push({ identifier: frostIdentifier(suite, peer), signingShare: bytes });
          const share = suite.decodeScalar(bytes, 'DKG share');
          const pkg = this.#packages.find((p) => p.identifier === frostIdentifier(suite, peer))!;
          const commitment = pkg.commitment.map((c, k) => suite.decodeElement(c, `commitment[${k}]`));
          if (!vssVerify(suite, commitment, BigInt(self), share)) {
            throw new Error('share inconsistent with the sender commitment');
          }
        } catch (e) {
          culprits.push(peer);
          // Public text only: the share itself is never put into evidence.
          evidence[`party.${peer}`] = (e as Error).message;
        }
      }
      if (culprits.length > 0) return abort(culprits, 'invalid DKG share', evidence);

      const state = cloneDkgSecret(this.#secret);
      const key = suite.frost.DKG.round3(state, clonePackages(this.#packages), received);
      const ids = new Map(parties.map((p) => [p, frostIdentifier(suite, p)]));
      const verifyingShares = new Map(parties.map((p) => [p, key.public.verifyingShares[ids.get(p)!]!]));
      // Sums and evaluations of commitments that were each validated on receipt: subgroup
      // members by construction, so the share's validation need not re-check the subgroup.
      for (const y of [...verifyingShares.values(), ...key.public.commitments]) suite.noteOwnElement(y);
      const share = frostKeyShareFromParts({
        suite,
        party: self,
        threshold,
        commitments: key.public.commitments,
        verifyingShares,
        signingShare: key.secret.signingShare,
      });
      key.secret.signingShare.fill(0);
      return done(share);
    } finally {
      for (const r of received) r.signingShare.fill(0);
    }
  }
}
