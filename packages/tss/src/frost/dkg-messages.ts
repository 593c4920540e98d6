/**
 * Wire messages of the FROST DKG (RFC 9591 appendix C, frost-rs `dkg::round1` / `dkg::round2`):
 * the round-1 broadcast of a Feldman commitment vector with a proof of knowledge of its constant
 * term, and the round-2 point-to-point secret share f_i(j).
 */

import { create } from '@bufbuild/protobuf';
import { FrostDkgRound1Schema, FrostDkgRound2Schema } from '@mpcium/proto';
import type { MessageSpec } from '../engine/index.js';
import { SecretBytes } from '../engine/index.js';
import type { FrostSuite, GroupElement } from './suite.js';
import { decodeCanonical, encodeMessage } from './wire.js';

export interface FrostDkgRound1Message {
  /** Feldman VSS commitment C_i = (a_{i,0} G, ..., a_{i,t-1} G), serialized elements. */
  readonly commitment: readonly Uint8Array[];
  /** sigma_i = (R_i, mu_i), 64 bytes in the suite's signature encoding. */
  readonly proofOfKnowledge: Uint8Array;
}

export interface FrostDkgRound2Message {
  /** The secret share f_i(j) for the recipient j. */
  readonly signingShare: SecretBytes;
}

/**
 * Structural checks on a round-1 package (CRYPTO.md items 9 and 10): exactly `threshold`
 * commitments, each a valid non-identity element, and a well-formed proof. Returns the parsed
 * commitment. Throws TypeError naming the first problem.
 */
export function checkDkgRound1(
  suite: FrostSuite,
  threshold: number,
  message: FrostDkgRound1Message,
  what = `${suite.protocol}.dkg.r1`,
): GroupElement[] {
  if (message.commitment.length !== threshold) {
    throw new TypeError(
      `${what}: commitment vector has ${message.commitment.length} entries, expected ${threshold}`,
    );
  }
  const points = message.commitment.map((c, k) => suite.decodeElement(c, `${what}.commitment[${k}]`));
  suite.decodeSignature(message.proofOfKnowledge, `${what}.proof_of_knowledge`);
  return points;
}

export function dkgRound1Spec(suite: FrostSuite, threshold: number): MessageSpec<FrostDkgRound1Message> {
  const name = `${suite.protocol}.dkg.r1`;
  return Object.freeze({
    name,
    kind: 'broadcast',
    // Every party must evaluate the same commitment vectors (RFC 9591 appendix C assumes a
    // broadcast channel); the driver echo-checks this message.
    reliable: true,
    encode: (m: FrostDkgRound1Message) =>
      encodeMessage(
        FrostDkgRound1Schema,
        create(FrostDkgRound1Schema, { commitment: [...m.commitment], proofOfKnowledge: m.proofOfKnowledge }),
      ),
    decode(bytes: Uint8Array): FrostDkgRound1Message {
      const m = decodeCanonical(FrostDkgRound1Schema, bytes, name);
      // protobuf-es returns views into `bytes`; copy so later reuse of the buffer cannot alter us.
      const message = Object.freeze({
        commitment: Object.freeze(m.commitment.map((c) => Uint8Array.from(c))),
        proofOfKnowledge: Uint8Array.from(m.proofOfKnowledge),
      });
      checkDkgRound1(suite, threshold, message, name);
      return message;
    },
  });
}

export function dkgRound2Spec(suite: FrostSuite): MessageSpec<FrostDkgRound2Message> {
  const name = `${suite.protocol}.dkg.r2`;
  return Object.freeze({
    name,
    kind: 'p2p',
    reliable: false,
    encode: (m: FrostDkgRound2Message) =>
      encodeMessage(
        FrostDkgRound2Schema,
        create(FrostDkgRound2Schema, { signingShare: m.signingShare.expose() }),
      ),
    decode(bytes: Uint8Array): FrostDkgRound2Message {
      const m = decodeCanonical(FrostDkgRound2Schema, bytes, name);
      suite.decodeScalar(m.signingShare, `${name}.signing_share`);
      return Object.freeze({ signingShare: new SecretBytes(m.signingShare) });
    },
  });
}
