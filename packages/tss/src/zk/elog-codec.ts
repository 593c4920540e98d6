/** Πelog proof <-> mpcium.v1.ZkElogProof: points as 33-byte compressed, scalars below q, strict. */
import { create, toBinary } from '@bufbuild/protobuf';
import { ZkElogProofSchema } from '@mpcium/proto';
import { decodeStrict } from './check.js';
import type { ElogProof } from './elog.js';
import { decodePoint, decodeScalar, encodePoint, encodeScalar } from './sch-group.js';

export function encodeElogProof(proof: ElogProof): Uint8Array {
  return toBinary(
    ZkElogProofSchema,
    create(ZkElogProofSchema, {
      a: encodePoint(proof.A),
      n: encodePoint(proof.N),
      b: encodePoint(proof.B),
      z: encodeScalar(proof.z),
      u: encodeScalar(proof.u),
    }),
  );
}

/** Throws on malformed or non-canonical input, invalid or identity points, or scalars >= q. */
export function decodeElogProof(bytes: Uint8Array): ElogProof {
  const what = 'Πelog proof';
  const m = decodeStrict(ZkElogProofSchema, bytes, what);
  return Object.freeze({
    A: decodePoint(m.a, `${what} A`),
    N: decodePoint(m.n, `${what} N`),
    B: decodePoint(m.b, `${what} B`),
    z: decodeScalar(m.z, `${what} z`),
    u: decodeScalar(m.u, `${what} u`),
  });
}
