/**
 * TEST-ONLY: builds ECDSA key shares by a trusted dealer and aux info from the public safe-prime
 * fixtures, so presigning and signing can be tested without running key generation and aux-info
 * generation first. Every key made here is broken by construction; production code must never
 * import this module.
 */

import { type AuxInfo, auxInfoFromParts } from '../ecdsa/aux-info.js';
import { type EcdsaKeyShare, ecdsaKeyShareFromParts } from '../ecdsa/key-share.js';
import type { PartyIndex, Rng } from '../engine/index.js';
import { bigintToBytes } from '../math/bytes.js';
import { randomBelow } from '../math/random.js';
import { generateRingPedersen, PaillierSecretKey, securityProfile } from '../paillier/index.js';
import { CURVE_ORDER, encodePoint, Point } from '../zk/sch-group.js';
import { type FixtureProfile, safePrimePair, safePrimePairs } from './fixtures.js';

/** Shamir-shares a random secret key among `parties` with a degree threshold-1 polynomial. */
export function dealEcdsaKey(
  parties: readonly PartyIndex[],
  threshold: number,
  rng: Rng,
): Map<PartyIndex, EcdsaKeyShare> {
  const coefficients = Array.from({ length: threshold }, () => 1n + randomBelow(rng, CURVE_ORDER - 1n));
  const f = (x: bigint) => coefficients.reduceRight((acc, a) => (acc * x + a) % CURVE_ORDER, 0n);
  const publicShares = new Map(parties.map((p) => [p, encodePoint(Point.BASE.multiply(f(BigInt(p))))]));
  const publicKey = encodePoint(Point.BASE.multiply(coefficients[0]!));
  return new Map(
    parties.map((party) => [
      party,
      ecdsaKeyShareFromParts({
        party,
        threshold,
        publicShares,
        publicKey,
        secretShare: bigintToBytes(f(BigInt(party)), 32),
      }),
    ]),
  );
}

/**
 * Aux info for `parties` from the fixture primes (party k of the sorted list gets fixture pair
 * k + offset), with fresh ring-Pedersen parameters. The standard profile has 8 pairs, strong 3.
 */
export function fixtureAuxInfo(
  parties: readonly PartyIndex[],
  profileName: FixtureProfile,
  rng: Rng,
  offset = 0,
): Map<PartyIndex, AuxInfo> {
  const profile = securityProfile(profileName);
  if (parties.length + offset > safePrimePairs(profileName).length) {
    throw new RangeError(`not enough ${profileName} fixture primes for ${parties.length} parties`);
  }
  const secrets = new Map(
    parties.map((p, k) => {
      const { p: a, q: b } = safePrimePair(profileName, k + offset);
      return [p, PaillierSecretKey.fromPrimes(a, b, profile)] as const;
    }),
  );
  const publics = new Map(
    parties.map((p) => {
      const { params } = generateRingPedersen(secrets.get(p)!, rng);
      return [p, { N: params.N, s: params.s, t: params.t }] as const;
    }),
  );
  return new Map(
    parties.map((self) => [
      self,
      auxInfoFromParts({ profile, self, publics, paillierSecret: secrets.get(self)! }),
    ]),
  );
}
