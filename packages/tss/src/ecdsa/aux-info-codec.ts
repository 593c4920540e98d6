/**
 * Storage form of `AuxInfo` (proto mpcium.v1.EcdsaAuxInfo): the profile name, our index, every
 * party's (N, s, t) in ascending party order, and our Paillier primes. Parsing is strict
 * (canonical protobuf, bounded integers) and validates through `PaillierSecretKey.fromPrimes`
 * and `auxInfoFromParts` (STYLE.md rule 9), so a stored blob can never yield an unchecked
 * value. The encoding holds secrets: callers store it encrypted. Errors never quote a value.
 */
import { create } from '@bufbuild/protobuf';
import { EcdsaAuxInfoSchema, EcdsaPartyAuxInfoSchema } from '@mpcium/proto';
import type { PartyIndex } from '../engine/index.js';
import { decodeCanonical, encodeMessage } from '../frost/wire.js';
import { PaillierSecretKey, securityProfile } from '../paillier/index.js';
import { bytesForBits, decodeNatural } from '../zk/check.js';
import { toSignedInteger } from '../zk/integer.js';
import { type AuxInfo, auxInfoFromParts } from './aux-info.js';

const WHAT = 'EcdsaAuxInfo';

/** Serialises aux info. The output contains our Paillier primes. */
export function encodeAuxInfo(aux: AuxInfo): Uint8Array {
  const secret = aux.paillierSecret;
  return encodeMessage(
    EcdsaAuxInfoSchema,
    create(EcdsaAuxInfoSchema, {
      profile: aux.profile.name,
      self: aux.self,
      parties: aux.parties.map((party) => {
        const { pedersen } = aux.of(party);
        return create(EcdsaPartyAuxInfoSchema, {
          party,
          n: toSignedInteger(pedersen.N),
          s: toSignedInteger(pedersen.s),
          t: toSignedInteger(pedersen.t),
        });
      }),
      p: toSignedInteger(secret.p),
      q: toSignedInteger(secret.q),
    }),
  );
}

/** Decodes stored aux info and validates it; throws on any problem. */
export function parseAuxInfo(bytes: Uint8Array): AuxInfo {
  const m = decodeCanonical(EcdsaAuxInfoSchema, bytes, WHAT);
  const profile = securityProfile(m.profile);
  const maxBytes = bytesForBits(profile.maxModulusBits);
  const publics = new Map<PartyIndex, { N: bigint; s: bigint; t: bigint }>();
  let previous = 0;
  for (const entry of m.parties) {
    // Ascending order makes the encoding canonical and rules out duplicates.
    if (entry.party <= previous) throw new RangeError(`${WHAT}: parties not in ascending order`);
    previous = entry.party;
    const what = `${WHAT}.parties[${entry.party}]`;
    publics.set(entry.party, {
      N: decodeNatural(entry.n, maxBytes, `${what}.n`),
      s: decodeNatural(entry.s, maxBytes, `${what}.s`),
      t: decodeNatural(entry.t, maxBytes, `${what}.t`),
    });
  }
  const primeBytes = bytesForBits(Math.ceil(profile.maxModulusBits / 2));
  const p = decodeNatural(m.p, primeBytes, `${WHAT}.p`);
  const q = decodeNatural(m.q, primeBytes, `${WHAT}.q`);
  const paillierSecret = PaillierSecretKey.fromPrimes(p, q, profile);
  return auxInfoFromParts({ profile, self: m.self, publics, paillierSecret });
}
