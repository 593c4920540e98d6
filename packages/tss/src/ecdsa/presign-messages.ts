/**
 * Wire messages of CGGMP presigning (ePrint 2021/060 Fig. 7; proto/mpcium/v1/ecdsa_sign.proto).
 * Decoding is strict (canonical protobuf, integers capped by the profile, points parsed strictly
 * and never the identity); membership of each ciphertext in Z*_{N_j^2} depends on the sender's
 * key and is checked by the round, which names the sender (CRYPTO.md item 8).
 */
import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from '@bufbuild/protobuf';
import {
  EcdsaPresignRound1ProofSchema,
  EcdsaPresignRound1Schema,
  EcdsaPresignRound2MtaSchema,
  EcdsaPresignRound2Schema,
  EcdsaPresignRound3ProofSchema,
  EcdsaPresignRound3Schema,
  type SignedInteger,
  ZkAffGProofSchema,
  ZkEncProofSchema,
  ZkLogStarProofSchema,
} from '@mpcium/proto';
import type { MessageSpec } from '../engine/index.js';
import { decodeCanonical, encodeMessage } from '../frost/wire.js';
import type { SecurityProfile } from '../paillier/index.js';
import type { AffGProof } from '../zk/aff-g.js';
import { decodeAffGProof, encodeAffGProof } from '../zk/aff-g-codec.js';
import type { EncProof } from '../zk/enc.js';
import { decodeEncProof, encodeEncProof } from '../zk/enc-codec.js';
import { integerCaps } from '../zk/enc-range.js';
import { fromUnsignedInteger, toSignedInteger } from '../zk/integer.js';
import type { LogStarProof } from '../zk/log-star.js';
import { decodeLogStarProof, encodeLogStarProof } from '../zk/log-star-codec.js';
import { decodePoint, decodeScalar, encodePoint, encodeScalar, type Point } from '../zk/sch-group.js';

/** Round 1 broadcast (reliable): K_i = Enc_i(k_i), G_i = Enc_i(gamma_i). */
export interface PresignRound1Message {
  readonly K: bigint;
  readonly G: bigint;
}

/** Round 1 p2p: psi0_{j,i}, Πenc for K_i against P_j's ring-Pedersen parameters. */
export interface PresignRound1Proof {
  readonly psi0: EncProof;
}

/** Round 2 broadcast (reliable): Gamma_i = gamma_i * G. */
export interface PresignRound2Message {
  readonly Gamma: Point;
}

/** Round 2 p2p: both MtA pairs for P_j with their Πaff-g proofs, and Πlog* for (G_i, Gamma_i). */
export interface PresignRound2Mta {
  readonly D: bigint;
  readonly F: bigint;
  readonly Dhat: bigint;
  readonly Fhat: bigint;
  readonly psi: AffGProof;
  readonly psiHat: AffGProof;
  readonly psiPrime: LogStarProof;
}

/** Round 3 broadcast: delta_i, Delta_i = k_i * Gamma, S_i = chi_i * Gamma. */
export interface PresignRound3Message {
  readonly delta: bigint;
  readonly Delta: Point;
  readonly S: Point;
}

/** Round 3 p2p: psi''_{j,i}, Πlog* for (K_i, Delta_i) with base Gamma. */
export interface PresignRound3Proof {
  readonly psiDoublePrime: LogStarProof;
}

const NAME = 'cggmp.presign';

function ciphertext(v: SignedInteger | undefined, profile: SecurityProfile, what: string): bigint {
  return fromUnsignedInteger(v, integerCaps(profile).modN2, what);
}

/** A proof sub-message through the zk codecs, which cap and parse every field. */
function proofField<Desc extends DescMessage, T>(
  schema: Desc,
  value: MessageShape<Desc> | undefined,
  what: string,
  decode: (bytes: Uint8Array) => T,
): T {
  if (value === undefined) throw new TypeError(`${what}: missing proof`);
  // The outer message was checked canonical, so re-encoding the sub-message reproduces its bytes.
  return decode(toBinary(schema, value));
}

function spec<T>(
  name: string,
  kind: 'broadcast' | 'p2p',
  reliable: boolean,
  encode: (m: T) => Uint8Array,
  decode: (b: Uint8Array) => T,
): MessageSpec<T> {
  return Object.freeze({ name, kind, reliable, encode, decode });
}

export function presignRound1Spec(profile: SecurityProfile): MessageSpec<PresignRound1Message> {
  const name = `${NAME}.r1`;
  // Reliable: every signer must run its MtA against the same K_j (CRYPTO.md item 12).
  return spec(
    name,
    'broadcast',
    true,
    (m) =>
      encodeMessage(
        EcdsaPresignRound1Schema,
        create(EcdsaPresignRound1Schema, {
          kCiphertext: toSignedInteger(m.K),
          gammaCiphertext: toSignedInteger(m.G),
        }),
      ),
    (bytes) => {
      const m = decodeCanonical(EcdsaPresignRound1Schema, bytes, name);
      return Object.freeze({
        K: ciphertext(m.kCiphertext, profile, `${name}.K`),
        G: ciphertext(m.gammaCiphertext, profile, `${name}.G`),
      });
    },
  );
}

export function presignRound1ProofSpec(profile: SecurityProfile): MessageSpec<PresignRound1Proof> {
  const name = `${NAME}.r1.enc`;
  return spec(
    name,
    'p2p',
    false,
    (m) =>
      encodeMessage(
        EcdsaPresignRound1ProofSchema,
        create(EcdsaPresignRound1ProofSchema, { psi0: fromBinary(ZkEncProofSchema, encodeEncProof(m.psi0)) }),
      ),
    (bytes) => {
      const m = decodeCanonical(EcdsaPresignRound1ProofSchema, bytes, name);
      return Object.freeze({
        psi0: proofField(ZkEncProofSchema, m.psi0, `${name}.psi0`, (b) => decodeEncProof(b, profile)),
      });
    },
  );
}

export function presignRound2Spec(): MessageSpec<PresignRound2Message> {
  const name = `${NAME}.r2`;
  // Reliable as well: Gamma = sum Gamma_j must be the same on every signer.
  return spec(
    name,
    'broadcast',
    true,
    (m) =>
      encodeMessage(
        EcdsaPresignRound2Schema,
        create(EcdsaPresignRound2Schema, { gammaPoint: encodePoint(m.Gamma) }),
      ),
    (bytes) => {
      const m = decodeCanonical(EcdsaPresignRound2Schema, bytes, name);
      return Object.freeze({ Gamma: decodePoint(m.gammaPoint, `${name}.Gamma`) });
    },
  );
}

export function presignRound2MtaSpec(profile: SecurityProfile): MessageSpec<PresignRound2Mta> {
  const name = `${NAME}.r2.mta`;
  const affG = (b: Uint8Array) => decodeAffGProof(b, profile);
  return spec(
    name,
    'p2p',
    false,
    (m) =>
      encodeMessage(
        EcdsaPresignRound2MtaSchema,
        create(EcdsaPresignRound2MtaSchema, {
          d: toSignedInteger(m.D),
          f: toSignedInteger(m.F),
          dHat: toSignedInteger(m.Dhat),
          fHat: toSignedInteger(m.Fhat),
          psi: fromBinary(ZkAffGProofSchema, encodeAffGProof(m.psi)),
          psiHat: fromBinary(ZkAffGProofSchema, encodeAffGProof(m.psiHat)),
          psiPrime: fromBinary(ZkLogStarProofSchema, encodeLogStarProof(m.psiPrime)),
        }),
      ),
    (bytes) => {
      const m = decodeCanonical(EcdsaPresignRound2MtaSchema, bytes, name);
      return Object.freeze({
        D: ciphertext(m.d, profile, `${name}.D`),
        F: ciphertext(m.f, profile, `${name}.F`),
        Dhat: ciphertext(m.dHat, profile, `${name}.D^`),
        Fhat: ciphertext(m.fHat, profile, `${name}.F^`),
        psi: proofField(ZkAffGProofSchema, m.psi, `${name}.psi`, affG),
        psiHat: proofField(ZkAffGProofSchema, m.psiHat, `${name}.psi^`, affG),
        psiPrime: proofField(ZkLogStarProofSchema, m.psiPrime, `${name}.psi'`, (b) =>
          decodeLogStarProof(b, profile),
        ),
      });
    },
  );
}

export function presignRound3Spec(): MessageSpec<PresignRound3Message> {
  const name = `${NAME}.r3`;
  // Not echo-checked (it is the last round, nothing could carry the echo), and it need not be:
  // Delta_j is pinned by psi'' to the reliably broadcast K_j, and a delta_j or S_j that differs
  // between recipients fails the sum checks of the output step (delta*G = sum Delta_j,
  // sum S_j = delta*X) or leaves R unchanged; it never makes an honest signer's share look bad.
  return spec(
    name,
    'broadcast',
    false,
    (m) =>
      encodeMessage(
        EcdsaPresignRound3Schema,
        create(EcdsaPresignRound3Schema, {
          delta: encodeScalar(m.delta),
          deltaPoint: encodePoint(m.Delta),
          chiPoint: encodePoint(m.S),
        }),
      ),
    (bytes) => {
      const m = decodeCanonical(EcdsaPresignRound3Schema, bytes, name);
      return Object.freeze({
        delta: decodeScalar(m.delta, `${name}.delta`),
        Delta: decodePoint(m.deltaPoint, `${name}.Delta`),
        S: decodePoint(m.chiPoint, `${name}.S`),
      });
    },
  );
}

export function presignRound3ProofSpec(profile: SecurityProfile): MessageSpec<PresignRound3Proof> {
  const name = `${NAME}.r3.logstar`;
  return spec(
    name,
    'p2p',
    false,
    (m) =>
      encodeMessage(
        EcdsaPresignRound3ProofSchema,
        create(EcdsaPresignRound3ProofSchema, {
          psiDoublePrime: fromBinary(ZkLogStarProofSchema, encodeLogStarProof(m.psiDoublePrime)),
        }),
      ),
    (bytes) => {
      const m = decodeCanonical(EcdsaPresignRound3ProofSchema, bytes, name);
      return Object.freeze({
        psiDoublePrime: proofField(ZkLogStarProofSchema, m.psiDoublePrime, `${name}.psi''`, (b) =>
          decodeLogStarProof(b, profile),
        ),
      });
    },
  );
}
