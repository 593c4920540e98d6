/**
 * Rules shared by the Paillier range proofs Πenc, Πaff-g and Πlog* (ePrint 2021/060 Figs. 14, 15
 * and 25; cggmp21 spec/main.tex Sec. 3): the challenge space, the intervals, the membership
 * checks of CRYPTO.md "Non-proof checks", and the transcript prefix (tag, sid, prover, the
 * security level L and the verifier's auxiliary data R_j = (N_hat, s, t)).
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { bitLength } from '../math/bytes.js';
import { gcd } from '../math/modular.js';
import { isCiphertext, type PaillierModulus } from '../paillier/ciphertext.js';
import { modulusBitsAllowed, type SecurityProfile } from '../paillier/profiles.js';
import { PaillierPublicKey } from '../paillier/public-key.js';
import { RingPedersenParams } from '../paillier/ring-pedersen.js';
import { CURVE_ORDER } from './sch-group.js';
import { type ProofContext, Transcript } from './transcript.js';

/** 2^bits. */
export function pow2(bits: number): bigint {
  return 1n << BigInt(bits);
}

/**
 * The challenge space ±Q. The paper draws e <- ±q (q the curve order, Figs. 14, 15, 25), the
 * cggmp21 spec e <- ±Q with Q = 2^m and requires ε >= 8 + log Q so that z1 = α + e·x stays in
 * ±2^(ℓ+ε). We take Q = min(q, 2^challengeBits): ±q for the standard profile (ε = 512) as in the
 * paper, and ±2^128 for the strong one, whose ε = 230 is too small for a 256-bit challenge.
 */
export function challengeBound(profile: SecurityProfile): bigint {
  // 2^255 < q < 2^256: 2^challengeBits is the smaller bound exactly when challengeBits < 256.
  return profile.challengeBits < 256 ? pow2(profile.challengeBits) : CURVE_ORDER;
}

/**
 * Bound on the ring-Pedersen responses z3 = γ + e·μ (and z4 = δ + e·μ of Πaff-g): γ in
 * ±2^(ℓ+ε)·N_hat and |e·μ| <= Q·2^ℓ·N_hat <= 2^(ℓ+ε)·N_hat, so honest responses lie in
 * ±2^(ℓ+ε+1)·N_hat. The paper states no interval for them; we enforce this one anyway because
 * it costs nothing, never rejects an honest proof, and bounds the verifier's exponentiations.
 */
export function maskResponseBound(profile: SecurityProfile, Nhat: bigint): bigint {
  return pow2(profile.ell + profile.epsilon + 1) * Nhat;
}

/** Why x is not in Z*_N, or null; `ring` names N in the reason (N0, N1, N_hat). */
export function unitDefect(x: unknown, N: bigint, what: string, ring: string): string | null {
  if (typeof x !== 'bigint') return `${what} is not an integer`;
  if (x <= 0n || x >= N || gcd(x, N) !== 1n) return `${what} is not in Z*_${ring}`;
  return null;
}

/** Why c is not a ciphertext in Z*_{N^2} (CRYPTO.md item 8), or null; `ring` names N. */
export function ciphertextDefect(pk: PaillierModulus, c: unknown, what: string, ring: string): string | null {
  if (typeof c !== 'bigint') return `${what} is not an integer`;
  return isCiphertext(pk, c) ? null : `${what} is not a ciphertext in Z*_{${ring}^2}`;
}

/** Why x is not an integer in ±bound, or null. */
export function intervalDefect(x: unknown, bound: bigint, what: string): string | null {
  if (typeof x !== 'bigint') return `${what} is not an integer`;
  return x >= -bound && x <= bound ? null : `${what} out of range`;
}

/**
 * A Paillier key named in a statement: validated (the class), of a length the profile allows,
 * and with room for plaintexts of `plainBits` bits, 2^plainBits < N/2 (the paper's implicit
 * constraint: the sums the proofs reason about never wrap modulo N).
 */
export function paillierKeyDefect(
  pk: unknown,
  profile: SecurityProfile,
  plainBits: number,
  what: string,
): string | null {
  if (!(pk instanceof PaillierPublicKey)) return `${what} is not a Paillier public key`;
  if (!modulusBitsAllowed(profile, pk.bits)) {
    return `${what} has a length the ${profile.name} profile forbids`;
  }
  if (plainBits > pk.bits - 3) return `${what} is too short for ±2^${plainBits}`;
  return null;
}

/** The verifier's ring-Pedersen parameters: validated (the class) and of an allowed length. */
export function auxDefect(aux: unknown, profile: SecurityProfile): string | null {
  if (!(aux instanceof RingPedersenParams)) return 'ring-Pedersen parameters are not validated';
  if (!modulusBitsAllowed(profile, bitLength(aux.N))) {
    return `ring-Pedersen N_hat has a length the ${profile.name} profile forbids`;
  }
  return null;
}

/**
 * The first transcript fields of every range proof: Transcript.start(tag, ctx) absorbs the tag,
 * the session id and the prover; then L (the spec's Challenge^L) and R_j = (N_hat, s, t), since
 * the same statement proven against another verifier's parameters is another proof.
 */
export function startRangeTranscript(
  tag: string,
  ctx: ProofContext,
  profile: SecurityProfile,
  aux: RingPedersenParams,
): Transcript {
  return Transcript.start(tag, ctx)
    .bytes('L.profile', utf8ToBytes(profile.name))
    .u32('L.ell', profile.ell)
    .u32('L.ellPrime', profile.ellPrime)
    .u32('L.epsilon', profile.epsilon)
    .u32('L.challengeBits', profile.challengeBits)
    .int('Rj.Nhat', aux.N)
    .int('Rj.s', aux.s)
    .int('Rj.t', aux.t);
}

/** e <- ±Q, squeezed after every statement field and commitment has been absorbed. */
export function rangeChallenge(t: Transcript, profile: SecurityProfile): bigint {
  return t.challengeSigned('e', challengeBound(profile));
}

/**
 * Size caps for decoding a range proof under a profile: every integer is refused before any
 * arithmetic when it exceeds the largest value an honest prover can produce with the profile's
 * largest moduli. Exact membership and intervals are the verifier's job.
 */
export interface IntegerCaps {
  /** Exclusive bound of an element of Z_N or Z_N_hat. */
  readonly modN: bigint;
  /** Exclusive bound of an element of Z_{N^2}. */
  readonly modN2: bigint;
  /** Magnitude bytes of a response in ±2^(ℓ+ε). */
  readonly z: number;
  /** Magnitude bytes of a response in ±2^(ℓ'+ε) (z2 of Πaff-g). */
  readonly zPrime: number;
  /** Magnitude bytes of a ring-Pedersen response in ±2^(ℓ+ε+1)·N_hat. */
  readonly zMask: number;
}

export function integerCaps(profile: SecurityProfile): IntegerCaps {
  const bytes = (bits: number) => Math.ceil(bits / 8);
  return Object.freeze({
    modN: pow2(profile.maxModulusBits),
    modN2: pow2(2 * profile.maxModulusBits),
    z: bytes(profile.ell + profile.epsilon + 1),
    zPrime: bytes(profile.ellPrime + profile.epsilon + 1),
    zMask: bytes(profile.ell + profile.epsilon + 2 + profile.maxModulusBits),
  });
}
