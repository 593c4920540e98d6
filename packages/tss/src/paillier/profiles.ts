/**
 * The two CGGMP parameter sets of CRYPTO.md "Parameters", chosen per cluster at `init`.
 *
 * Names follow the cggmp21 specification (LFDT-Lockness/cggmp21 spec/main.tex, "Security
 * Parameters"): primes of 4κ bits and N of 8κ bits; ℓ, ℓ' bound honest plaintexts (±2^ℓ, ±2^ℓ'),
 * ε is the slack the range proofs allow (±2^(ℓ+ε)); m is the repetition count of Πmod and Πprm;
 * Q = 2^challengeBits is the challenge space of the other sigma protocols. Its correctness
 * conditions, checked in profiles.test.ts: ℓ >= 256 (the secp256k1 order), ε >= 8 + log Q,
 * ℓ' <= 8κ, plus the paper's implicit 2^(ℓ'+ε) < N/2 so MtA sums never wrap modulo N.
 */

export type SecurityProfileName = 'standard' | 'strong';

export interface SecurityProfile {
  readonly name: SecurityProfileName;
  /** κ: Paillier primes have 4κ bits and N has 8κ bits. */
  readonly kappa: number;
  /** Bit length of each safe prime p, q we generate. */
  readonly primeBits: number;
  /** Accepted bit lengths of a peer's N (CRYPTO.md "Non-proof checks": N bit length). */
  readonly minModulusBits: number;
  readonly maxModulusBits: number;
  /** ℓ: honest k_i, gamma_i, x_i lie in ±2^ℓ. */
  readonly ell: number;
  /** ℓ': honest MtA masks beta lie in ±2^ℓ'. */
  readonly ellPrime: number;
  /** ε: slack of the range proofs. */
  readonly epsilon: number;
  /** m: repetitions of Πmod and Πprm (soundness error 2^-m). */
  readonly repetitions: number;
  /** log2 Q: challenges of Πenc, Πaff-g, Πlog* etc. lie in ±Q. */
  readonly challengeBits: number;
}

/**
 * taurusgroup/multi-party-sig internal/params/params.go: SecParam = 256, L = SecParam (256),
 * LPrime = 5·SecParam (1280), Epsilon = 2·SecParam (512), BitsBlumPrime = 1024, BitsPaillier =
 * 2048, StatParam = 80 (the Πmod and Πprm response arrays in pkg/zk/mod and pkg/zk/prm); its
 * challenges are sampled in ±2^256 (pkg/math/sample IntervalScalar). These are the paper's own
 * choices (ℓ = λ, ℓ' = 5λ, ε = 2λ, m = 80). Exactly 2048 bits: a peer may not pick a longer N to
 * slow every verifier down, nor a shorter one.
 */
export const STANDARD_PROFILE: SecurityProfile = Object.freeze({
  name: 'standard',
  kappa: 256,
  primeBits: 1024,
  minModulusBits: 2048,
  maxModulusBits: 2048,
  ell: 256,
  ellPrime: 1280,
  epsilon: 512,
  repetitions: 80,
  challengeBits: 256,
});

/**
 * LFDT-Lockness/cggmp21 SecurityLevel128 (cggmp21/src/security_level.rs and cggmp21-keygen):
 * security_bits κ = 384 (3072-bit N, 1536-bit primes, the NIST 128-bit level), ε = 230,
 * ℓ = 256, ℓ' = 848, m = 128, Q = 2^128. cggmp21 accepts N of at least 8κ-1 bits; we ask for 8κ
 * and cap N at 4096 bits, which bounds verifier work and keeps N^2 under OpenSSL's 10000-bit
 * limit so every exponentiation modulo N^2 takes the fast path (math/modpow.ts).
 */
export const STRONG_PROFILE: SecurityProfile = Object.freeze({
  name: 'strong',
  kappa: 384,
  primeBits: 1536,
  minModulusBits: 3072,
  maxModulusBits: 4096,
  ell: 256,
  ellPrime: 848,
  epsilon: 230,
  repetitions: 128,
  challengeBits: 128,
});

export const SECURITY_PROFILES: readonly SecurityProfile[] = Object.freeze([
  STANDARD_PROFILE,
  STRONG_PROFILE,
]);

export function securityProfile(name: string): SecurityProfile {
  const profile = SECURITY_PROFILES.find((p) => p.name === name);
  if (profile === undefined) throw new RangeError(`unknown security profile ${JSON.stringify(name)}`);
  return profile;
}

/** CRYPTO.md "Non-proof checks": N bit length for the profile. */
export function modulusBitsAllowed(profile: SecurityProfile, bits: number): boolean {
  return bits >= profile.minModulusBits && bits <= profile.maxModulusBits;
}
