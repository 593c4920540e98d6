/**
 * Wire messages of threshold key generation (cggmp21 spec/main.tex, "Threshold Key Generation";
 * proto mpcium.v1.EcdsaKeygenRound1/2/3 and EcdsaKeygenShare): the round-1 reliable broadcast of
 * V_i, the round-2 opening (rid_i, F_i, A_i, u_i), the round-3 broadcast of Πsch and the
 * round-3 point-to-point share f_i(j). Decoding is strict: canonical protobuf, exact lengths,
 * points on the curve, compressed, canonical and never the identity (CRYPTO.md item 9), and a
 * commitment vector of exactly `threshold` points (item 10).
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  EcdsaKeygenRound1Schema,
  EcdsaKeygenRound2Schema,
  EcdsaKeygenRound3Schema,
  EcdsaKeygenShareSchema,
  ZkSchProofSchema,
} from '@mpcium/proto';
import { type MessageSpec, SecretBytes } from '../engine/index.js';
import { decodeCanonical, encodeMessage } from '../frost/wire.js';
import type { SchProof } from '../zk/sch.js';
import { decodeSchProof, encodeSchProof } from '../zk/sch-codec.js';
import { decodePoint, decodeScalar, encodePoint, type Point } from '../zk/sch-group.js';
import { DIGEST_BYTES } from './session-binding.js';

/** Round 1: V_i = H(hash_com, sid, i, rid_i, F_i, A_i, u_i). */
export interface KeygenRound1Message {
  readonly commitment: Uint8Array;
}

/** Round 2: the opening of V_i. */
export interface KeygenRound2Message {
  readonly rid: Uint8Array;
  /** F_i = (a_{i,0} G, ..., a_{i,t-1} G). */
  readonly vss: readonly Point[];
  /** A_i = alpha_i G, the committed first message of Πsch. */
  readonly A: Point;
  readonly u: Uint8Array;
}

/** Round 3, broadcast: Πsch for F_i(0) under (sid, i, rid). */
export interface KeygenRound3Message {
  readonly schProof: SchProof;
}

/** Round 3, to party j: sigma_{i,j} = f_i(j). */
export interface KeygenShareMessage {
  readonly share: SecretBytes;
}

export const KEYGEN_ROUND1 = 'cggmp.keygen.r1';
export const KEYGEN_ROUND2 = 'cggmp.keygen.r2';
export const KEYGEN_ROUND3 = 'cggmp.keygen.r3';
export const KEYGEN_SHARE = 'cggmp.keygen.r3.share';

function digestBytes(b: Uint8Array, what: string): Uint8Array {
  if (b.length !== DIGEST_BYTES) throw new RangeError(`${what}: expected ${DIGEST_BYTES} bytes`);
  return Uint8Array.from(b);
}

export const keygenRound1Spec: MessageSpec<KeygenRound1Message> = Object.freeze({
  name: KEYGEN_ROUND1,
  kind: 'broadcast',
  // Every party must open the same V_j; the driver echoes it on the round-2 envelopes (the
  // spec's reliability check).
  reliable: true,
  encode: (m: KeygenRound1Message) =>
    encodeMessage(EcdsaKeygenRound1Schema, create(EcdsaKeygenRound1Schema, { commitment: m.commitment })),
  decode(bytes: Uint8Array): KeygenRound1Message {
    const m = decodeCanonical(EcdsaKeygenRound1Schema, bytes, KEYGEN_ROUND1);
    return Object.freeze({ commitment: digestBytes(m.commitment, `${KEYGEN_ROUND1}.commitment`) });
  },
});

export function keygenRound2Spec(threshold: number): MessageSpec<KeygenRound2Message> {
  return Object.freeze({
    name: KEYGEN_ROUND2,
    kind: 'broadcast',
    // Bound to the reliable V_j by the hash: a different opening fails the commitment check.
    reliable: false,
    encode: (m: KeygenRound2Message) =>
      encodeMessage(
        EcdsaKeygenRound2Schema,
        create(EcdsaKeygenRound2Schema, {
          rid: m.rid,
          vssCommitment: m.vss.map(encodePoint),
          schCommitment: encodePoint(m.A),
          u: m.u,
        }),
      ),
    decode(bytes: Uint8Array): KeygenRound2Message {
      const what = KEYGEN_ROUND2;
      const m = decodeCanonical(EcdsaKeygenRound2Schema, bytes, what);
      if (m.vssCommitment.length !== threshold) {
        throw new RangeError(
          `${what}: commitment vector has ${m.vssCommitment.length} entries, expected ${threshold}`,
        );
      }
      return Object.freeze({
        rid: digestBytes(m.rid, `${what}.rid`),
        vss: Object.freeze(m.vssCommitment.map((c, k) => decodePoint(c, `${what}.vss_commitment[${k}]`))),
        A: decodePoint(m.schCommitment, `${what}.sch_commitment`),
        u: digestBytes(m.u, `${what}.u`),
      });
    },
  });
}

export const keygenRound3Spec: MessageSpec<KeygenRound3Message> = Object.freeze({
  name: KEYGEN_ROUND3,
  kind: 'broadcast',
  reliable: false,
  encode: (m: KeygenRound3Message) =>
    encodeMessage(
      EcdsaKeygenRound3Schema,
      create(EcdsaKeygenRound3Schema, {
        schProof: fromBinary(ZkSchProofSchema, encodeSchProof(m.schProof)),
      }),
    ),
  decode(bytes: Uint8Array): KeygenRound3Message {
    const m = decodeCanonical(EcdsaKeygenRound3Schema, bytes, KEYGEN_ROUND3);
    if (!m.schProof) throw new TypeError(`${KEYGEN_ROUND3}.sch_proof: missing`);
    return Object.freeze({ schProof: decodeSchProof(toBinary(ZkSchProofSchema, m.schProof)) });
  },
});

export const keygenShareSpec: MessageSpec<KeygenShareMessage> = Object.freeze({
  name: KEYGEN_SHARE,
  kind: 'p2p',
  reliable: false,
  encode: (m: KeygenShareMessage) => {
    const share = m.share.expose();
    const bytes = encodeMessage(EcdsaKeygenShareSchema, create(EcdsaKeygenShareSchema, { share }));
    share.fill(0);
    return bytes;
  },
  decode(bytes: Uint8Array): KeygenShareMessage {
    const m = decodeCanonical(EcdsaKeygenShareSchema, bytes, KEYGEN_SHARE);
    // Range check only; the error never quotes the value.
    decodeScalar(m.share, `${KEYGEN_SHARE}.share`);
    return Object.freeze({ share: new SecretBytes(m.share) });
  },
});
