/**
 * Storage form of `EcdsaKeyShare` (proto mpcium.v1.EcdsaKeyShare): our index, the threshold,
 * X, every X_j in ascending party order, and x_i. Parsing is strict (canonical protobuf) and
 * validates through `ecdsaKeyShareFromParts` (STYLE.md rule 9: x_i G = X_i, every X_j on one
 * polynomial of degree t-1 through X). The encoding holds the secret share: callers store it
 * encrypted. Errors never quote the share.
 */
import { create } from '@bufbuild/protobuf';
import { EcdsaKeyShareSchema, EcdsaPublicShareSchema } from '@mpcium/proto';
import type { PartyIndex } from '../engine/index.js';
import { decodeCanonical, encodeMessage } from '../frost/wire.js';
import { type EcdsaKeyShare, ecdsaKeyShareFromParts } from './key-share.js';

const WHAT = 'EcdsaKeyShare';

/** Serialises a key share. The output contains the secret share x_i. */
export function encodeEcdsaKeyShare(share: EcdsaKeyShare): Uint8Array {
  const secretShare = share.secretShare.expose();
  const bytes = encodeMessage(
    EcdsaKeyShareSchema,
    create(EcdsaKeyShareSchema, {
      party: share.party,
      threshold: share.threshold,
      publicKey: share.publicKey,
      publicShares: share.parties.map((party) =>
        create(EcdsaPublicShareSchema, { party, point: share.publicShare(party).toBytes(true) }),
      ),
      secretShare,
    }),
  );
  secretShare.fill(0);
  return bytes;
}

/** Decodes a stored key share and validates it; throws on any problem. */
export function parseEcdsaKeyShare(bytes: Uint8Array): EcdsaKeyShare {
  const m = decodeCanonical(EcdsaKeyShareSchema, bytes, WHAT);
  const publicShares = new Map<PartyIndex, Uint8Array>();
  let previous = 0;
  for (const entry of m.publicShares) {
    // Ascending order makes the encoding canonical and rules out duplicates.
    if (entry.party <= previous) throw new RangeError(`${WHAT}: public shares not in ascending party order`);
    previous = entry.party;
    publicShares.set(entry.party, Uint8Array.from(entry.point));
  }
  return ecdsaKeyShareFromParts({
    party: m.party,
    threshold: m.threshold,
    publicShares,
    publicKey: Uint8Array.from(m.publicKey),
    secretShare: Uint8Array.from(m.secretShare),
  });
}
