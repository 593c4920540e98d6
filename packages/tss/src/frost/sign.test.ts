/**
 * Two-round FROST signing driven in lockstep: signatures checked by independent verifiers, and
 * the attacks of CRYPTO.md negative tests 14 and 15 (bad z_i named, nonce reuse refused).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { equalBytes } from '@noble/curves/utils.js';
import type { Abort, Inbound, PartyIndex, Step } from '../engine/index.js';
import type { FrostKeyShare } from './key-share.js';
import { startFrostSign } from './sign.js';
import type { FrostSignRound1Message, FrostSignRound2Message } from './sign-messages.js';
import { FROST_ED25519, FROST_SUITES, type FrostSuite } from './suite.js';
import { dealByDkg, rngFor } from './testing/fixtures.js';
import { advance, inboundFor, outputsOf, roundOf, runAll, type Steps, startAll } from './testing/lockstep.js';
import { verifyBip340, verifyEd25519 } from './testing/verifiers.js';

const verifier = (suite: FrostSuite) => (suite === FROST_ED25519 ? verifyEd25519 : verifyBip340);

function startSigning(
  shares: Map<PartyIndex, FrostKeyShare>,
  signers: PartyIndex[],
  message: Uint8Array,
  seed: string,
) {
  const rng = rngFor(seed);
  const steps = startAll(signers, (self) =>
    startFrostSign({ share: shares.get(self)!, signers, message }, rng(self)),
  );
  return { rng, steps };
}

function expectAbort(step: Step<Uint8Array> | undefined, culprits: PartyIndex[], reason: RegExp): Abort {
  assert.ok(step);
  assert.equal(step.kind, 'abort', `expected an abort, got ${step.kind}`);
  assert.deepEqual(step.culprits, culprits);
  assert.match(step.reason, reason);
  return step;
}

/** Adds one to a scalar encoding (still canonical for the shares we tamper with here). */
function bump(suite: FrostSuite, z: Uint8Array): Uint8Array {
  const Fn = suite.frost.utils.Fn;
  return Fn.toBytes(Fn.add(Fn.fromBytes(z), 1n));
}

for (const suite of FROST_SUITES) {
  describe(`FROST signing (${suite.name})`, () => {
    const key23 = dealByDkg(suite, [1, 2, 3], 2, 'sign');
    const key34 = dealByDkg(suite, [1, 2, 3, 4], 3, 'sign');

    test('every 2-of-3 signer set signs; signatures verify independently', () => {
      const messages = [new Uint8Array(0), new TextEncoder().encode('hello'), new Uint8Array(32).fill(7)];
      for (const signers of [
        [1, 2],
        [1, 3],
        [2, 3],
      ]) {
        for (const [k, message] of messages.entries()) {
          const { rng, steps } = startSigning(key23, signers, message, `ok-${signers}-${k}`);
          const sigs = outputsOf(runAll(steps, rng));
          const sig = sigs.get(signers[0]!)!;
          assert.equal(sig.length, 64);
          for (const s of sigs.values()) assert.ok(equalBytes(s, sig));
          const pk = key23.get(1)!.publicKey;
          assert.ok(verifier(suite)(sig, message, pk), 'independent verifier');
          assert.ok(suite.verify(sig, message, pk));
          assert.equal(suite.verify(sig, Uint8Array.of(1, ...message), pk), false);
        }
      }
    });

    test('bad z_i: the final check fails and the share check names the culprit', () => {
      const message = new TextEncoder().encode('bad share');
      const { rng, steps } = startSigning(key34, [1, 2, 4], message, 'bad-z');
      const round2 = advance(steps, rng);
      const inbound = inboundFor(round2, 1) as Inbound<FrostSignRound2Message, never>;
      const broadcast = new Map(inbound.broadcast);
      const z4 = broadcast.get(4)!.signatureShare;
      broadcast.set(4, { ...broadcast.get(4)!, signatureShare: bump(suite, z4) });
      const step = expectAbort(
        roundOf(round2, 1).finalize({ broadcast, p2p: new Map() }, rng(1)),
        [4],
        /invalid signature share/,
      );
      assert.ok(step.evidence?.['share.4']);
      // Two bad shares: both named.
      broadcast.set(2, {
        ...broadcast.get(2)!,
        signatureShare: bump(suite, broadcast.get(2)!.signatureShare),
      });
      expectAbort(roundOf(round2, 1).finalize({ broadcast, p2p: new Map() }, rng(1)), [2, 4], /invalid/);
      // The honest run still succeeds.
      const sigs = outputsOf(advance(round2, rng));
      assert.ok(verifier(suite)(sigs.get(1)!, message, key34.get(1)!.publicKey));
    });

    test('missing signature share: culprit named', () => {
      const { rng, steps } = startSigning(key23, [1, 3], new Uint8Array(1), 'missing-z');
      const round2 = advance(steps, rng);
      const step = roundOf(round2, 1).finalize({ broadcast: new Map(), p2p: new Map() }, rng(1));
      expectAbort(step, [3], /malformed signature share/);
    });

    test('malformed nonce commitments: wrong party, copied commitment, missing', () => {
      const { rng, steps } = startSigning(key34, [1, 2, 3], new Uint8Array(3), 'bad-commit');
      const inbound = inboundFor(steps, 1) as Inbound<FrostSignRound1Message, never>;
      const wrongParty = new Map(inbound.broadcast);
      wrongParty.set(2, { commitment: { ...wrongParty.get(2)!.commitment, party: 3 } });
      const round = roundOf(steps, 1);
      expectAbort(round.finalize({ broadcast: wrongParty, p2p: new Map() }, rng(1)), [2], /nonce commitment/);

      const { steps: steps2, rng: rng2 } = startSigning(key34, [1, 2, 3], new Uint8Array(3), 'copied-commit');
      const copied = new Map((inboundFor(steps2, 1) as Inbound<FrostSignRound1Message, never>).broadcast);
      const mine = (inboundFor(steps2, 2) as Inbound<FrostSignRound1Message, never>).broadcast.get(1)!;
      copied.set(3, { commitment: { ...mine.commitment, party: 3 } });
      const step = roundOf(steps2, 1).finalize({ broadcast: copied, p2p: new Map() }, rng2(1));
      expectAbort(step, [3], /nonce commitment/);

      const { steps: steps3, rng: rng3 } = startSigning(
        key34,
        [1, 2, 3],
        new Uint8Array(3),
        'missing-commit',
      );
      const missing = new Map((inboundFor(steps3, 1) as Inbound<FrostSignRound1Message, never>).broadcast);
      missing.delete(2);
      expectAbort(
        roundOf(steps3, 1).finalize({ broadcast: missing, p2p: new Map() }, rng3(1)),
        [2],
        /commitment/,
      );
    });

    test('nonce reuse refused: a round-1 nonce makes exactly one share', () => {
      const { rng, steps } = startSigning(key23, [1, 2], new Uint8Array(5), 'reuse');
      const round = roundOf(steps, 1);
      const inbound = inboundFor(steps, 1);
      assert.equal(round.finalize(inbound, rng(1)).kind, 'next');
      assert.throws(() => round.finalize(inbound, rng(1)), /nonce already used/);
    });

    test('a nonce is destroyed when round 1 aborts', () => {
      const { rng, steps } = startSigning(key23, [1, 2], new Uint8Array(5), 'abort-burns');
      const round = roundOf(steps, 1);
      assert.equal(round.finalize({ broadcast: new Map(), p2p: new Map() }, rng(1)).kind, 'abort');
      assert.throws(() => round.finalize(inboundFor(steps, 1), rng(1)), /nonce already used/);
    });

    test('signer sets: exactly threshold participants of the key, including self', () => {
      const share = key23.get(1)!;
      const rng = seededRng('signers');
      const go = (signers: number[], s = share) =>
        startFrostSign({ share: s, signers, message: new Uint8Array() }, rng);
      assert.throws(() => go([1, 2, 3]), /3 signers for a 2-of-3 key/);
      assert.throws(() => go([1]), /at least 2/);
      assert.throws(() => go([2, 3]), /not a participant/);
      assert.throws(() => go([1, 4]), /signer 4 is not a participant/);
      assert.throws(() => go([1, 1]), /duplicate/);
      assert.throws(
        () => startFrostSign({ share: {} as FrostKeyShare, signers: [1, 2], message: new Uint8Array() }, rng),
        /validated FrostKeyShare/,
      );
      assert.equal(go([2, 1]).kind, 'next');
    });

    test('signing rounds print no secrets', () => {
      const { steps } = startSigning(key23, [1, 2], new Uint8Array(), 'print');
      const round = roundOf(steps as Steps<Uint8Array>, 1);
      const secret = Buffer.from(key23.get(1)!.signingShare.expose()).toString('hex');
      for (const text of [JSON.stringify(round), inspect(round, { depth: 10 }), String(round)]) {
        assert.ok(!text.includes(secret));
      }
    });
  });
}
