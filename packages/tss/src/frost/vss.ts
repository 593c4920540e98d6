/**
 * Feldman verifiable secret sharing over a FROST group (RFC 9591 appendix C.2).
 */
import type { FrostSuite, GroupElement } from './suite.js';

/**
 * RFC 9591 appendix C.2, `derive_group_info` / `vss_verify`: S_i' = sum_k vss_commitment[k] * i^k.
 * Inputs are public, so variable-time multiplication is fine.
 */
export function evaluateCommitment(
  suite: FrostSuite,
  commitment: readonly GroupElement[],
  x: bigint,
): GroupElement {
  if (commitment.length === 0) throw new RangeError('empty VSS commitment');
  if (x <= 0n || x >= suite.order) throw new RangeError('VSS evaluation point out of range');
  let result = commitment[0]!;
  let power = 1n;
  for (let k = 1; k < commitment.length; k++) {
    power = (power * x) % suite.order;
    result = result.add(commitment[k]!.multiplyUnsafe(power));
  }
  return result;
}

/** RFC 9591 appendix C.2 `vss_verify(share_i, vss_commitment)`: share_i * G == S_i'. */
export function vssVerify(
  suite: FrostSuite,
  commitment: readonly GroupElement[],
  x: bigint,
  share: bigint,
): boolean {
  const expected = evaluateCommitment(suite, commitment, x);
  // The share is secret: constant-time base multiplication (noble rejects a zero scalar there).
  return share === 0n ? expected.is0() : suite.base.multiply(share).equals(expected);
}
