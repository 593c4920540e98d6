/**
 * Wire form of Πmod (proto/mpcium/v1/zk_aux.proto, ModProof). Decoding is strict and bounded by
 * the security profile: exactly m rounds, every integer non-negative and no longer than the
 * largest N the profile accepts. Exact ranges (x_i, z_i, w in Z*_N) are checked by `verifyMod`,
 * which knows N.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { ModProofRoundSchema, ModProofSchema } from '@mpcium/proto';
import type { SecurityProfile } from '../paillier/profiles.js';
import { bytesForBits, decodeNatural, decodeStrict } from './check.js';
import { toSignedInteger } from './integer.js';
import type { ModProof } from './mod.js';

export function encodeModProof(proof: ModProof): Uint8Array {
  const message = create(ModProofSchema, {
    w: toSignedInteger(proof.w),
    rounds: proof.rounds.map((r) =>
      create(ModProofRoundSchema, { x: toSignedInteger(r.x), a: r.a, b: r.b, z: toSignedInteger(r.z) }),
    ),
  });
  return toBinary(ModProofSchema, message);
}

/** Throws a RangeError or TypeError on malformed, non-canonical or oversized input. */
export function decodeModProof(bytes: Uint8Array, profile: SecurityProfile): ModProof {
  const message = decodeStrict(ModProofSchema, bytes, 'Πmod proof');
  const m = profile.repetitions;
  if (message.rounds.length !== m) {
    throw new RangeError(`Πmod proof: expected ${m} rounds, got ${message.rounds.length}`);
  }
  const maxBytes = bytesForBits(profile.maxModulusBits);
  const rounds = message.rounds.map((r, i) =>
    Object.freeze({
      x: decodeNatural(r.x, maxBytes, `Πmod x[${i}]`),
      a: r.a,
      b: r.b,
      z: decodeNatural(r.z, maxBytes, `Πmod z[${i}]`),
    }),
  );
  return Object.freeze({ w: decodeNatural(message.w, maxBytes, 'Πmod w'), rounds: Object.freeze(rounds) });
}
