/**
 * Πlog* proof <-> mpcium.v1.ZkLogStarProof (proto/mpcium/v1/zk_presign.proto). Decoding caps
 * every integer by the profile's sizes (enc-range.ts integerCaps) and parses Y strictly (sch-group.ts);
 * verifyLogStar then checks exact membership and ranges.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { ZkLogStarProofSchema } from '@mpcium/proto';
import type { SecurityProfile } from '../paillier/profiles.js';
import { decodeStrict } from './check.js';
import { integerCaps } from './enc-range.js';
import { fromSignedInteger, fromUnsignedInteger, toSignedInteger } from './integer.js';
import type { LogStarProof } from './log-star.js';
import { decodePoint, encodePoint } from './sch-group.js';

export function encodeLogStarProof(proof: LogStarProof): Uint8Array {
  return toBinary(
    ZkLogStarProofSchema,
    create(ZkLogStarProofSchema, {
      s: toSignedInteger(proof.S),
      a: toSignedInteger(proof.A),
      y: encodePoint(proof.Y),
      d: toSignedInteger(proof.D),
      z1: toSignedInteger(proof.z1),
      z2: toSignedInteger(proof.z2),
      z3: toSignedInteger(proof.z3),
    }),
  );
}

/** Throws a RangeError or TypeError on malformed, non-canonical or oversized input, or a bad point. */
export function decodeLogStarProof(bytes: Uint8Array, profile: SecurityProfile): LogStarProof {
  const what = 'Πlog* proof';
  const m = decodeStrict(ZkLogStarProofSchema, bytes, what);
  const cap = integerCaps(profile);
  return Object.freeze({
    S: fromUnsignedInteger(m.s, cap.modN, `${what} S`),
    A: fromUnsignedInteger(m.a, cap.modN2, `${what} A`),
    Y: decodePoint(m.y, `${what} Y`),
    D: fromUnsignedInteger(m.d, cap.modN, `${what} D`),
    z1: fromSignedInteger(m.z1, cap.z, `${what} z1`),
    z2: fromUnsignedInteger(m.z2, cap.modN, `${what} z2`),
    z3: fromSignedInteger(m.z3, cap.zMask, `${what} z3`),
  });
}
