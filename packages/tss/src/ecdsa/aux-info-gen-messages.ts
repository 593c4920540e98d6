/**
 * Wire messages of aux-info generation (cggmp21 spec/main.tex, "Provisioning Protocol"; proto
 * mpcium.v1.EcdsaAuxInfoRound1/2/3 and EcdsaAuxInfoFactorProof): the round-1 reliable broadcast
 * of V_i, the round-2 decommitment (N_i, s_i, t_i, Πprm, rho_i, u_i), the round-3 broadcast of
 * Πmod and the round-3 point-to-point Πfac. Decoding is strict (canonical protobuf, bounded
 * integers, exact lengths, proof shapes for the profile); the rounds run every semantic check.
 */
import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from '@bufbuild/protobuf';
import {
  EcdsaAuxInfoFactorProofSchema,
  EcdsaAuxInfoRound1Schema,
  EcdsaAuxInfoRound2Schema,
  EcdsaAuxInfoRound3Schema,
  FacProofSchema,
  ModProofSchema,
  PrmProofSchema,
} from '@mpcium/proto';
import type { MessageSpec } from '../engine/index.js';
import { decodeCanonical, encodeMessage } from '../frost/wire.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import { bytesForBits, decodeNatural } from '../zk/check.js';
import type { FacProof } from '../zk/fac.js';
import { decodeFacProof, encodeFacProof } from '../zk/fac-codec.js';
import { toSignedInteger } from '../zk/integer.js';
import type { ModProof } from '../zk/mod.js';
import { decodeModProof, encodeModProof } from '../zk/mod-codec.js';
import type { PrmProof } from '../zk/prm.js';
import { decodePrmProof, encodePrmProof } from '../zk/prm-codec.js';
import { DIGEST_BYTES } from './session-binding.js';

/** Round 1: V_i = H(hash_com, sid, i, N_i, s_i, t_i, Πprm, rho_i, u_i). */
export interface AuxInfoRound1Message {
  readonly commitment: Uint8Array;
}

/** Round 2: the opening of V_i. */
export interface AuxInfoRound2Message {
  readonly N: bigint;
  readonly s: bigint;
  readonly t: bigint;
  readonly prmProof: PrmProof;
  readonly rho: Uint8Array;
  readonly u: Uint8Array;
}

/** Round 3, broadcast: psi_i = Πmod for N_i under (sid, i, rho). */
export interface AuxInfoRound3Message {
  readonly modProof: ModProof;
}

/** Round 3, to verifier j: phi_i^j = Πfac for N_i against R_j under (sid, i, rho). */
export interface AuxInfoFactorMessage {
  readonly facProof: FacProof;
}

export const AUX_INFO_ROUND1 = 'cggmp.aux-info.r1';
export const AUX_INFO_ROUND2 = 'cggmp.aux-info.r2';
export const AUX_INFO_ROUND3 = 'cggmp.aux-info.r3';
export const AUX_INFO_FACTOR = 'cggmp.aux-info.r3.fac';

function digestBytes(b: Uint8Array, what: string): Uint8Array {
  if (b.length !== DIGEST_BYTES) throw new RangeError(`${what}: expected ${DIGEST_BYTES} bytes`);
  return Uint8Array.from(b);
}

/** A proof as the embedded proto message (the zk codecs own the proof's wire form). */
function embed<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array): MessageShape<Desc> {
  return fromBinary(schema, bytes);
}

function present<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new TypeError(`${what}: missing`);
  return v;
}

export const auxRound1Spec: MessageSpec<AuxInfoRound1Message> = Object.freeze({
  name: AUX_INFO_ROUND1,
  kind: 'broadcast',
  // The spec's reliability check: every party must open the same V_j; the driver echoes it
  // on the round-2 envelopes.
  reliable: true,
  encode: (m: AuxInfoRound1Message) =>
    encodeMessage(EcdsaAuxInfoRound1Schema, create(EcdsaAuxInfoRound1Schema, { commitment: m.commitment })),
  decode(bytes: Uint8Array): AuxInfoRound1Message {
    const m = decodeCanonical(EcdsaAuxInfoRound1Schema, bytes, AUX_INFO_ROUND1);
    return Object.freeze({ commitment: digestBytes(m.commitment, `${AUX_INFO_ROUND1}.commitment`) });
  },
});

export function auxRound2Spec(profile: SecurityProfile): MessageSpec<AuxInfoRound2Message> {
  const maxBytes = bytesForBits(profile.maxModulusBits);
  return Object.freeze({
    name: AUX_INFO_ROUND2,
    kind: 'broadcast',
    // Bound to the reliable V_j by the hash: a different opening fails the commitment check.
    reliable: false,
    encode: (m: AuxInfoRound2Message) =>
      encodeMessage(
        EcdsaAuxInfoRound2Schema,
        create(EcdsaAuxInfoRound2Schema, {
          n: toSignedInteger(m.N),
          s: toSignedInteger(m.s),
          t: toSignedInteger(m.t),
          prmProof: embed(PrmProofSchema, encodePrmProof(m.prmProof)),
          rho: m.rho,
          u: m.u,
        }),
      ),
    decode(bytes: Uint8Array): AuxInfoRound2Message {
      const what = AUX_INFO_ROUND2;
      const m = decodeCanonical(EcdsaAuxInfoRound2Schema, bytes, what);
      const proof = present(m.prmProof, `${what}.prm_proof`);
      return Object.freeze({
        N: decodeNatural(m.n, maxBytes, `${what}.n`),
        s: decodeNatural(m.s, maxBytes, `${what}.s`),
        t: decodeNatural(m.t, maxBytes, `${what}.t`),
        prmProof: decodePrmProof(toBinary(PrmProofSchema, proof), profile),
        rho: digestBytes(m.rho, `${what}.rho`),
        u: digestBytes(m.u, `${what}.u`),
      });
    },
  });
}

export function auxRound3Spec(profile: SecurityProfile): MessageSpec<AuxInfoRound3Message> {
  return Object.freeze({
    name: AUX_INFO_ROUND3,
    kind: 'broadcast',
    reliable: false,
    encode: (m: AuxInfoRound3Message) =>
      encodeMessage(
        EcdsaAuxInfoRound3Schema,
        create(EcdsaAuxInfoRound3Schema, { modProof: embed(ModProofSchema, encodeModProof(m.modProof)) }),
      ),
    decode(bytes: Uint8Array): AuxInfoRound3Message {
      const m = decodeCanonical(EcdsaAuxInfoRound3Schema, bytes, AUX_INFO_ROUND3);
      const proof = present(m.modProof, `${AUX_INFO_ROUND3}.mod_proof`);
      return Object.freeze({ modProof: decodeModProof(toBinary(ModProofSchema, proof), profile) });
    },
  });
}

export function auxFactorSpec(profile: SecurityProfile): MessageSpec<AuxInfoFactorMessage> {
  return Object.freeze({
    name: AUX_INFO_FACTOR,
    kind: 'p2p',
    reliable: false,
    encode: (m: AuxInfoFactorMessage) =>
      encodeMessage(
        EcdsaAuxInfoFactorProofSchema,
        create(EcdsaAuxInfoFactorProofSchema, {
          facProof: embed(FacProofSchema, encodeFacProof(m.facProof)),
        }),
      ),
    decode(bytes: Uint8Array): AuxInfoFactorMessage {
      const m = decodeCanonical(EcdsaAuxInfoFactorProofSchema, bytes, AUX_INFO_FACTOR);
      const proof = present(m.facProof, `${AUX_INFO_FACTOR}.fac_proof`);
      return Object.freeze({ facProof: decodeFacProof(toBinary(FacProofSchema, proof), profile) });
    },
  });
}
