/**
 * FROST DKG rounds driven in lockstep, with crafted inbound maps for the attacks of CRYPTO.md
 * negative tests 9-11: each abort must name the party that misbehaved.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { bytesToHex, equalBytes, hexToBytes } from '@noble/curves/utils.js';
import { type Abort, type Inbound, type PartyIndex, SecretBytes, type Step } from '../engine/index.js';
import { startFrostDkg } from './dkg.js';
import type { FrostDkgRound1Message, FrostDkgRound2Message } from './dkg-messages.js';
import type { FrostKeyShare } from './key-share.js';
import { FROST_ED25519, FROST_SUITES, FROST_TAPROOT, type FrostSuite } from './suite.js';
import { rngFor } from './testing/fixtures.js';
import { advance, inboundFor, outputsOf, roundOf, runAll, type Steps, startAll } from './testing/lockstep.js';

const PARTIES = [1, 2, 3];

function start(suite: FrostSuite, seed: string, parties = PARTIES, threshold = 2) {
  const rng = rngFor(seed);
  return {
    rng,
    steps: startAll(parties, (self) => startFrostDkg({ suite, self, parties, threshold }, rng(self))),
  };
}

function expectAbort<O>(step: Step<O> | undefined, culprits: PartyIndex[], reason: RegExp): Abort {
  assert.ok(step);
  assert.equal(step.kind, 'abort', `expected an abort, got ${step.kind}`);
  assert.deepEqual(step.culprits, culprits);
  assert.match(step.reason, reason);
  return step;
}

/** Party 1's round-1 inbound with `edit` applied to the package from `from`. */
function withRound1(
  steps: Steps<FrostKeyShare>,
  from: PartyIndex,
  edit: (m: FrostDkgRound1Message) => FrostDkgRound1Message,
): Inbound<FrostDkgRound1Message, never> {
  const inbound = inboundFor(steps, 1) as Inbound<FrostDkgRound1Message, never>;
  const broadcast = new Map(inbound.broadcast);
  broadcast.set(from, edit(broadcast.get(from)!));
  return { broadcast, p2p: inbound.p2p };
}

for (const suite of FROST_SUITES) {
  describe(`FROST DKG (${suite.name})`, () => {
    test('2-of-3 and 3-of-5: every party gets a consistent key share', () => {
      for (const [t, parties] of [
        [2, [1, 2, 3]],
        [3, [1, 2, 3, 4, 5]],
      ] as const) {
        const { rng, steps } = start(suite, `happy-${t}`, [...parties], t);
        const shares = outputsOf(runAll(steps, rng));
        const first = shares.get(1)!;
        assert.equal(first.publicKey.length, 32);
        for (const share of shares.values()) {
          assert.ok(equalBytes(share.groupKey, first.groupKey));
          assert.deepEqual(share.parties, parties);
          assert.equal(share.threshold, t);
          for (const p of parties) assert.ok(equalBytes(share.verifyingShare(p), first.verifyingShare(p)));
        }
      }
    });

    test('round 1 is reliable broadcast and round 2 point to point', () => {
      const { steps } = start(suite, 'specs');
      const r1 = roundOf(steps, 1);
      assert.equal(r1.broadcast?.reliable, true);
      assert.equal(r1.broadcast?.kind, 'broadcast');
      const r2 = roundOf(advance(steps, rngFor('specs')), 1);
      assert.equal(r2.p2p?.kind, 'p2p');
      assert.equal(r2.number, 2);
    });

    test('bad proof of knowledge: culprit named', () => {
      const { rng, steps } = start(suite, 'bad-pok');
      const inbound = withRound1(steps, 3, (m) => {
        // Flip the low bit of mu (little-endian for Ed25519, big-endian for secp256k1).
        const proof = Uint8Array.from(m.proofOfKnowledge);
        proof[suite === FROST_ED25519 ? 32 : 63]! ^= 1;
        return { ...m, proofOfKnowledge: proof };
      });
      expectAbort(roundOf(steps, 1).finalize(inbound, rng(1)), [3], /round-1 package/);
    });

    test("copied package (another party's commitment and proof): culprit named", () => {
      const { rng, steps } = start(suite, 'copied');
      const two = (inboundFor(steps, 1) as Inbound<FrostDkgRound1Message, never>).broadcast.get(2)!;
      const inbound = withRound1(steps, 3, () => two);
      const step = expectAbort(roundOf(steps, 1).finalize(inbound, rng(1)), [3], /round-1 package/);
      assert.match(step.evidence?.['party.3'] ?? '', /proof of knowledge/);
    });

    test('wrong-length commitment vector: culprit named', () => {
      const { rng, steps } = start(suite, 'length');
      const short = withRound1(steps, 2, (m) => ({ ...m, commitment: m.commitment.slice(0, 1) }));
      expectAbort(roundOf(steps, 1).finalize(short, rng(1)), [2], /round-1 package/);
      const long = withRound1(steps, 2, (m) => ({ ...m, commitment: [...m.commitment, m.commitment[1]!] }));
      expectAbort(roundOf(steps, 1).finalize(long, rng(1)), [2], /round-1 package/);
    });

    test('identity point in a commitment: culprit named', () => {
      const { rng, steps } = start(suite, 'identity');
      const identity = suite === FROST_TAPROOT ? new Uint8Array(33) : hexToBytes(`01${'00'.repeat(31)}`);
      const inbound = withRound1(steps, 2, (m) => ({ ...m, commitment: [m.commitment[0]!, identity] }));
      const step = expectAbort(roundOf(steps, 1).finalize(inbound, rng(1)), [2], /round-1 package/);
      // secp256k1 has no compressed encoding of the identity; 33 zero bytes are malformed.
      assert.match(step.evidence?.['party.2'] ?? '', suite === FROST_TAPROOT ? /compressed/ : /identity/);
    });

    test('several bad packages: all culprits named; a missing one too', () => {
      const { rng, steps } = start(suite, 'several', [1, 2, 3, 4], 3);
      const inbound = inboundFor(steps, 1) as Inbound<FrostDkgRound1Message, never>;
      const broadcast = new Map(inbound.broadcast);
      broadcast.delete(2);
      broadcast.set(4, { ...broadcast.get(4)!, commitment: broadcast.get(4)!.commitment.slice(1) });
      expectAbort(roundOf(steps, 1).finalize({ broadcast, p2p: new Map() }, rng(1)), [2, 4], /round-1/);
    });

    test('share inconsistent with the commitment: culprit named, share not in evidence', () => {
      const { rng, steps } = start(suite, 'vss');
      const round2 = advance(steps, rng);
      const inbound = inboundFor(round2, 1) as Inbound<never, FrostDkgRound2Message>;
      const p2p = new Map(inbound.p2p);
      const real = p2p.get(3)!.signingShare.expose();
      const forged = Uint8Array.from(real);
      forged[suite === FROST_ED25519 ? 0 : 31]! ^= 1;
      p2p.set(3, { signingShare: new SecretBytes(forged) });
      const step = expectAbort(
        roundOf(round2, 1).finalize({ broadcast: new Map(), p2p }, rng(1)),
        [3],
        /share/,
      );
      const text = JSON.stringify(step);
      assert.ok(!text.includes(bytesToHex(real)) && !text.includes(bytesToHex(forged)));
    });

    test('rounds are immutable: finalizing twice gives the same key share', () => {
      const { rng, steps } = start(suite, 'immutable');
      const round2 = advance(steps, rng);
      const round = roundOf(round2, 1);
      const inbound = inboundFor(round2, 1);
      const a = round.finalize(inbound, seededRng('x'));
      const b = round.finalize(inbound, seededRng('y'));
      assert.equal(a.kind, 'done');
      assert.equal(b.kind, 'done');
      assert.deepEqual(
        (a.output as FrostKeyShare).signingShare.expose(),
        (b.output as FrostKeyShare).signingShare.expose(),
      );
      // Round 1 too (noble mutates its state in DKG.round2; we hand it clones).
      const r1 = roundOf(steps, 1);
      assert.equal(r1.finalize(inboundFor(steps, 1), rng(1)).kind, 'next');
      assert.equal(r1.finalize(inboundFor(steps, 1), rng(1)).kind, 'next');
    });

    test('parameters: duplicate or zero identifiers and bad thresholds are refused', () => {
      const rng = seededRng('params');
      const go = (parties: number[], threshold: number, self = 1) =>
        startFrostDkg({ suite, self, parties, threshold }, rng);
      assert.throws(() => go([1, 1, 2], 2), /duplicate/);
      assert.throws(() => go([0, 1, 2], 2), /invalid party index 0/);
      assert.throws(() => go([1, 2, 3], 1), /threshold/);
      assert.throws(() => go([1, 2, 3, 4], 2), /threshold/);
      assert.throws(() => go([1, 2, 3], 4), /threshold/);
      assert.throws(() => go([2, 3, 4], 2, 1), /not a participant/);
    });

    test('secrets stay redacted when rounds are printed', () => {
      const { steps } = start(suite, 'redact');
      const round = roundOf(steps, 1);
      assert.equal(String(round), 'FrostDkgRound1(<redacted>)');
      assert.equal(JSON.stringify(round), '"FrostDkgRound1(<redacted>)"');
    });
  });
}
