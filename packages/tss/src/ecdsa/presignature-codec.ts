/**
 * Storage form of a presignature: mpcium.v1.EcdsaPresignature (proto/mpcium/v1/ecdsa_sign.proto).
 * The bytes carry k_i and chi_i in the clear: the key store encrypts them, and must delete them
 * (and every other copy) before a signature share made with them leaves the node. Parsing is
 * strict (canonical protobuf, no unknown fields) and re-runs every check of
 * `presignatureFromParts`, plus the stored id against the recomputed one.
 */
import { create } from '@bufbuild/protobuf';
import { EcdsaPresignatureCommitmentSchema, EcdsaPresignatureSchema } from '@mpcium/proto';
import { equalBytes } from '@noble/curves/utils.js';
import type { PartyIndex } from '../engine/index.js';
import { decodeCanonical, encodeMessage } from '../frost/wire.js';
import { encodePoint, encodeScalar } from '../zk/sch-group.js';
import { type Presignature, presignatureFromParts, presignatureSecretBytes } from './presignature.js';

const WHAT = 'EcdsaPresignature';

/** Encodes an unspent presignature (secrets included). Throws once it is spent. */
export function encodePresignature(p: Presignature): Uint8Array {
  const { k, chi } = presignatureSecretBytes(p);
  try {
    return encodeMessage(
      EcdsaPresignatureSchema,
      create(EcdsaPresignatureSchema, {
        id: p.id,
        sessionId: p.sessionId,
        keyId: p.keyId,
        keyVersion: p.keyVersion,
        publicKey: p.publicKey,
        keyFingerprint: p.keyFingerprint,
        party: p.party,
        commitments: p.signers.map((j) => {
          const c = p.commitment(j);
          return create(EcdsaPresignatureCommitmentSchema, {
            party: j,
            deltaPoint: encodePoint(c.Delta),
            chiPoint: encodePoint(c.S),
          });
        }),
        gammaPoint: encodePoint(p.Gamma),
        delta: encodeScalar(p.delta),
        kShare: k,
        chiShare: chi,
      }),
    );
  } finally {
    k.fill(0);
    chi.fill(0);
  }
}

/** Parses and validates stored bytes into a live presignature; throws on anything malformed. */
export function parsePresignature(bytes: Uint8Array): Presignature {
  // The caller owns `bytes` (and protobuf-es may hand out views of it): we copy, never wipe.
  const m = decodeCanonical(EcdsaPresignatureSchema, bytes, WHAT);
  const commitments = new Map<PartyIndex, { Delta: Uint8Array; S: Uint8Array }>();
  let previous = 0;
  for (const c of m.commitments) {
    // Ascending order makes the encoding of one presignature unique.
    if (c.party <= previous) throw new RangeError(`${WHAT}: commitments not in ascending party order`);
    previous = c.party;
    commitments.set(c.party, { Delta: c.deltaPoint, S: c.chiPoint });
  }
  const p = presignatureFromParts({
    sessionId: m.sessionId,
    keyId: m.keyId,
    keyVersion: m.keyVersion,
    publicKey: m.publicKey,
    keyFingerprint: m.keyFingerprint,
    party: m.party,
    commitments,
    Gamma: m.gammaPoint,
    delta: m.delta,
    k: m.kShare,
    chi: m.chiShare,
  });
  if (!equalBytes(p.id, m.id)) {
    p.discard();
    throw new RangeError(`${WHAT}: id does not match its contents`);
  }
  return p;
}
