/**
 * The DKG's Schnorr proof of knowledge of a_{i,0} (RFC 9591 appendix C, round 1 step 5;
 * frost-rs `compute_proof_of_knowledge` / `verify_proof_of_knowledge`). noble produces the proof;
 * we verify each peer's proof ourselves so a bad one names its sender.
 */
import type { PartyIndex } from '../engine/index.js';
import type { FrostSuite, GroupElement } from './suite.js';

/**
 * Verifies sigma_i = (R_i, mu_i) for participant i with constant-term commitment phi_i0:
 * c_i = HDKG(i, phi_i0, R_i) and R_i == mu_i * G - c_i * phi_i0. Returns false on any malformed
 * input. The challenge binds the prover's identifier, so a copied package fails for the copier.
 */
export function verifyProofOfKnowledge(
  suite: FrostSuite,
  party: PartyIndex,
  phi: GroupElement,
  proof: Uint8Array,
): boolean {
  let R: GroupElement;
  let mu: bigint;
  try {
    ({ R, z: mu } = suite.decodeSignature(proof, 'proof of knowledge'));
  } catch {
    return false;
  }
  const c = suite.dkgChallenge(BigInt(party), phi, R);
  // All inputs are public: variable-time arithmetic is fine.
  return R.equals(suite.base.multiplyUnsafe(mu).subtract(phi.multiplyUnsafe(c)));
}
