/**
 * A synchronous in-process driver for unit tests: it runs every party's rounds in lockstep,
 * round-tripping each payload through the receiving round's MessageSpec. Tests can rewrite a
 * party's inbound before `finalize` to craft attacks. (Full protocol runs go through the
 * session driver in @mpcium/tss-sim.)
 */
import type { Inbound, PartyIndex, Rng, Round, Step } from '../../engine/index.js';

export type Steps<O> = Map<PartyIndex, Step<O>>;

export function startAll<O>(parties: readonly PartyIndex[], start: (self: PartyIndex) => Step<O>): Steps<O> {
  return new Map(parties.map((p) => [p, start(p)]));
}

export function roundOf<O>(steps: Steps<O>, party: PartyIndex): Round<O> {
  const step = steps.get(party);
  if (step?.kind !== 'next') throw new Error(`party ${party} has no next round (${step?.kind})`);
  return step.round;
}

/** Decoded inbound for `self`'s current round, built from every peer's current outbound. */
export function inboundFor<O>(steps: Steps<O>, self: PartyIndex): Inbound<unknown, unknown> {
  const round = roundOf(steps, self);
  const broadcast = new Map<PartyIndex, unknown>();
  const p2p = new Map<PartyIndex, unknown>();
  for (const peer of round.peers) {
    const step = steps.get(peer);
    if (step?.kind !== 'next') continue;
    for (const out of step.out) {
      if (out.to === null && round.broadcast) broadcast.set(peer, round.broadcast.decode(out.payload));
      if (out.to === self && round.p2p) p2p.set(peer, round.p2p.decode(out.payload));
    }
  }
  return { broadcast, p2p };
}

export type InboundRewrite = (
  self: PartyIndex,
  inbound: Inbound<unknown, unknown>,
) => Inbound<unknown, unknown> | undefined;

/** Finalizes every party's current round; `rewrite` may replace a party's inbound first. */
export function advance<O>(steps: Steps<O>, rng: (p: PartyIndex) => Rng, rewrite?: InboundRewrite): Steps<O> {
  const nextSteps: Steps<O> = new Map();
  for (const party of steps.keys()) {
    const inbound = inboundFor(steps, party);
    const used = rewrite?.(party, inbound) ?? inbound;
    nextSteps.set(party, roundOf(steps, party).finalize(used, rng(party)));
  }
  return nextSteps;
}

/** Advances until no party has a next round. */
export function runAll<O>(steps: Steps<O>, rng: (p: PartyIndex) => Rng, rewrite?: InboundRewrite): Steps<O> {
  let current = steps;
  while ([...current.values()].some((s) => s.kind === 'next')) current = advance(current, rng, rewrite);
  return current;
}

/** Every party's output; throws naming the first party that did not finish. */
export function outputsOf<O>(steps: Steps<O>): Map<PartyIndex, O> {
  const out = new Map<PartyIndex, O>();
  for (const [party, step] of steps) {
    if (step.kind !== 'done') throw new Error(`party ${party} ended with ${JSON.stringify(step)}`);
    out.set(party, step.output);
  }
  return out;
}
