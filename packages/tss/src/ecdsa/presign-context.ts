/**
 * What every presigning round shares (cggmp21 spec/main.tex "Threshold Presigning", Step 1): the
 * key share, the aux info, the signer set S of exactly `threshold` parties, the public additive
 * shares W_j = lambda_j * X_j of the t-of-t sharing x = sum_{j in S} w_j, and the session binding.
 *
 * Every proof is bound to a per-purpose session id: sid_purpose = H(tag, context), where the
 * context absorbs the protocol, the session id, key id and version, X and the key fingerprint,
 * the profile, the signer set and every signer's N_j and (N_hat_j, s_j, t_j) (CRYPTO.md "Fiat-Shamir"). The
 * prover's index is absorbed by the proof transcript itself, so a proof from another session,
 * prover, round or purpose never verifies (CRYPTO.md item 5).
 */
import { assertParties, type PartyIndex } from '../engine/index.js';
import type {
  PaillierPublicKey,
  PaillierSecretKey,
  RingPedersenParams,
  SecurityProfile,
} from '../paillier/index.js';
import { CURVE_ORDER, type Point } from '../zk/sch-group.js';
import type { ProofContext } from '../zk/transcript.js';
import { AuxInfo } from './aux-info.js';
import { EcdsaKeyShare } from './key-share.js';
import { lagrangeAt } from './lagrange.js';
import { ecdsaKeyFingerprint, natural, partyList, taggedDigest, u32 } from './presign-digest.js';
import { MAX_KEY_ID_BYTES } from './presignature.js';

export const ECDSA_PRESIGN_PROTOCOL = 'cggmp-secp256k1-presign';

export interface PresignParams {
  readonly share: EcdsaKeyShare;
  readonly aux: AuxInfo;
  /** Exactly `threshold` participants of the key, including self. */
  readonly signers: readonly PartyIndex[];
  /** 32 bytes, fresh per presigning session and equal on every signer. */
  readonly sessionId: Uint8Array;
  readonly keyId: Uint8Array;
  readonly keyVersion: number;
}

/** The proofs of presigning, each under its own domain tag. */
export type ProofPurpose = 'enc' | 'affgGamma' | 'affgW' | 'logStarGamma' | 'logStarDelta';

const PROOF_TAGS: Readonly<Record<ProofPurpose, string>> = Object.freeze({
  // Round 1: psi0, Πenc for K_i.
  enc: 'mpcium.ecdsa.presign.r1.enc',
  // Round 2: psi and psi^, Πaff-g for the gamma and the w MtA; psi', Πlog* for (G_i, Gamma_i).
  affgGamma: 'mpcium.ecdsa.presign.r2.affg-gamma',
  affgW: 'mpcium.ecdsa.presign.r2.affg-w',
  logStarGamma: 'mpcium.ecdsa.presign.r2.logstar',
  // Round 3: psi'', Πlog* for (K_i, Delta_i) with base Gamma.
  logStarDelta: 'mpcium.ecdsa.presign.r3.logstar',
});

const CONTEXT_TAG = 'mpcium.ecdsa.presign.context.v1';

export class PresignContext {
  readonly share: EcdsaKeyShare;
  readonly aux: AuxInfo;
  readonly profile: SecurityProfile;
  readonly self: PartyIndex;
  /** The signer set S, ascending, including self. */
  readonly signers: readonly PartyIndex[];
  /** S without self. */
  readonly peers: readonly PartyIndex[];
  readonly sessionId: Uint8Array;
  readonly keyId: Uint8Array;
  readonly keyVersion: number;
  readonly keyFingerprint: Uint8Array;
  /** X. */
  readonly publicKey: Point;
  /** W_j = lambda_j * X_j for every signer (the public side of w_j). */
  readonly W: ReadonlyMap<PartyIndex, Point>;
  readonly #sids: Readonly<Record<ProofPurpose, Uint8Array>>;

  constructor(params: PresignParams) {
    const { share, aux } = params;
    if (!(share instanceof EcdsaKeyShare)) throw new TypeError('share must be a validated EcdsaKeyShare');
    if (!(aux instanceof AuxInfo)) throw new TypeError('aux must be validated AuxInfo');
    if (aux.self !== share.party) throw new RangeError('aux info belongs to another party');
    const signers = assertParties(params.signers, share.party);
    for (const p of signers) {
      if (!share.parties.includes(p)) throw new RangeError(`signer ${p} is not a participant of this key`);
      aux.of(p);
    }
    if (signers.length !== share.threshold) {
      throw new RangeError(
        `${signers.length} signers for a ${share.threshold}-of-${share.parties.length} key`,
      );
    }
    if (!(params.sessionId instanceof Uint8Array) || params.sessionId.length !== 32) {
      throw new RangeError('session id must be 32 bytes');
    }
    const { keyId, keyVersion } = params;
    if (!(keyId instanceof Uint8Array) || keyId.length < 1 || keyId.length > MAX_KEY_ID_BYTES) {
      throw new RangeError(`key id must be 1..${MAX_KEY_ID_BYTES} bytes`);
    }
    if (!Number.isInteger(keyVersion) || keyVersion < 0 || keyVersion > 0xffffffff) {
      throw new RangeError('key version must be a u32');
    }
    this.share = share;
    this.aux = aux;
    this.profile = aux.profile;
    this.self = share.party;
    this.signers = signers;
    this.peers = Object.freeze(signers.filter((p) => p !== share.party));
    this.sessionId = Uint8Array.from(params.sessionId);
    this.keyId = Uint8Array.from(keyId);
    this.keyVersion = keyVersion;
    this.keyFingerprint = ecdsaKeyFingerprint(share);
    this.publicKey = share.publicKeyPoint;
    this.W = new Map(
      signers.map((j) => [j, share.publicShare(j).multiplyUnsafe(lagrangeAt(signers, j))] as const),
    );
    const fields = [
      new TextEncoder().encode(ECDSA_PRESIGN_PROTOCOL),
      this.sessionId,
      this.keyId,
      u32(keyVersion),
      share.publicKey,
      this.keyFingerprint,
      new TextEncoder().encode(this.profile.name),
      u32(share.threshold),
      partyList(signers),
    ];
    for (const j of signers) {
      const { paillier, pedersen } = aux.of(j);
      fields.push(natural(paillier.N), natural(pedersen.N), natural(pedersen.s), natural(pedersen.t));
    }
    const context = taggedDigest(CONTEXT_TAG, fields);
    const sids = {} as Record<ProofPurpose, Uint8Array>;
    for (const [purpose, tag] of Object.entries(PROOF_TAGS)) {
      sids[purpose as ProofPurpose] = taggedDigest(tag, [context]);
    }
    this.#sids = Object.freeze(sids);
    Object.freeze(this);
  }

  /** The transcript context of `prover`'s proof for `purpose`. */
  proof(purpose: ProofPurpose, prover: PartyIndex): ProofContext {
    return { sessionId: this.#sids[purpose], prover };
  }

  /** N_j. */
  paillier(party: PartyIndex): PaillierPublicKey {
    return this.aux.of(party).paillier;
  }

  /** (N_hat_j, s_j, t_j). */
  pedersen(party: PartyIndex): RingPedersenParams {
    return this.aux.of(party).pedersen;
  }

  /** Our Paillier secret key (decryption, Enc^crt, CRT verification). */
  get sk(): PaillierSecretKey {
    return this.aux.paillierSecret;
  }

  /** Our additive share w_i = lambda_i * x_i mod q (secret; callers must not log it). */
  additiveShare(): bigint {
    return (lagrangeAt(this.signers, this.self) * this.share.secretScalar()) % CURVE_ORDER;
  }

  toString(): string {
    return `PresignContext(party ${this.self}, signers ${this.signers.join(',')})`;
  }

  toJSON(): string {
    return this.toString();
  }
}
