/**
 * CGGMP presigning (ePrint 2021/060 Fig. 7) followed by one-round signing (Fig. 8), every party
 * through the simulator with seeded randomness and every message through its wire encoding.
 * Every signature is checked by two independent verifiers: @noble/curves ECDSA and ethers'
 * Ethereum address recovery (CRYPTO.md "Independent verification").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { outputs, seededRng } from '@mpcium/tss-sim';
import { sha256 } from '@noble/hashes/sha2.js';
import type { PartyIndex } from '../engine/index.js';
import {
  assertIndependentlyValid,
  type EcdsaFixture,
  ecdsaFixture,
  presignSim,
  signatureBytes,
  signSim,
  TEST_KEY_ID,
} from '../testing/ecdsa-sessions.js';
import { startPresign } from './presign.js';
import { Presignature } from './presignature.js';

async function presignAndSign(fx: EcdsaFixture, signers: PartyIndex[], seed: string) {
  const presignatures = outputs(await presignSim(fx, signers, seed));
  const first = presignatures.get(signers[0]!)!;
  for (const [party, p] of presignatures) {
    assert.ok(p instanceof Presignature);
    assert.equal(p.party, party);
    assert.deepEqual(p.signers, signers);
    assert.deepEqual(p.id, first.id, 'one presignature id on every signer');
    assert.ok(p.R.equals(first.R), 'one R on every signer');
    assert.equal(p.spent, false);
  }
  const digest = sha256(new TextEncoder().encode(`message for ${seed}`));
  const shares = fx.shares;
  const signatures = outputs(await signSim(shares, presignatures, signers, digest, `${seed}/sign`));
  const sig = signatures.get(signers[0]!)!;
  for (const s of signatures.values()) assert.deepEqual(signatureBytes(s), signatureBytes(sig));
  assertIndependentlyValid(sig, digest, shares.get(signers[0]!)!.publicKey);
  for (const p of presignatures.values()) assert.equal(p.spent, true, 'signing spent every presignature');
  return { presignatures, sig };
}

describe('CGGMP presigning and signing (standard profile)', () => {
  test('2-of-2', async () => {
    await presignAndSign(ecdsaFixture([1, 2], 2, 'standard', 'p22'), [1, 2], 'p22');
  });

  test('2-of-3: every 2-subset presigns and signs', async () => {
    const fx = ecdsaFixture([1, 2, 3], 2, 'standard', 'p23');
    for (const signers of [
      [1, 2],
      [1, 3],
      [2, 3],
    ]) {
      await presignAndSign(fx, signers, `p23-${signers.join('')}`);
    }
  });

  test('3-of-5 with signers {1, 3, 5}', async () => {
    await presignAndSign(ecdsaFixture([1, 2, 3, 4, 5], 3, 'standard', 'p35'), [1, 3, 5], 'p35');
  });

  test('presignatures and rounds print no secrets', async () => {
    const fx = ecdsaFixture([1, 2], 2, 'standard', 'print');
    const presignatures = outputs(await presignSim(fx, [1, 2], 'print'));
    const p = presignatures.get(1)!;
    const secret = Buffer.from(fx.shares.get(1)!.secretShare.expose()).toString('hex');
    const step = startPresign(
      {
        share: fx.shares.get(1)!,
        aux: fx.aux.get(1)!,
        signers: [1, 2],
        sessionId: new Uint8Array(32),
        keyId: TEST_KEY_ID,
        keyVersion: 0,
      },
      seededRng('print-round'),
    );
    assert.equal(step.kind, 'next');
    const round = step.kind === 'next' ? step.round : undefined;
    for (const value of [p, round]) {
      for (const text of [
        String(value),
        JSON.stringify(value),
        inspect(value, { depth: 10, showHidden: true }),
      ]) {
        assert.match(text, /<redacted>/);
        assert.ok(!text.includes(secret));
        assert.doesNotMatch(text, /[0-9a-f]{40}|\d{40}/);
      }
    }
  });
});

describe('CGGMP presigning and signing (strong profile)', () => {
  test('2-of-2 with 3072-bit Paillier moduli', async () => {
    await presignAndSign(ecdsaFixture([1, 2], 2, 'strong', 'strong'), [1, 2], 'strong');
  });
});
