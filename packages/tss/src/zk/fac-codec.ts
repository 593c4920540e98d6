/**
 * Wire form of Πfac (proto/mpcium/v1/zk_aux.proto, FacProof). Decoding is strict; each integer
 * is bounded in size by the largest value an honest prover produces for the profile's largest
 * moduli (`facBounds` with N0, N_hat < 2^maxModulusBits), so a peer cannot make us parse or
 * exponentiate by huge numbers. Exact intervals are checked by `verifyFac`.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { FacProofSchema, type SignedInteger } from '@mpcium/proto';
import type { SecurityProfile } from '../paillier/profiles.js';
import { bytesForBits, decodeNatural, decodeStrict } from './check.js';
import type { FacProof } from './fac.js';
import { fromSignedInteger, toSignedInteger } from './integer.js';

export function encodeFacProof(proof: FacProof): Uint8Array {
  const message = create(FacProofSchema, {
    p: toSignedInteger(proof.P),
    q: toSignedInteger(proof.Q),
    a: toSignedInteger(proof.A),
    b: toSignedInteger(proof.B),
    t: toSignedInteger(proof.T),
    sigma: toSignedInteger(proof.sigma),
    z1: toSignedInteger(proof.z1),
    z2: toSignedInteger(proof.z2),
    w1: toSignedInteger(proof.w1),
    w2: toSignedInteger(proof.w2),
    v: toSignedInteger(proof.v),
  });
  return toBinary(FacProofSchema, message);
}

/** Throws a RangeError or TypeError on malformed, non-canonical or oversized input. */
export function decodeFacProof(bytes: Uint8Array, profile: SecurityProfile): FacProof {
  const msg = decodeStrict(FacProofSchema, bytes, 'Πfac proof');
  const n = profile.maxModulusBits;
  const le = profile.ell + profile.epsilon;
  const unit = (v: SignedInteger | undefined, what: string) => decodeNatural(v, bytesForBits(n), what);
  const signed = (v: SignedInteger | undefined, bits: number, what: string) =>
    fromSignedInteger(v, bytesForBits(bits + 1), what);
  return Object.freeze({
    P: unit(msg.p, 'Πfac P'),
    Q: unit(msg.q, 'Πfac Q'),
    A: unit(msg.a, 'Πfac A'),
    B: unit(msg.b, 'Πfac B'),
    T: unit(msg.t, 'Πfac T'),
    sigma: signed(msg.sigma, profile.ell + 2 * n, 'Πfac sigma'),
    z1: signed(msg.z1, le + Math.ceil(n / 2), 'Πfac z1'),
    z2: signed(msg.z2, le + Math.ceil(n / 2), 'Πfac z2'),
    w1: signed(msg.w1, le + 1 + n, 'Πfac w1'),
    w2: signed(msg.w2, le + 1 + n, 'Πfac w2'),
    v: signed(msg.v, le + 1 + 2 * n, 'Πfac v'),
  });
}
