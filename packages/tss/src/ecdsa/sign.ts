/**
 * One-round CGGMP signing with a presignature (ePrint 2021/060 Fig. 8; cggmp21 spec/main.tex
 * "Signing", local signing): sigma_i = k_i * m + r * chi_i mod q with r = x(R) mod q, broadcast
 * to the other signers, who check, combine, normalise and verify (sign-round.ts).
 *
 * The presignature is spent before our share is returned in the step's outbound (CRYPTO.md phase
 * 4 and item 15): a second start with the same presignature object throws, so it yields at most
 * one share whatever the caller does. A key store that keeps presignatures on disk must persist
 * their removal before it sends that outbound.
 */
import { equalBytes } from '@noble/curves/utils.js';
import { assertParties, broadcastTo, next, type PartyIndex, type Rng, type Step } from '../engine/index.js';
import { CURVE_ORDER } from '../zk/sch-group.js';
import { EcdsaKeyShare } from './key-share.js';
import { ecdsaKeyFingerprint } from './presign-digest.js';
import { Presignature, spendPresignature } from './presignature.js';
import { digestScalar, type EcdsaSignature, nonceScalar } from './sign-output.js';
import { EcdsaSignRound } from './sign-round.js';

export { ECDSA_SIGN_PROTOCOL } from './sign-round.js';

export interface EcdsaSignParams {
  readonly share: EcdsaKeyShare;
  readonly presignature: Presignature;
  /** The presignature's signer set (any order). */
  readonly signers: readonly PartyIndex[];
  /** The 32-byte message digest, signed as is (no further hashing). */
  readonly digest: Uint8Array;
  /** When given, the presignature must carry this key id. */
  readonly keyId?: Uint8Array;
  /** When given, the presignature must carry this key version. */
  readonly keyVersion?: number;
}

/**
 * Refuses a presignature that is spent or bound to another key, key version (fingerprint of
 * the public shares, or the explicit version), party or signer set, without spending it.
 */
function checkBinding(params: EcdsaSignParams): void {
  const { share, presignature: p } = params;
  if (!(share instanceof EcdsaKeyShare)) throw new TypeError('share must be a validated EcdsaKeyShare');
  if (!(p instanceof Presignature)) throw new TypeError('presignature must be a validated Presignature');
  if (p.spent) throw new Error('presignature already used');
  const signers = assertParties(params.signers, share.party);
  if (p.party !== share.party) throw new RangeError('presignature belongs to another party');
  if (signers.length !== p.signers.length || signers.some((s, k) => s !== p.signers[k])) {
    throw new RangeError('presignature is bound to another signer set');
  }
  if (!equalBytes(p.publicKey, share.publicKey)) throw new RangeError('presignature is bound to another key');
  if (!equalBytes(p.keyFingerprint, ecdsaKeyFingerprint(share))) {
    throw new RangeError('presignature is bound to another key version (the public shares differ)');
  }
  if (params.keyId !== undefined && !equalBytes(p.keyId, params.keyId)) {
    throw new RangeError('presignature is bound to another key id');
  }
  if (params.keyVersion !== undefined && p.keyVersion !== params.keyVersion) {
    throw new RangeError(`presignature is bound to key version ${p.keyVersion}, not ${params.keyVersion}`);
  }
}

/** Starts signing: spends the presignature and returns the round with our sigma_i broadcast. */
export function startEcdsaSign(params: EcdsaSignParams, _rng: Rng): Step<EcdsaSignature> {
  checkBinding(params);
  const m = digestScalar(params.digest);
  const p = params.presignature;
  const r = nonceScalar(p.R);
  // Throws 'presignature already used' if another request spent it since the check above.
  const { k, chi } = spendPresignature(p);
  const sigma = (k * m + r * chi) % CURVE_ORDER;
  const round = new EcdsaSignRound({ presignature: p, digest: params.digest, m, r, sigma });
  return next(round, [broadcastTo(round.broadcast, round.message())]);
}
