/**
 * What every FROST signing round shares: the key, the signer set, the message, and the two
 * computations around noble's signing API (RFC 9591 sections 5.2 and 5.3): our signature share,
 * and aggregation with strict verification and culprit identification.
 */
import type { FrostPublic, NonceCommitments } from '@noble/curves/abstract/frost.js';
import { bytesToHex } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { assertParties, type PartyIndex } from '../engine/index.js';
import { FrostKeyShare, nobleKey, noblePublic } from './key-share.js';
import { type FrostCommitment, type FrostNonce, sameCommitment, spendNonce } from './nonce.js';
import { type FrostSuite, frostIdentifier } from './suite.js';

export interface SignContext {
  readonly suite: FrostSuite;
  readonly share: FrostKeyShare;
  /** The signer set, ascending, including self. */
  readonly signers: readonly PartyIndex[];
  /** Every signer except self. */
  readonly peers: readonly PartyIndex[];
  readonly message: Uint8Array;
  readonly pub: FrostPublic;
}

/**
 * Validates a signer set against the key: distinct non-zero participants of the key, including
 * self, at least `threshold` of them (RFC 9591 section 5: MIN_PARTICIPANTS <= NUM_PARTICIPANTS).
 * With `exact`, the set must have exactly `threshold` members (our protocol's rule).
 */
export function signingContext(
  share: FrostKeyShare,
  signers: readonly PartyIndex[],
  message: Uint8Array,
  exact = true,
): SignContext {
  if (!(share instanceof FrostKeyShare)) throw new TypeError('share must be a validated FrostKeyShare');
  if (!(message instanceof Uint8Array)) throw new TypeError('message must be bytes');
  const sorted = assertParties(signers, share.party);
  for (const p of sorted) {
    if (!share.parties.includes(p)) throw new RangeError(`signer ${p} is not a participant of this key`);
  }
  if (exact ? sorted.length !== share.threshold : sorted.length < share.threshold) {
    throw new RangeError(`${sorted.length} signers for a ${share.threshold}-of-${share.parties.length} key`);
  }
  return Object.freeze({
    suite: share.suite,
    share,
    signers: sorted,
    peers: Object.freeze(sorted.filter((p) => p !== share.party)),
    message: Uint8Array.from(message),
    pub: noblePublic(share),
  });
}

function nobleList(ctx: SignContext, list: readonly FrostCommitment[]): NonceCommitments[] {
  return list.map((c) => ({
    identifier: frostIdentifier(ctx.suite, c.party),
    hiding: Uint8Array.from(c.hiding),
    binding: Uint8Array.from(c.binding),
  }));
}

/** Checks that `list` has exactly one commitment per signer, in signer order. */
export function checkCommitmentList(ctx: SignContext, list: readonly FrostCommitment[]): void {
  if (list.length !== ctx.signers.length || list.some((c, k) => c.party !== ctx.signers[k])) {
    throw new RangeError('commitment list does not match the signer set');
  }
}

/**
 * RFC 9591 section 5.2 `sign`: z_i = d_i + e_i * rho_i + lambda_i * s_i * c. Spends `nonce`
 * (throws if it was used before) and refuses a list that does not carry our own commitment
 * exactly, before touching the nonce.
 */
export function computeSignatureShare(
  ctx: SignContext,
  nonce: FrostNonce,
  list: readonly FrostCommitment[],
): Uint8Array {
  checkCommitmentList(ctx, list);
  const own = list.find((c) => c.party === ctx.share.party);
  if (!own || !sameCommitment(own, nonce.commitment)) {
    throw new RangeError('commitment list does not contain our nonce commitment');
  }
  const nonces = spendNonce(nonce, ctx.share);
  const { secret } = nobleKey(ctx.share);
  try {
    return ctx.suite.frost.signShare(secret, ctx.pub, nonces, nobleList(ctx, list), ctx.message);
  } finally {
    secret.signingShare.fill(0);
    nonces.hiding.fill(0);
    nonces.binding.fill(0);
  }
}

export type AggregateResult =
  | { readonly ok: true; readonly signature: Uint8Array }
  | { readonly ok: false; readonly culprits: readonly PartyIndex[]; readonly reason: string };

/** RFC 9591 section 5.4 `verify_signature_share` for every signer; returns those that fail. */
function invalidShares(
  ctx: SignContext,
  list: readonly FrostCommitment[],
  shares: ReadonlyMap<PartyIndex, Uint8Array>,
): PartyIndex[] {
  const commitments = nobleList(ctx, list);
  return ctx.signers.filter((p) => {
    try {
      const z = shares.get(p);
      return (
        !z ||
        !ctx.suite.frost.verifyShare(ctx.pub, commitments, ctx.message, frostIdentifier(ctx.suite, p), z)
      );
    } catch {
      return true;
    }
  });
}

/**
 * RFC 9591 section 5.3 `aggregate`, then strict verification of the result (RFC 8032 without
 * ZIP-215, or BIP-340) against the group key before it is released. Shares are checked one by
 * one only when that fails (section 5.4), to name the culprits.
 */
export function aggregateShares(
  ctx: SignContext,
  list: readonly FrostCommitment[],
  shares: ReadonlyMap<PartyIndex, Uint8Array>,
): AggregateResult {
  checkCommitmentList(ctx, list);
  const sigShares = Object.fromEntries(
    ctx.signers.map((p) => [frostIdentifier(ctx.suite, p), shares.get(p)!]),
  );
  let signature: Uint8Array | undefined;
  try {
    signature = ctx.suite.frost.aggregate(ctx.pub, nobleList(ctx, list), ctx.message, sigShares);
  } catch {
    // noble's AggErr carries `cheaters`; we recompute them ourselves to map them to parties.
  }
  if (signature && ctx.suite.verify(signature, ctx.message, ctx.share.publicKey)) {
    return { ok: true, signature };
  }
  const culprits = invalidShares(ctx, list, shares);
  return {
    ok: false,
    culprits,
    reason: culprits.length > 0 ? 'invalid signature share' : 'aggregate signature failed verification',
  };
}

/** Public evidence for a failed aggregation: the shares and commitments as hex. */
export function shareEvidence(
  list: readonly FrostCommitment[],
  shares: ReadonlyMap<PartyIndex, Uint8Array>,
): Record<string, string> {
  const evidence: Record<string, string> = {};
  for (const c of list) {
    evidence[`commitment.${c.party}`] = `${bytesToHex(c.hiding)}:${bytesToHex(c.binding)}`;
    const z = shares.get(c.party);
    if (z) evidence[`share.${c.party}`] = bytesToHex(z);
  }
  return evidence;
}

const DIGEST_TAG = utf8ToBytes('mpcium.frost.sign.commitments');

function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/**
 * SHA-256 over the tag, the suite and the list sorted by party, each field fixed-length; for
 * binding a coordinator's commitment list into the session id.
 */
export function frostCommitmentListDigest(
  suite: FrostSuite,
  commitments: readonly FrostCommitment[],
): Uint8Array {
  const sorted = [...commitments].sort((a, b) => a.party - b.party);
  const parts = [DIGEST_TAG, utf8ToBytes(suite.protocol), u32(sorted.length)];
  // The commitments were validated where they entered (message decoding or the coordinator's
  // list check); the digest only needs their exact bytes.
  for (const c of sorted) parts.push(u32(c.party), c.hiding, c.binding);
  return sha256(concatBytes(...parts));
}
