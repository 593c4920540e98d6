/**
 * Wire form of Πprm (proto/mpcium/v1/zk_aux.proto, PrmProof). Decoding is strict and bounded by
 * the security profile: exactly m commitments and m responses, each non-negative and no longer
 * than the largest N the profile accepts. Exact ranges are checked by `verifyPrm`.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { PrmProofSchema } from '@mpcium/proto';
import type { SecurityProfile } from '../paillier/profiles.js';
import { bytesForBits, decodeNatural, decodeStrict } from './check.js';
import { toSignedInteger } from './integer.js';
import type { PrmProof } from './prm.js';

export function encodePrmProof(proof: PrmProof): Uint8Array {
  const message = create(PrmProofSchema, {
    commitments: proof.commitments.map(toSignedInteger),
    responses: proof.responses.map(toSignedInteger),
  });
  return toBinary(PrmProofSchema, message);
}

/** Throws a RangeError or TypeError on malformed, non-canonical or oversized input. */
export function decodePrmProof(bytes: Uint8Array, profile: SecurityProfile): PrmProof {
  const message = decodeStrict(PrmProofSchema, bytes, 'Πprm proof');
  const m = profile.repetitions;
  if (message.commitments.length !== m || message.responses.length !== m) {
    throw new RangeError(`Πprm proof: expected ${m} commitments and ${m} responses`);
  }
  const maxBytes = bytesForBits(profile.maxModulusBits);
  const commitments = message.commitments.map((v, i) => decodeNatural(v, maxBytes, `Πprm A[${i}]`));
  const responses = message.responses.map((v, i) => decodeNatural(v, maxBytes, `Πprm z[${i}]`));
  return Object.freeze({ commitments: Object.freeze(commitments), responses: Object.freeze(responses) });
}
