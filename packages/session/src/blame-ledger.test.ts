/**
 * CRYPTO.md item 17 through the simulator: a peer that keeps sending bad FROST signature shares
 * is named by every abort, reported once it reaches the threshold, and a retry with it is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FROST_ED25519,
  frostDkgProtocol,
  frostSignProtocol,
  signRound2Spec,
  startFrostDkg,
  startFrostSign,
} from '@mpcium/tss';
import { outputs, simulate, tamper } from '@mpcium/tss-sim';
import { BlameLedger } from './blame-ledger.js';

test('repeated failures caused by the same peer: reported, excluded, no silent retry', async () => {
  const suite = FROST_ED25519;
  const parties = [1, 2, 3];
  const shares = outputs(
    await simulate({
      protocol: frostDkgProtocol(suite),
      parties,
      seed: 'ledger-dkg',
      start: (self, rng) => startFrostDkg({ suite, self, parties, threshold: 2 }, rng),
    }),
  );
  const spec = signRound2Spec(suite);
  const Fn = suite.frost.utils.Fn;
  const badZ = tamper(2, 2, (payload) => {
    const m = spec.decode(payload);
    return spec.encode({ ...m, signatureShare: Fn.toBytes(Fn.add(Fn.fromBytes(m.signatureShare), 1n)) });
  });
  let clock = 0;
  const ledger = new BlameLedger({ threshold: 2, windowMs: 60_000, now: () => clock });
  const decisions = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    clock += 1000;
    const sim = await simulate({
      protocol: frostSignProtocol(suite),
      parties: [1, 2],
      seed: `ledger-sign-${attempt}`,
      roundTimeoutMs: 500,
      adversary: badZ,
      start: (self, rng) =>
        startFrostSign({ share: shares.get(self)!, signers: [1, 2], message: new Uint8Array(32) }, rng),
    });
    decisions.push(ledger.record(sim.results.get(1)!));
  }
  assert.deepEqual(decisions[0], { blamed: [2], reported: [], retryWithSameParties: true });
  assert.deepEqual(decisions[1], { blamed: [2], reported: [2], retryWithSameParties: false });
  assert.deepEqual(ledger.excluded(), [2]);
  // Signing goes on without the reported peer.
  const fine = await simulate({
    protocol: frostSignProtocol(suite),
    parties: [1, 3],
    seed: 'ledger-ok',
    start: (self, rng) =>
      startFrostSign({ share: shares.get(self)!, signers: [1, 3], message: new Uint8Array(32) }, rng),
  });
  assert.deepEqual(ledger.record(fine.results.get(1)!), {
    blamed: [],
    reported: [],
    retryWithSameParties: true,
  });
  // Failures age out of the window.
  clock += 60_000;
  assert.deepEqual(ledger.excluded(), []);
});

test('timeouts blame the missing parties', () => {
  const ledger = new BlameLedger({ threshold: 1, now: () => 0 });
  assert.deepEqual(ledger.record({ kind: 'timeout', round: 2, missing: [3] }).reported, [3]);
  ledger.clear(3);
  assert.deepEqual(ledger.excluded(), []);
});
