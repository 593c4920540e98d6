/**
 * TEST-ONLY: presignatures and key versions made by a trusted dealer, so that signing can be
 * exercised many times (CRYPTO.md item 19) without three Paillier-heavy rounds per signature.
 * The dealer knows every secret; production code must never import this module.
 */
import { type EcdsaKeyShare, ecdsaKeyShareFromParts } from '../ecdsa/key-share.js';
import { lagrangeAt } from '../ecdsa/lagrange.js';
import { ecdsaKeyFingerprint } from '../ecdsa/presign-digest.js';
import { type Presignature, presignatureFromParts } from '../ecdsa/presignature.js';
import type { PartyIndex, Rng } from '../engine/index.js';
import { bigintToBytes } from '../math/bytes.js';
import { randomBelow } from '../math/random.js';
import { CURVE_ORDER, encodePoint, encodeScalar, Point } from '../zk/sch-group.js';

const q = CURVE_ORDER;
const nonZero = (rng: Rng) => 1n + randomBelow(rng, q - 1n);

export interface DealOptions {
  readonly keyId?: Uint8Array;
  readonly keyVersion?: number;
}

/**
 * One presignature per signer, consistent with what presigning outputs: k = sum k_j,
 * Gamma = gamma*G, delta = k*gamma, chi_j additive shares of k*x, Delta_j = k_j*Gamma,
 * S_j = chi_j*Gamma.
 */
export function dealPresignatures(
  shares: ReadonlyMap<PartyIndex, EcdsaKeyShare>,
  signers: readonly PartyIndex[],
  rng: Rng,
  options: DealOptions = {},
): Map<PartyIndex, Presignature> {
  const sorted = [...signers].sort((a, b) => a - b);
  const any = shares.get(sorted[0]!)!;
  const x = sorted.reduce((acc, j) => (acc + lagrangeAt(sorted, j) * shares.get(j)!.secretScalar()) % q, 0n);
  const k = new Map(sorted.map((j) => [j, nonZero(rng)] as const));
  const kSum = [...k.values()].reduce((a, b) => (a + b) % q, 0n);
  const gamma = nonZero(rng);
  const Gamma = Point.BASE.multiply(gamma);
  const chi = new Map(sorted.slice(1).map((j) => [j, nonZero(rng)] as const));
  const rest = [...chi.values()].reduce((a, b) => (a + b) % q, 0n);
  chi.set(sorted[0]!, (((kSum * x - rest) % q) + q) % q);
  const commitments = new Map(
    sorted.map((j) => [
      j,
      { Delta: encodePoint(Gamma.multiply(k.get(j)!)), S: encodePoint(Gamma.multiply(chi.get(j)!)) },
    ]),
  );
  const sessionId = rng(32);
  const common = {
    sessionId,
    keyId: options.keyId ?? new TextEncoder().encode('dealt-key'),
    keyVersion: options.keyVersion ?? 0,
    publicKey: any.publicKey,
    keyFingerprint: ecdsaKeyFingerprint(any),
    commitments,
    Gamma: encodePoint(Gamma),
    delta: encodeScalar((kSum * gamma) % q),
  };
  return new Map(
    sorted.map((j) => [
      j,
      presignatureFromParts({
        ...common,
        party: j,
        k: encodeScalar(k.get(j)!),
        chi: encodeScalar(chi.get(j)!),
      }),
    ]),
  );
}

/**
 * A new version of the same key: adds a random sharing of zero (degree threshold-1), so X stays
 * and every x_j and X_j changes, as a proactive refresh does.
 */
export function reshareEcdsaKey(
  shares: ReadonlyMap<PartyIndex, EcdsaKeyShare>,
  rng: Rng,
): Map<PartyIndex, EcdsaKeyShare> {
  const any = shares.values().next().value!;
  const coefficients = [0n, ...Array.from({ length: any.threshold - 1 }, () => nonZero(rng))];
  const z = (x: bigint) => coefficients.reduceRight((acc, a) => (acc * x + a) % q, 0n);
  const publicShares = new Map(
    any.parties.map((p) => [p, encodePoint(any.publicShare(p).add(Point.BASE.multiply(z(BigInt(p)))))]),
  );
  return new Map(
    any.parties.map((party) => [
      party,
      ecdsaKeyShareFromParts({
        party,
        threshold: any.threshold,
        publicShares,
        publicKey: any.publicKey,
        secretShare: bigintToBytes((shares.get(party)!.secretScalar() + z(BigInt(party))) % q, 32),
      }),
    ]),
  );
}
