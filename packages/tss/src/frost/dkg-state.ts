/**
 * The DKG's per-session context and the immutable wrapper around noble's DKG secret package.
 * noble's `DKG.round2` / `round3` mutate the package they are given (caches, step counter,
 * wiping), so every round keeps a private snapshot and hands noble a fresh clone.
 */
import type { DKG_Round1, DKG_Secret } from '@noble/curves/abstract/frost.js';
import type { PartyIndex } from '../engine/index.js';
import type { FrostSuite } from './suite.js';

export interface DkgContext {
  readonly suite: FrostSuite;
  readonly protocol: string;
  readonly self: PartyIndex;
  /** Every participant, ascending. */
  readonly parties: readonly PartyIndex[];
  readonly peers: readonly PartyIndex[];
  readonly threshold: number;
}

function clonePackage(p: DKG_Round1): DKG_Round1 {
  return {
    identifier: p.identifier,
    commitment: p.commitment.map((c) => Uint8Array.from(c)),
    proofOfKnowledge: Uint8Array.from(p.proofOfKnowledge),
  };
}

/** A deep copy of noble's DKG secret package (bigints are immutable; byte arrays are copied). */
export function cloneDkgSecret(s: DKG_Secret): DKG_Secret {
  return {
    identifier: s.identifier,
    coefficients: s.coefficients ? [...s.coefficients] : undefined,
    commitment: s.commitment.map((c) => Uint8Array.from(c)),
    signers: { min: s.signers.min, max: s.signers.max },
    step: s.step,
    round1Cache: s.round1Cache?.map(clonePackage),
    round2Cache: s.round2Cache
      ? Object.fromEntries(
          Object.entries(s.round2Cache).map(([k, v]) => [
            k,
            { identifier: v.identifier, signingShare: Uint8Array.from(v.signingShare) },
          ]),
        )
      : undefined,
  };
}

export function clonePackages(packages: readonly DKG_Round1[]): DKG_Round1[] {
  return packages.map(clonePackage);
}
