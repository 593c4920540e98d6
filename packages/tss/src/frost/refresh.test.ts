/**
 * FROST proactive refresh through the simulator: same group key, new shares that sign with any
 * threshold subset, old and new shares that do not mix, and the attacks: a threshold change
 * (CRYPTO.md item 18), a share inconsistent with its commitment, broadcast equivocation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionResult } from '@mpcium/session';
import { equivocate, outputs, simulate, tamper } from '@mpcium/tss-sim';
import { equalBytes } from '@noble/curves/utils.js';
import { type PartyIndex, SecretBytes } from '../engine/index.js';
import type { FrostKeyShare } from './key-share.js';
import { frostRefreshProtocol, startFrostRefresh } from './refresh.js';
import { refreshRound1Spec, refreshShareSpec } from './refresh-messages.js';
import { frostSignProtocol, startFrostSign } from './sign.js';
import { FROST_ED25519, FROST_SUITES, type FrostSuite } from './suite.js';
import { dealByDkg } from './testing/fixtures.js';
import { verifyBip340, verifyEd25519 } from './testing/verifiers.js';

const independent = (suite: FrostSuite) => (suite === FROST_ED25519 ? verifyEd25519 : verifyBip340);

async function refresh(
  shares: Map<PartyIndex, FrostKeyShare>,
  seed: string,
  adversary?: Parameters<typeof simulate>[0]['adversary'],
) {
  const first = shares.values().next().value!;
  return simulate({
    protocol: frostRefreshProtocol(first.suite),
    parties: first.parties,
    start: (self, rng) => startFrostRefresh(shares.get(self)!, rng),
    seed,
    roundTimeoutMs: 1500,
    ...(adversary ? { adversary } : {}),
  });
}

async function sign(shares: Map<PartyIndex, FrostKeyShare>, signers: number[], message: Uint8Array) {
  const suite = shares.values().next().value!.suite;
  return simulate({
    protocol: frostSignProtocol(suite),
    parties: signers,
    start: (self, rng) => startFrostSign({ share: shares.get(self)!, signers, message }, rng),
    roundTimeoutMs: 1500,
  });
}

function culpritsOf(results: ReadonlyMap<PartyIndex, SessionResult<unknown>>, party: PartyIndex) {
  const r = results.get(party)!;
  assert.equal(r.kind, 'abort', `party ${party}: ${JSON.stringify(r.kind)}`);
  return r.kind === 'abort' ? r : undefined;
}

for (const suite of FROST_SUITES) {
  describe(`FROST refresh (${suite.name})`, () => {
    for (const [t, n] of [
      [2, 3],
      [3, 5],
    ] as const) {
      test(`${t}-of-${n}: same group key, new shares, every signer set signs`, async () => {
        const parties = Array.from({ length: n }, (_, k) => k + 1);
        const old = dealByDkg(suite, parties, t, 'refresh');
        const fresh = outputs(await refresh(old, `refresh-${t}-${n}`));
        for (const p of parties) {
          const a = old.get(p)!;
          const b = fresh.get(p)!;
          assert.ok(equalBytes(a.groupKey, b.groupKey), 'group key unchanged');
          assert.equal(b.threshold, t);
          assert.ok(!equalBytes(a.signingShare.expose(), b.signingShare.expose()), 'share changed');
          assert.ok(!equalBytes(a.verifyingShare(p), b.verifyingShare(p)), 'verifying share changed');
        }
        const message = new TextEncoder().encode(`after refresh ${t}-of-${n}`);
        const sets =
          t === 2
            ? [
                [1, 2],
                [1, 3],
                [2, 3],
              ]
            : [
                [1, 2, 3],
                [2, 4, 5],
                [1, 3, 5],
              ];
        for (const signers of sets) {
          const sig = outputs(await sign(fresh, signers, message)).get(signers[0]!)!;
          assert.ok(independent(suite)(sig, message, fresh.get(1)!.publicKey));
        }
      });
    }

    test('old and new shares do not mix', async () => {
      const parties = [1, 2, 3];
      const old = dealByDkg(suite, parties, 2, 'mix');
      const fresh = outputs(await refresh(old, 'mix'));
      const mixed = new Map([
        [1, old.get(1)!],
        [2, fresh.get(2)!],
      ]);
      // Signer 1's stale share no longer matches the refreshed verifying shares held by signer 2.
      const sim = await sign(mixed, [1, 2], new TextEncoder().encode('mixed'));
      for (const r of sim.results.values()) assert.notEqual(r.kind, 'ok');
    });

    test('CRYPTO.md item 18: a participant that tries to change the threshold is refused and named', async () => {
      const parties = [1, 2, 3, 4, 5];
      const old = dealByDkg(suite, parties, 3, 'threshold-change');
      const spec = refreshRound1Spec(suite, 3);
      // Party 4 appends a coefficient: its polynomial would have degree 3, i.e. threshold 4.
      const grow = tamper(4, 1, (payload) => {
        const m = spec.decode(payload);
        return spec.encode({ commitment: [...m.commitment, m.commitment[0]!] });
      });
      const sim = await refresh(old, 'grow', grow);
      for (const p of [1, 2, 3, 5]) {
        const a = culpritsOf(sim.results, p)!;
        assert.deepEqual(a.culprits, [4]);
        assert.match(a.reason, /threshold change refused/);
      }
    });

    test('a refresh share inconsistent with its commitment names its dealer', async () => {
      const parties = [1, 2, 3];
      const old = dealByDkg(suite, parties, 2, 'bad-share');
      const shareSpec = refreshShareSpec(suite);
      const bad = tamper(2, 2, (payload, to) => {
        if (to !== 3) return undefined;
        const m = shareSpec.decode(payload);
        const s = suite.decodeScalar(m.share.expose(), 's');
        return shareSpec.encode({ share: new SecretBytes(suite.encodeScalar((s + 1n) % suite.order)) });
      });
      const sim = await refresh(old, 'bad-share', bad);
      const a = culpritsOf(sim.results, 3)!;
      assert.deepEqual(a.culprits, [2]);
    });

    test('broadcast equivocation in refresh round 1 is caught and named', async () => {
      const parties = [1, 2, 3, 4];
      const old = dealByDkg(suite, parties, 3, 'equivocate');
      const spec = refreshRound1Spec(suite, 3);
      const other = (payload: Uint8Array) => {
        const m = spec.decode(payload);
        return spec.encode({ commitment: [m.commitment[1]!, m.commitment[0]!] });
      };
      const sim = await refresh(old, 'equivocate', equivocate(1, 1, [4], other));
      for (const p of [2, 3, 4]) assert.deepEqual(culpritsOf(sim.results, p)!.culprits, [1]);
    });
  });
}
