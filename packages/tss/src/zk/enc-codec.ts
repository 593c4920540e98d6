/**
 * Πenc proof <-> mpcium.v1.ZkEncProof (proto/mpcium/v1/zk_presign.proto). Decoding caps every
 * integer by the profile's sizes (enc-range.ts integerCaps); verifyEnc then checks exact membership and
 * ranges.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { ZkEncProofSchema } from '@mpcium/proto';
import type { SecurityProfile } from '../paillier/profiles.js';
import { decodeStrict } from './check.js';
import type { EncProof } from './enc.js';
import { integerCaps } from './enc-range.js';
import { fromSignedInteger, fromUnsignedInteger, toSignedInteger } from './integer.js';

export function encodeEncProof(proof: EncProof): Uint8Array {
  return toBinary(
    ZkEncProofSchema,
    create(ZkEncProofSchema, {
      s: toSignedInteger(proof.S),
      a: toSignedInteger(proof.A),
      c: toSignedInteger(proof.C),
      z1: toSignedInteger(proof.z1),
      z2: toSignedInteger(proof.z2),
      z3: toSignedInteger(proof.z3),
    }),
  );
}

/** Throws a RangeError or TypeError on malformed, non-canonical or oversized input, or a bad point. */
export function decodeEncProof(bytes: Uint8Array, profile: SecurityProfile): EncProof {
  const what = 'Πenc proof';
  const m = decodeStrict(ZkEncProofSchema, bytes, what);
  const cap = integerCaps(profile);
  return Object.freeze({
    S: fromUnsignedInteger(m.s, cap.modN, `${what} S`),
    A: fromUnsignedInteger(m.a, cap.modN2, `${what} A`),
    C: fromUnsignedInteger(m.c, cap.modN, `${what} C`),
    z1: fromSignedInteger(m.z1, cap.z, `${what} z1`),
    z2: fromUnsignedInteger(m.z2, cap.modN, `${what} z2`),
    z3: fromSignedInteger(m.z3, cap.zMask, `${what} z3`),
  });
}
