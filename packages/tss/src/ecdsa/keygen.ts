/**
 * Threshold ECDSA key generation of CGGMP with Feldman VSS (ePrint 2021/060 Fig. 5 extended to
 * t-of-n; cggmp21 spec/main.tex, "Threshold (t-out-of-n) Key Generation"). With aux info
 * already present this is elliptic-curve work only. Three message rounds:
 *
 *   1. reliable broadcast of V_i = H(sid, i, rid_i, F_i, A_i, u_i), a hash commitment to rid_i,
 *      the Feldman commitments F_i of a degree t-1 polynomial f_i and the Πsch commitment A_i;
 *   2. broadcast of the opening; every verifier checks it against V_j, the vector length
 *      (exactly t) and the points;
 *   3. rid = XOR rid_j; Πsch for F_i(0) = f_i(0) G with the committed nonce under (sid, i, rid),
 *      broadcast, and the shares f_i(j) point to point (the transport encrypts p2p payloads).
 *
 * Deviation from the spec's round layout: the spec sends the shares with the round-2 opening
 * and proves x_i (the final share); we send the shares in round 3, after the openings are
 * checked (nothing secret leaves before the commitments are known to be consistent), and prove
 * knowledge of f_i(0), as CGGMP's Fig. 5 proves x_i for an n-of-n key and FROST's DKG does for
 * the constant term. The public shares X_k = F(k) are derived from the summed commitments.
 */
import {
  assertParties,
  assertThreshold,
  broadcastTo,
  next,
  others,
  type PartyIndex,
  type Rng,
  type Step,
} from '../engine/index.js';
import { randomBelow } from '../math/random.js';
import { commitSch } from '../zk/sch.js';
import { CURVE_ORDER, mulSecret, Point } from '../zk/sch-group.js';
import type { EcdsaKeyShare } from './key-share.js';
import { ECDSA_KEYGEN_PROTOCOL, type KeygenContext, keygenCommitment, keygenSid } from './keygen-context.js';
import type { KeygenRound2Message } from './keygen-messages.js';
import { KeygenRound1 } from './keygen-round1.js';
import { DIGEST_BYTES } from './session-binding.js';

export interface EcdsaKeygenParams {
  readonly self: PartyIndex;
  /** Every participant (distinct, non-zero); the key's Shamir abscissae are these indices. */
  readonly parties: readonly PartyIndex[];
  /** floor(n/2)+1 <= threshold <= n. */
  readonly threshold: number;
  /** The 32-byte session id the caller also gives the session driver. */
  readonly sessionId: Uint8Array;
}

export { ECDSA_KEYGEN_PROTOCOL };

/**
 * Spec round 1: samples a_{i,0..t-1} in [1, q) (a zero coefficient would commit to the
 * identity, which verifiers refuse), F_i = (a_{i,k} G)_k, rid_i, (A_i, tau_i) = Com^sch() and
 * u_i, and broadcasts V_i.
 */
export function startEcdsaKeygen(params: EcdsaKeygenParams, rng: Rng): Step<EcdsaKeyShare> {
  const { self, threshold } = params;
  const parties = assertParties(params.parties, self);
  assertThreshold(threshold, parties.length);
  const sid = keygenSid(params.sessionId, parties, threshold);
  const ctx: KeygenContext = Object.freeze({
    protocol: ECDSA_KEYGEN_PROTOCOL,
    self,
    parties,
    peers: others(parties, self),
    threshold,
    sid,
  });
  const coefficients = Array.from({ length: threshold }, () => randomBelow(rng, CURVE_ORDER - 1n) + 1n);
  const vss = Object.freeze(coefficients.map((a) => mulSecret(Point.BASE, a)));
  const nonce = commitSch(rng);
  const opening: KeygenRound2Message = Object.freeze({
    rid: rng(DIGEST_BYTES),
    vss,
    A: nonce.A,
    u: rng(DIGEST_BYTES),
  });
  const round = new KeygenRound1(ctx, coefficients, nonce, opening);
  coefficients.fill(0n);
  return next(round, [broadcastTo(round.broadcast, { commitment: keygenCommitment(sid, self, opening) })]);
}
