/**
 * Πsch proof <-> mpcium.v1.ZkSchProof (proto/mpcium/v1/zk_presign.proto): A as a 33-byte
 * compressed point, z as a 32-byte scalar below q, both parsed strictly (sch-group.ts).
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { ZkSchProofSchema } from '@mpcium/proto';
import { decodeStrict } from './check.js';
import type { SchProof } from './sch.js';
import { decodePoint, decodeScalar, encodePoint, encodeScalar } from './sch-group.js';

export function encodeSchProof(proof: SchProof): Uint8Array {
  return toBinary(
    ZkSchProofSchema,
    create(ZkSchProofSchema, { a: encodePoint(proof.A), z: encodeScalar(proof.z) }),
  );
}

/** Throws on malformed or non-canonical input, an invalid or identity A, or z >= q. */
export function decodeSchProof(bytes: Uint8Array): SchProof {
  const what = 'Πsch proof';
  const m = decodeStrict(ZkSchProofSchema, bytes, what);
  return Object.freeze({ A: decodePoint(m.a, `${what} A`), z: decodeScalar(m.z, `${what} z`) });
}
