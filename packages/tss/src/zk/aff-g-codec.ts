/**
 * Πaff-g proof <-> mpcium.v1.ZkAffGProof (proto/mpcium/v1/zk_presign.proto). Decoding caps every
 * integer by the profile's sizes (enc-range.ts integerCaps) and parses B_x strictly (sch-group.ts); verifyAffG
 * then checks exact membership and ranges.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { ZkAffGProofSchema } from '@mpcium/proto';
import type { SecurityProfile } from '../paillier/profiles.js';
import type { AffGProof } from './aff-g.js';
import { decodeStrict } from './check.js';
import { integerCaps } from './enc-range.js';
import { fromSignedInteger, fromUnsignedInteger, toSignedInteger } from './integer.js';
import { decodePoint, encodePoint } from './sch-group.js';

export function encodeAffGProof(proof: AffGProof): Uint8Array {
  return toBinary(
    ZkAffGProofSchema,
    create(ZkAffGProofSchema, {
      a: toSignedInteger(proof.A),
      bX: encodePoint(proof.Bx),
      bY: toSignedInteger(proof.By),
      e: toSignedInteger(proof.E),
      s: toSignedInteger(proof.S),
      f: toSignedInteger(proof.F),
      t: toSignedInteger(proof.T),
      z1: toSignedInteger(proof.z1),
      z2: toSignedInteger(proof.z2),
      z3: toSignedInteger(proof.z3),
      z4: toSignedInteger(proof.z4),
      w: toSignedInteger(proof.w),
      wY: toSignedInteger(proof.wY),
    }),
  );
}

/** Throws a RangeError or TypeError on malformed, non-canonical or oversized input, or a bad point. */
export function decodeAffGProof(bytes: Uint8Array, profile: SecurityProfile): AffGProof {
  const what = 'Πaff-g proof';
  const m = decodeStrict(ZkAffGProofSchema, bytes, what);
  const cap = integerCaps(profile);
  return Object.freeze({
    A: fromUnsignedInteger(m.a, cap.modN2, `${what} A`),
    Bx: decodePoint(m.bX, `${what} B_x`),
    By: fromUnsignedInteger(m.bY, cap.modN2, `${what} B_y`),
    E: fromUnsignedInteger(m.e, cap.modN, `${what} E`),
    S: fromUnsignedInteger(m.s, cap.modN, `${what} S`),
    F: fromUnsignedInteger(m.f, cap.modN, `${what} F`),
    T: fromUnsignedInteger(m.t, cap.modN, `${what} T`),
    z1: fromSignedInteger(m.z1, cap.z, `${what} z1`),
    z2: fromSignedInteger(m.z2, cap.zPrime, `${what} z2`),
    z3: fromSignedInteger(m.z3, cap.zMask, `${what} z3`),
    z4: fromSignedInteger(m.z4, cap.zMask, `${what} z4`),
    w: fromUnsignedInteger(m.w, cap.modN, `${what} w`),
    wY: fromUnsignedInteger(m.wY, cap.modN, `${what} w_y`),
  });
}
