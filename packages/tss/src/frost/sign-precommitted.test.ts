/**
 * One-round signing with precommitted nonces: the happy path, a refused commitment list, nonce
 * reuse, and a coordinator that equivocates (CRYPTO.md negative tests 15 and 16).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bytesToHex, equalBytes } from '@noble/curves/utils.js';
import type { Abort, PartyIndex, Step } from '../engine/index.js';
import type { FrostKeyShare } from './key-share.js';
import type { FrostCommitment } from './nonce.js';
import { FrostNoncePool } from './nonce-pool.js';
import { signRound2Spec } from './sign-messages.js';
import { frostCommitmentListDigest, startFrostSignPrecommitted } from './sign-precommitted.js';
import { FROST_ED25519, FROST_SUITES, type FrostSuite } from './suite.js';
import { dealByDkg, rngFor } from './testing/fixtures.js';
import { advance, outputsOf, roundOf, type Steps } from './testing/lockstep.js';
import { verifyBip340, verifyEd25519 } from './testing/verifiers.js';

const verifier = (suite: FrostSuite) => (suite === FROST_ED25519 ? verifyEd25519 : verifyBip340);

/** Every party's pool, filled ahead of time, and the coordinator's view of the commitments. */
function pools(shares: Map<PartyIndex, FrostKeyShare>, seed: string) {
  const rng = rngFor(seed);
  const byParty = new Map<PartyIndex, FrostNoncePool>();
  const published = new Map<PartyIndex, FrostCommitment[]>();
  for (const [party, share] of shares) {
    const pool = new FrostNoncePool(share);
    published.set(party, pool.generate(3, rng(party)));
    byParty.set(party, pool);
  }
  return { byParty, published };
}

for (const suite of FROST_SUITES) {
  describe(`FROST precommitted signing (${suite.name})`, () => {
    const shares = dealByDkg(suite, [1, 2, 3, 4], 3, 'precommitted');

    test('one online round produces a valid signature', () => {
      const { byParty, published } = pools(shares, 'ok');
      const signers = [1, 3, 4];
      const message = new Uint8Array(1 << 20).fill(0xab);
      const commitments = signers.map((p) => published.get(p)![1]!);
      const steps: Steps<Uint8Array> = new Map(
        signers.map((self) => [
          self,
          startFrostSignPrecommitted({
            share: shares.get(self)!,
            signers,
            message,
            commitments,
            nonce: byParty.get(self)!.take(commitments.find((c) => c.party === self)!),
          }),
        ]),
      );
      const round = roundOf(steps, 1);
      assert.equal(round.number, 1);
      assert.equal(round.protocol, `${suite.protocol}-sign-precommitted`);
      const sigs = outputsOf(advance(steps, rngFor('unused')));
      const sig = sigs.get(1)!;
      for (const s of sigs.values()) assert.ok(equalBytes(s, sig));
      assert.ok(verifier(suite)(sig, message, shares.get(1)!.publicKey));
      assert.equal(byParty.get(1)!.size, 2);
    });

    test('a list without our exact commitment is refused, and the nonce is destroyed', () => {
      const { byParty, published } = pools(shares, 'refuse');
      const signers = [1, 2, 3];
      const list = signers.map((p) => published.get(p)![0]!);
      const message = new Uint8Array(4);
      const attempt = (commitments: FrostCommitment[]) => {
        const nonce = byParty.get(1)!.take(published.get(1)!.find((c) => byParty.get(1)!.has(c))!);
        const step = startFrostSignPrecommitted({
          share: shares.get(1)!,
          signers,
          message,
          commitments,
          nonce,
        });
        assert.equal(step.kind, 'abort');
        assert.deepEqual(step.culprits, []);
        assert.match(step.reason, /refused coordinator commitment list/);
        assert.equal(nonce.spent, true);
      };
      // Our commitment is not the one the nonce belongs to (another pooled commitment of ours).
      attempt(list.map((c) => (c.party === 1 ? published.get(1)![2]! : c)));
      // Our commitment altered.
      const ours = published.get(1)![2]!;
      attempt([{ ...ours, binding: ours.hiding }, list[1]!, list[2]!]);
      // Our commitment missing, replaced by a commitment of a non-signer.
      assert.equal(byParty.get(1)!.size, 1);
      attempt([published.get(4)![0]!, list[1]!, list[2]!]);
    });

    test('a spent nonce is refused: at most one share per nonce', () => {
      const { byParty, published } = pools(shares, 'reuse');
      const signers = [1, 2, 3];
      const commitments = signers.map((p) => published.get(p)![0]!);
      const nonce = byParty.get(1)!.take(commitments[0]!);
      const params = { share: shares.get(1)!, signers, message: new Uint8Array(1), commitments, nonce };
      assert.equal(startFrostSignPrecommitted(params).kind, 'next');
      assert.throws(() => startFrostSignPrecommitted(params), /nonce already used/);
      assert.throws(
        () => startFrostSignPrecommitted({ ...params, message: new Uint8Array(2) }),
        /already used/,
      );
      assert.throws(() => byParty.get(1)!.take(commitments[0]!), /not available/);
    });

    test('a coordinator that sends different lists gets one share per nonce and a failed session', () => {
      const { byParty, published } = pools(shares, 'equivocate');
      const signers = [1, 2, 3];
      const message = new TextEncoder().encode('pay 1 BTC');
      const listA = signers.map((p) => published.get(p)![0]!);
      // Party 3 is told party 1 committed to a different (genuine, pooled) commitment.
      const listB = [published.get(1)![1]!, listA[1]!, listA[2]!];
      assert.notEqual(
        bytesToHex(frostCommitmentListDigest(suite, listA)),
        bytesToHex(frostCommitmentListDigest(suite, listB)),
      );
      const sharesSent = new Map<string, number>();
      const steps: Steps<Uint8Array> = new Map();
      for (const self of signers) {
        const commitments = self === 3 ? listB : listA;
        const mine = commitments.find((c) => c.party === self)!;
        const nonce = byParty.get(self)!.take(mine);
        const step: Step<Uint8Array> = startFrostSignPrecommitted({
          share: shares.get(self)!,
          signers,
          message,
          commitments,
          nonce,
        });
        assert.equal(step.kind, 'next');
        assert.equal(step.out.length, 1);
        signRound2Spec(suite).decode(step.out[0]!.payload);
        const id = bytesToHex(mine.hiding);
        sharesSent.set(id, (sharesSent.get(id) ?? 0) + 1);
        assert.equal(nonce.spent, true);
        // The coordinator cannot get a second share for the same nonce.
        assert.throws(() => byParty.get(self)!.take(mine), /not available/);
        assert.throws(
          () =>
            startFrostSignPrecommitted({
              share: shares.get(self)!,
              signers,
              message,
              commitments: listA,
              nonce,
            }),
          /already used/,
        );
        steps.set(self, step);
      }
      assert.deepEqual([...sharesSent.values()], [1, 1, 1]);
      const results = advance(steps, rngFor('unused'));
      for (const [self, step] of results) {
        assert.equal(step.kind, 'abort', `party ${self} must not output a signature`);
        assert.match(step.reason, /different commitment lists \(coordinator equivocation\)/);
        // No signer is blamed: the lists, not the shares, differ.
        assert.deepEqual(step.culprits, []);
      }
      assert.equal((results.get(1) as Abort).evidence?.parties, '3');
      assert.equal((results.get(3) as Abort).evidence?.parties, '1,2');
    });
  });
}
