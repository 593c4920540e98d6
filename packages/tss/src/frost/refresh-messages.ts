/**
 * Wire messages of the FROST proactive refresh: a reliable broadcast of the commitment to a
 * zero-constant polynomial, the point-to-point shares, and a confirmation of the new public
 * key package.
 */
import { create } from '@bufbuild/protobuf';
import { FrostRefreshRound1Schema, FrostRefreshRound2Schema, FrostRefreshShareSchema } from '@mpcium/proto';
import { type MessageSpec, SecretBytes } from '../engine/index.js';
import type { FrostSuite } from './suite.js';
import { decodeCanonical, encodeMessage } from './wire.js';

export interface FrostRefreshRound1Message {
  /** (a_1 G, ..., a_{t-1} G): exactly threshold - 1 serialized, non-identity elements. */
  readonly commitment: readonly Uint8Array[];
}

export interface FrostRefreshShareMessage {
  readonly share: SecretBytes;
}

export interface FrostRefreshRound2Message {
  readonly publicPackageDigest: Uint8Array;
}

export function refreshRound1Spec(
  suite: FrostSuite,
  threshold: number,
): MessageSpec<FrostRefreshRound1Message> {
  const name = `${suite.protocol}.refresh.r1`;
  return Object.freeze({
    name,
    kind: 'broadcast',
    reliable: true,
    encode: (m: FrostRefreshRound1Message) =>
      encodeMessage(
        FrostRefreshRound1Schema,
        create(FrostRefreshRound1Schema, { commitment: [...m.commitment] }),
      ),
    decode(bytes: Uint8Array): FrostRefreshRound1Message {
      const m = decodeCanonical(FrostRefreshRound1Schema, bytes, name);
      // CRYPTO.md item 18: a vector of another length would change the threshold.
      if (m.commitment.length !== threshold - 1) {
        throw new RangeError(
          `${name}: commitment vector has ${m.commitment.length} entries, expected ${threshold - 1} (threshold change refused)`,
        );
      }
      const commitment = m.commitment.map((c, k) => {
        suite.decodeElement(c, `${name}.commitment[${k}]`);
        return Uint8Array.from(c);
      });
      return Object.freeze({ commitment: Object.freeze(commitment) });
    },
  });
}

export function refreshShareSpec(suite: FrostSuite): MessageSpec<FrostRefreshShareMessage> {
  const name = `${suite.protocol}.refresh.share`;
  return Object.freeze({
    name,
    kind: 'p2p',
    reliable: false,
    encode: (m: FrostRefreshShareMessage) =>
      encodeMessage(FrostRefreshShareSchema, create(FrostRefreshShareSchema, { share: m.share.expose() })),
    decode(bytes: Uint8Array): FrostRefreshShareMessage {
      const m = decodeCanonical(FrostRefreshShareSchema, bytes, name);
      suite.decodeScalar(m.share, `${name}.share`);
      return Object.freeze({ share: new SecretBytes(m.share) });
    },
  });
}

export function refreshRound2Spec(suite: FrostSuite): MessageSpec<FrostRefreshRound2Message> {
  const name = `${suite.protocol}.refresh.r2`;
  return Object.freeze({
    name,
    kind: 'broadcast',
    reliable: false,
    encode: (m: FrostRefreshRound2Message) =>
      encodeMessage(
        FrostRefreshRound2Schema,
        create(FrostRefreshRound2Schema, { publicPackageDigest: m.publicPackageDigest }),
      ),
    decode(bytes: Uint8Array): FrostRefreshRound2Message {
      const m = decodeCanonical(FrostRefreshRound2Schema, bytes, name);
      if (m.publicPackageDigest.length !== 32) throw new RangeError(`${name}: expected a 32-byte digest`);
      return Object.freeze({ publicPackageDigest: Uint8Array.from(m.publicPackageDigest) });
    },
  });
}
