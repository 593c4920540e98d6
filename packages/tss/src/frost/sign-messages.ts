/**
 * Wire messages of FROST signing (RFC 9591 sections 5.1 and 5.2): the round-one nonce
 * commitment and the round-two signature share z_i.
 */
import { create } from '@bufbuild/protobuf';
import { FrostNonceCommitmentSchema, FrostSignRound1Schema, FrostSignRound2Schema } from '@mpcium/proto';
import type { MessageSpec } from '../engine/index.js';
import { checkCommitment, type FrostCommitment } from './nonce.js';
import type { FrostSuite } from './suite.js';
import { decodeCanonical, encodeMessage } from './wire.js';

export interface FrostSignRound1Message {
  readonly commitment: FrostCommitment;
}

export interface FrostSignRound2Message {
  /** z_i, SerializeScalar. */
  readonly signatureShare: Uint8Array;
  /** SHA-256 digest of the commitment list z_i was computed over (`frostCommitmentListDigest`). */
  readonly commitmentListDigest: Uint8Array;
}

export function signRound1Spec(suite: FrostSuite): MessageSpec<FrostSignRound1Message> {
  const name = `${suite.protocol}.sign.r1`;
  return Object.freeze({
    name,
    kind: 'broadcast',
    // Every signer must derive its binding factors from the same commitment list; a signer
    // that equivocates here would make honest signers' shares look invalid to each other.
    reliable: true,
    encode: (m: FrostSignRound1Message) =>
      encodeMessage(
        FrostSignRound1Schema,
        create(FrostSignRound1Schema, {
          commitment: create(FrostNonceCommitmentSchema, {
            party: m.commitment.party,
            hiding: m.commitment.hiding,
            binding: m.commitment.binding,
          }),
        }),
      ),
    decode(bytes: Uint8Array): FrostSignRound1Message {
      const m = decodeCanonical(FrostSignRound1Schema, bytes, name);
      if (!m.commitment) throw new TypeError(`${name}: missing commitment`);
      const commitment = Object.freeze({
        party: m.commitment.party,
        hiding: Uint8Array.from(m.commitment.hiding),
        binding: Uint8Array.from(m.commitment.binding),
      });
      checkCommitment(suite, commitment, `${name}.commitment`);
      return Object.freeze({ commitment });
    },
  });
}

export function signRound2Spec(suite: FrostSuite): MessageSpec<FrostSignRound2Message> {
  const name = `${suite.protocol}.sign.r2`;
  return Object.freeze({
    name,
    kind: 'broadcast',
    // Not echo-checked: a signer that sends different shares to different peers is caught by
    // each receiver's own share verification and named there.
    reliable: false,
    encode: (m: FrostSignRound2Message) =>
      encodeMessage(
        FrostSignRound2Schema,
        create(FrostSignRound2Schema, {
          signatureShare: m.signatureShare,
          commitmentListDigest: m.commitmentListDigest,
        }),
      ),
    decode(bytes: Uint8Array): FrostSignRound2Message {
      const m = decodeCanonical(FrostSignRound2Schema, bytes, name);
      suite.decodeScalar(m.signatureShare, `${name}.signature_share`);
      if (m.commitmentListDigest.length !== 32) {
        throw new RangeError(`${name}.commitment_list_digest: expected 32 bytes`);
      }
      return Object.freeze({
        signatureShare: Uint8Array.from(m.signatureShare),
        commitmentListDigest: Uint8Array.from(m.commitmentListDigest),
      });
    },
  });
}
