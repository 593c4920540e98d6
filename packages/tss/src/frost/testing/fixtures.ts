/** Shared test fixtures: seeded key generation through the lockstep driver. */
import { seededRng } from '@mpcium/tss-sim';
import type { PartyIndex } from '../../engine/index.js';
import { startFrostDkg } from '../dkg.js';
import type { FrostKeyShare } from '../key-share.js';
import type { FrostSuite } from '../suite.js';
import { outputsOf, runAll, startAll } from './lockstep.js';

export function rngFor(seed: string): (p: PartyIndex) => ReturnType<typeof seededRng> {
  const rngs = new Map<PartyIndex, ReturnType<typeof seededRng>>();
  return (p) => {
    let r = rngs.get(p);
    if (!r) {
      r = seededRng(`${seed}/party-${p}`);
      rngs.set(p, r);
    }
    return r;
  };
}

/** Runs a full DKG for `parties` in lockstep and returns every key share. */
export function dealByDkg(
  suite: FrostSuite,
  parties: readonly PartyIndex[],
  threshold: number,
  seed = 'fixture',
): Map<PartyIndex, FrostKeyShare> {
  const rng = rngFor(`${seed}/${suite.name}/${threshold}-of-${parties.length}`);
  const steps = startAll(parties, (self) => startFrostDkg({ suite, self, parties, threshold }, rng(self)));
  return outputsOf(runAll(steps, rng));
}
