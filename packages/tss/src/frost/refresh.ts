/**
 * Proactive refresh of a FROST key (Herzberg et al. proactive secret sharing, as in frost-rs
 * `refresh`): every participant deals a Feldman sharing of zero with the key's threshold, and
 * adds what it receives to its share. The group key stays the same; every share changes, so
 * shares stolen before the refresh are useless with shares taken after it. Round 1 is a
 * reliable broadcast of (a_1 G, ..., a_{t-1} G); round 2 sends the shares f_i(j) point to point
 * (its envelopes carry the round-1 echo, so equivocation is caught before any share is used);
 * round 3 confirms that every participant derived the same new public key package. A
 * commitment vector of another length would change the threshold and is refused (CRYPTO.md
 * item 18).
 */

import { equalBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  abort,
  broadcastTo,
  done,
  type Inbound,
  next,
  others,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  SecretBytes,
  type Step,
  sendTo,
} from '../engine/index.js';
import { type FrostKeyShare, frostKeyShareFromParts } from './key-share.js';
import {
  type FrostRefreshRound1Message,
  type FrostRefreshRound2Message,
  type FrostRefreshShareMessage,
  refreshRound1Spec,
  refreshRound2Spec,
  refreshShareSpec,
} from './refresh-messages.js';
import type { FrostSuite, GroupElement } from './suite.js';

export function frostRefreshProtocol(suite: FrostSuite): string {
  return `${suite.protocol}-refresh`;
}

const DIGEST_TAG = utf8ToBytes('mpcium.frost.refresh.public-package.v1');

/** sum_{k=1}^{t-1} C_k * x^k: the zero-constant VSS commitment evaluated at x. */
function evaluateZeroCommitment(
  suite: FrostSuite,
  commitment: readonly GroupElement[],
  x: bigint,
): GroupElement {
  let result: GroupElement | undefined;
  let power = 1n;
  for (const c of commitment) {
    power = (power * x) % suite.order;
    const term = c.multiplyUnsafe(power);
    result = result ? result.add(term) : term;
  }
  if (!result) throw new RangeError('empty refresh commitment');
  return result;
}

function publicPackageDigest(share: FrostKeyShare): Uint8Array {
  const parts = [DIGEST_TAG, utf8ToBytes(share.suite.protocol), ...share.commitments];
  for (const p of share.parties) parts.push(Uint8Array.of(p >> 8, p & 0xff), share.verifyingShare(p));
  return sha256(concatBytes(...parts));
}

/** Round 1: our commitment is out; collect everyone's. Holds our zero polynomial's coefficients. */
class RefreshRound1 implements Round<FrostKeyShare, FrostRefreshRound1Message> {
  readonly protocol: string;
  readonly number = 1;
  readonly peers: readonly PartyIndex[];
  readonly broadcast;
  readonly #share: FrostKeyShare;
  readonly #coefficients: readonly SecretBytes[];
  readonly #commitment: readonly GroupElement[];

  constructor(share: FrostKeyShare, coefficients: readonly bigint[], commitment: readonly GroupElement[]) {
    this.protocol = frostRefreshProtocol(share.suite);
    this.peers = others(share.parties, share.party);
    this.broadcast = refreshRound1Spec(share.suite, share.threshold);
    this.#share = share;
    this.#coefficients = Object.freeze(coefficients.map((a) => new SecretBytes(share.suite.encodeScalar(a))));
    this.#commitment = Object.freeze([...commitment]);
    redacted(this, 'FrostRefreshRound1');
    Object.freeze(this);
  }

  /** f(x) = sum_{k=1}^{t-1} a_k x^k mod q. */
  #evaluate(x: bigint): bigint {
    const { suite } = this.#share;
    let acc = 0n;
    let power = 1n;
    for (const a of this.#coefficients) {
      power = (power * x) % suite.order;
      acc = (acc + suite.decodeScalar(a.expose(), 'coefficient') * power) % suite.order;
    }
    return acc;
  }

  finalize(inbound: Inbound<FrostRefreshRound1Message, never>): Step<FrostKeyShare> {
    const { suite } = this.#share;
    const commitments = new Map<PartyIndex, readonly GroupElement[]>([[this.#share.party, this.#commitment]]);
    for (const j of this.peers) {
      commitments.set(
        j,
        inbound.broadcast
          .get(j)!
          .commitment.map((c, k) => suite.decodeElement(c, `refresh commitment of ${j} [${k}]`)),
      );
    }
    const round2 = new RefreshRound2(this.#share, commitments, this.#evaluate(BigInt(this.#share.party)));
    return next(
      round2,
      this.peers.map((j) =>
        sendTo(round2.p2p, j, { share: new SecretBytes(suite.encodeScalar(this.#evaluate(BigInt(j)))) }),
      ),
    );
  }
}

/** Round 2: check every received share against its dealer's commitment; build the new share. */
class RefreshRound2 implements Round<FrostKeyShare, never, FrostRefreshShareMessage> {
  readonly protocol: string;
  readonly number = 2;
  readonly peers: readonly PartyIndex[];
  readonly p2p;
  readonly #share: FrostKeyShare;
  readonly #commitments: ReadonlyMap<PartyIndex, readonly GroupElement[]>;
  /** f_self(self) of our own polynomial. */
  readonly #ownShare: SecretBytes;

  constructor(
    share: FrostKeyShare,
    commitments: ReadonlyMap<PartyIndex, readonly GroupElement[]>,
    ownShare: bigint,
  ) {
    this.protocol = frostRefreshProtocol(share.suite);
    this.peers = others(share.parties, share.party);
    this.p2p = refreshShareSpec(share.suite);
    this.#share = share;
    this.#commitments = commitments;
    this.#ownShare = new SecretBytes(share.suite.encodeScalar(ownShare));
    redacted(this, 'FrostRefreshRound2');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<never, FrostRefreshShareMessage>): Step<FrostKeyShare> {
    const share = this.#share;
    const { suite } = share;
    const self = BigInt(share.party);
    let sum =
      (suite.decodeScalar(share.signingShare.expose(), 'share') +
        suite.decodeScalar(this.#ownShare.expose(), 'f(i)')) %
      suite.order;
    const culprits: PartyIndex[] = [];
    for (const j of this.peers) {
      const fj = suite.decodeScalar(inbound.p2p.get(j)!.share.expose(), `refresh share of party ${j}`);
      // Feldman check of f_j(i) against party j's commitment; a zero share is checked the same way.
      const expected = evaluateZeroCommitment(suite, this.#commitments.get(j)!, self);
      const ok = fj === 0n ? expected.is0() : suite.base.multiply(fj).equals(expected);
      if (ok) sum = (sum + fj) % suite.order;
      else culprits.push(j);
    }
    if (culprits.length > 0) return abort(culprits, 'refresh share inconsistent with its commitment');
    // C'_0 = C_0 (the group key); C'_k = C_k + sum_j C_{j,k}; Y'_m = Y_m + sum_j f_j(m) G.
    const old = share.commitments.map((c, k) => suite.decodeElement(c, `commitments[${k}]`));
    const delta = old.slice(1).map((_, k) => {
      let acc: GroupElement | undefined;
      for (const c of this.#commitments.values()) acc = acc ? acc.add(c[k]!) : c[k]!;
      return acc!;
    });
    const commitments = old.map((c, k) => (k === 0 ? c : c.add(delta[k - 1]!)).toBytes());
    const verifyingShares = new Map<PartyIndex, Uint8Array>();
    for (const p of share.parties) {
      const y = suite.decodeElement(share.verifyingShare(p), `verifying share of ${p}`);
      verifyingShares.set(p, y.add(evaluateZeroCommitment(suite, delta, BigInt(p))).toBytes());
    }
    const refreshed = frostKeyShareFromParts({
      suite,
      party: share.party,
      threshold: share.threshold,
      commitments,
      verifyingShares,
      signingShare: suite.encodeScalar(sum),
    });
    const digest = publicPackageDigest(refreshed);
    const round3 = new RefreshRound3(refreshed, digest, this.peers);
    return next(round3, [broadcastTo(round3.broadcast, { publicPackageDigest: digest })]);
  }
}

/** Round 3: every participant must have derived the same public key package. */
class RefreshRound3 implements Round<FrostKeyShare, FrostRefreshRound2Message> {
  readonly protocol: string;
  readonly number = 3;
  readonly peers: readonly PartyIndex[];
  readonly broadcast;
  readonly #refreshed: FrostKeyShare;
  readonly #digest: Uint8Array;

  constructor(refreshed: FrostKeyShare, digest: Uint8Array, peers: readonly PartyIndex[]) {
    this.protocol = frostRefreshProtocol(refreshed.suite);
    this.peers = peers;
    this.broadcast = refreshRound2Spec(refreshed.suite);
    this.#refreshed = refreshed;
    this.#digest = digest;
    redacted(this, 'FrostRefreshRound3');
    Object.freeze(this);
  }

  finalize(inbound: Inbound<FrostRefreshRound2Message, never>): Step<FrostKeyShare> {
    const differing = this.peers.filter(
      (p) => !equalBytes(inbound.broadcast.get(p)!.publicPackageDigest, this.#digest),
    );
    if (differing.length > 0) return abort(differing, 'refreshed public key package differs');
    return done(this.#refreshed);
  }
}

/**
 * Starts a refresh of `share` with every participant of its key: samples a_1..a_{t-1} and
 * broadcasts their commitments; f(j) = sum_k a_k j^k goes to each peer in round 2. Output: the new, validated key share
 * (same group key, same threshold and participants). The old share must then be retired.
 */
export function startFrostRefresh(share: FrostKeyShare, rng: Rng): Step<FrostKeyShare> {
  const { suite, threshold } = share;
  const coefficients = Array.from({ length: threshold - 1 }, () =>
    suite.decodeScalar(suite.frost.utils.randomScalar(rng), 'coefficient'),
  );
  const commitment = coefficients.map((a) => suite.base.multiply(a));
  const round = new RefreshRound1(share, coefficients, commitment);
  coefficients.fill(0n);
  return next(round, [broadcastTo(round.broadcast, { commitment: commitment.map((c) => c.toBytes()) })]);
}
