/**
 * The one round of online signing (ePrint 2021/060 Fig. 8; cggmp21 spec/main.tex "Signing",
 * "Combining presignatures"): every signer has broadcast sigma_j. sigma = sum sigma_j is
 * normalised to low-S with its recovery id and verified against X before release. When that
 * final check fails, every share is checked against the presignature's public commitments,
 *   sigma_j * Gamma = m * Delta_j + r * S_j,
 * and the signers whose shares fail are named (CRYPTO.md item 14: "the final check fails and the
 * share check names the culprit", the order CRYPTO.md also prescribes for FROST). A combined
 * signature that verifies is released whichever shares made it; checking shares first would cost
 * two generic scalar multiplications per peer on every signature.
 */
import { bytesToHex, equalBytes } from '@noble/curves/utils.js';
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
import { CURVE_ORDER, encodeScalar } from '../zk/sch-group.js';
import { Blame } from './presign-blame.js';
import type { Presignature } from './presignature.js';
import { type EcdsaSignRound1Message, signRound1Spec } from './sign-messages.js';
import { type EcdsaSignature, finishSignature, verifyEcdsaSignature } from './sign-output.js';

export const ECDSA_SIGN_PROTOCOL = 'cggmp-secp256k1-sign';

export interface EcdsaSignInput {
  readonly presignature: Presignature;
  readonly digest: Uint8Array;
  /** m and r as integers mod q. */
  readonly m: bigint;
  readonly r: bigint;
  /** Our own sigma_i (already sent). */
  readonly sigma: bigint;
}

export class EcdsaSignRound implements Round<EcdsaSignature, EcdsaSignRound1Message, never> {
  readonly protocol = ECDSA_SIGN_PROTOCOL;
  readonly number = 1;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<EcdsaSignRound1Message>;
  readonly #input: EcdsaSignInput;

  constructor(input: EcdsaSignInput) {
    const p = input.presignature;
    this.peers = Object.freeze(p.signers.filter((j) => j !== p.party));
    this.broadcast = signRound1Spec();
    this.#input = Object.freeze({ ...input, digest: Uint8Array.from(input.digest) });
    Object.freeze(this);
  }

  /** Our outbound message. */
  message(): EcdsaSignRound1Message {
    const { sigma, digest, presignature } = this.#input;
    return { sigma, digest, presignatureId: presignature.id };
  }

  finalize(inbound: Inbound<EcdsaSignRound1Message, never>, _rng: Rng): Step<EcdsaSignature> {
    const { presignature: p, digest, m, r, sigma: own } = this.#input;
    const shares = new Map<PartyIndex, bigint>([[p.party, own]]);
    const blame = new Blame();
    const mismatched: PartyIndex[] = [];
    for (const j of this.peers) {
      const msg = inbound.broadcast.get(j);
      if (!msg) {
        blame.add(j, 'missing signature share');
        continue;
      }
      if (!equalBytes(msg.digest, digest) || !equalBytes(msg.presignatureId, p.id)) {
        mismatched.push(j);
        continue;
      }
      shares.set(j, msg.sigma);
    }
    if (blame.any) return blame.abort('sign: missing signature share');
    if (mismatched.length > 0) {
      // Whoever chose the inputs gave signers different digests or presignatures; an honest
      // signer cannot tell that from a lying peer, so nobody among the signers is blamed.
      return abort([], 'signers were given different digests or presignatures (coordinator equivocation)', {
        parties: mismatched.join(','),
        digest: bytesToHex(digest),
        presignature: bytesToHex(p.id),
      });
    }
    let sigma = 0n;
    for (const s of shares.values()) sigma = (sigma + s) % CURVE_ORDER;
    // sigma = 0 (only a cheater's share can cause it) has no signature: go to the share check.
    const signature = sigma === 0n ? undefined : finishSignature(p.R, sigma);
    if (signature && verifyEcdsaSignature(signature, digest, p.publicKey)) return done(signature);
    // CRYPTO.md item 14: the final check failed; the share check names the culprits.
    const evidence: Record<string, string> = { digest: bytesToHex(digest), presignature: bytesToHex(p.id) };
    for (const [j, s] of shares) evidence[`sigma.${j}`] = bytesToHex(encodeScalar(s));
    const bad = this.peers.filter((j) => !shareHolds(p, j, shares.get(j)!, m, r));
    // With every share valid, sigma*R = m*G + r*X holds by construction, so an empty list means
    // the presignature itself is inconsistent (it was validated, so: a bug).
    return abort(
      bad,
      bad.length > 0 ? 'sign: invalid signature share' : 'sign: combined signature failed verification',
      evidence,
    );
  }

  toString(): string {
    return `EcdsaSignRound(party ${this.#input.presignature.party})`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * sigma_j * Gamma == m * Delta_j + r * S_j (public values: variable-time is fine). It holds for
 * an honest signer, since sigma_j * Gamma = (k_j m + r chi_j) * Gamma.
 */
function shareHolds(p: Presignature, j: PartyIndex, sigma: bigint, m: bigint, r: bigint): boolean {
  if (sigma === 0n) return false;
  const { Delta, S } = p.commitment(j);
  return p.Gamma.multiplyUnsafe(sigma).equals(Delta.mulAddUnsafe(m, S, r));
}
