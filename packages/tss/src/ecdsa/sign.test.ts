/**
 * One-round ECDSA signing with presignatures (ePrint 2021/060 Fig. 8) through the simulator:
 * independent verification of many signatures (CRYPTO.md item 19), a bad sigma_i named (item 14),
 * presignature reuse refused (item 15), different digests per signer (item 16), and presignatures
 * bound to another key, key version, party or signer set refused. The presignatures come from a
 * trusted test dealer so that many signatures stay cheap; presign.test.ts signs with real ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionResult } from '@mpcium/session';
import { outputs, seededRng, tamper } from '@mpcium/tss-sim';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexlify, recoverAddress } from 'ethers';
import type { PartyIndex } from '../engine/index.js';
import { dealEcdsaKey } from '../testing/ecdsa-dealer.js';
import { dealPresignatures, reshareEcdsaKey } from '../testing/ecdsa-presign-dealer.js';
import { assertIndependentlyValid, ethereumAddress, signSim } from '../testing/ecdsa-sessions.js';
import { CURVE_ORDER } from '../zk/sch-group.js';
import { PresignaturePool } from './presignature-pool.js';
import { startEcdsaSign } from './sign.js';
import { signRound1Spec } from './sign-messages.js';
import { type EcdsaSignature, ecdsaSignatureRsv } from './sign-output.js';

const key23 = dealEcdsaKey([1, 2, 3], 2, seededRng('sign/key23'));
const key35 = dealEcdsaKey([1, 2, 3, 4, 5], 3, seededRng('sign/key35'));
const X = key23.get(1)!.publicKey;
const digestOf = (text: string) => sha256(new TextEncoder().encode(text));
const rng = seededRng('sign/dealer');

function abortOf(r: SessionResult<EcdsaSignature> | undefined) {
  assert.ok(r);
  assert.equal(r.kind, 'abort', `expected an abort, got ${r.kind}`);
  return r.kind === 'abort' ? r : assert.fail();
}

/** Adds one to sigma in `party`'s signing message. */
const bumpSigma = (party: PartyIndex) =>
  tamper(party, 1, (payload) => {
    const spec = signRound1Spec();
    const m = spec.decode(payload);
    return spec.encode({ ...m, sigma: (m.sigma + 1n) % CURVE_ORDER });
  });

describe('ECDSA signing with presignatures', () => {
  test('CRYPTO.md item 19: 48 signatures, never high-S, recovery id always recovers the address', async () => {
    const sets = [
      [1, 2],
      [1, 3],
      [2, 3],
    ];
    let flipped = 0;
    for (let i = 0; i < 48; i++) {
      const signers = sets[i % 3]!;
      const presignatures = dealPresignatures(key23, signers, rng);
      const R = presignatures.get(signers[0]!)!.R;
      const digest = digestOf(`message ${i}`);
      const sigs = outputs(await signSim(key23, presignatures, signers, digest, `many-${i}`));
      const sig = sigs.get(signers[0]!)!;
      for (const s of sigs.values()) assert.deepEqual(s, sig);
      assertIndependentlyValid(sig, digest, X);
      // The recovery id's parity bit differs from R's exactly when s was normalised to q - s.
      if ((sig.recovery & 1) !== Number(R.toAffine().y & 1n)) flipped++;
      // The 65-byte r || s || v form recovers the same address.
      const rsv = ecdsaSignatureRsv(sig);
      assert.equal(rsv.length, 65);
      assert.equal(rsv[64], 27 + sig.recovery);
      assert.equal(recoverAddress(digest, hexlify(rsv)), ethereumAddress(X));
    }
    assert.ok(flipped > 10 && flipped < 38, `low-S normalisation exercised (${flipped} of 48 flipped)`);
  });

  test('3-of-5: every signer outputs the same verified signature', async () => {
    const signers = [2, 4, 5];
    const digest = digestOf('three of five');
    const sigs = outputs(await signSim(key35, dealPresignatures(key35, signers, rng), signers, digest, '35'));
    for (const s of sigs.values()) assertIndependentlyValid(s, digest, key35.get(1)!.publicKey);
  });

  test('CRYPTO.md item 14: a bad sigma_i fails the final check and the share check names it', async () => {
    const signers = [1, 2, 4];
    const digest = digestOf('bad share');
    const sim = await signSim(
      key35,
      dealPresignatures(key35, signers, rng),
      signers,
      digest,
      'bad',
      bumpSigma(4),
    );
    for (const p of [1, 2]) {
      const a = abortOf(sim.results.get(p));
      assert.deepEqual(a.culprits, [4]);
      assert.match(a.reason, /invalid signature share/);
      assert.ok(a.evidence?.['sigma.4']);
    }
    // Party 4's own view holds only honest shares.
    assert.equal(sim.results.get(4)!.kind, 'ok');
    // Two bad shares: both named.
    const twoBad = await signSim(key35, dealPresignatures(key35, signers, rng), signers, digest, 'bad2', {
      onMessage: (m) => bumpSigma(2).onMessage!(m) ?? bumpSigma(4).onMessage!(m),
    });
    assert.deepEqual(abortOf(twoBad.results.get(1)).culprits, [2, 4]);
  });

  test('CRYPTO.md item 15: a presignature makes one share, even for two concurrent requests', async () => {
    const signers = [1, 3];
    const presignatures = dealPresignatures(key23, signers, rng);
    const digest = digestOf('once');
    // Two sessions started at the same time with the same presignature objects.
    const [a, b] = await Promise.all([
      signSim(key23, presignatures, signers, digest, 'twice-a'),
      signSim(key23, presignatures, signers, digestOf('other'), 'twice-b'),
    ]);
    assertIndependentlyValid(outputs(a).get(1)!, digest, X);
    assert.equal(b.stats.messages, 0, 'the second session sent no share');
    for (const r of b.results.values()) {
      assert.equal(r.kind, 'bug');
      assert.match(r.kind === 'bug' ? r.message : '', /presignature already used/);
    }
    // A third direct attempt throws before producing anything.
    const share = key23.get(1)!;
    assert.throws(
      () => startEcdsaSign({ share, presignature: presignatures.get(1)!, signers, digest }, rng),
      /presignature already used/,
    );
    // The pool hands each presignature out once.
    const pool = new PresignaturePool();
    const fresh = dealPresignatures(key23, signers, rng).get(1)!;
    pool.add(fresh);
    const taken = pool.take(fresh.id);
    assert.equal(taken, fresh);
    assert.throws(() => pool.take(fresh.id), /not available/);
  });

  test('CRYPTO.md item 16: different digests per signer give at most one share each and a failed session', async () => {
    const signers = [1, 2, 3];
    const presignatures = dealPresignatures(key35, signers, rng);
    const sim = await signSim(
      key35,
      presignatures,
      signers,
      (self) => digestOf(self === 3 ? 'pay mallory' : 'pay alice'),
      'split',
    );
    assert.equal(sim.stats.messages, 3, 'one share per signer');
    for (const p of signers) {
      const a = abortOf(sim.results.get(p));
      assert.deepEqual(a.culprits, []);
      assert.match(a.reason, /different digests or presignatures/);
    }
    for (const p of presignatures.values()) assert.equal(p.spent, true);
    // A retry cannot reuse them.
    await assert.rejects(async () => {
      const r = await signSim(key35, presignatures, signers, digestOf('pay alice'), 'split-retry');
      outputs(r);
    }, /presignature already used/);
  });

  test('a presignature bound to another key version, key, party or signer set is refused unspent', () => {
    const signers = [1, 2];
    const presignatures = dealPresignatures(key23, signers, rng, { keyVersion: 3 });
    const p = presignatures.get(1)!;
    const share = key23.get(1)!;
    const digest = digestOf('binding');
    const refreshed = reshareEcdsaKey(key23, rng);
    assert.deepEqual(refreshed.get(1)!.publicKey, share.publicKey, 'same public key');
    const go = (over: Partial<Parameters<typeof startEcdsaSign>[0]>) =>
      startEcdsaSign({ share, presignature: p, signers, digest, ...over }, rng);
    assert.throws(() => go({ share: refreshed.get(1)! }), /another key version/);
    assert.throws(() => go({ keyVersion: 4 }), /bound to key version 3, not 4/);
    assert.throws(() => go({ keyId: new TextEncoder().encode('other') }), /another key id/);
    assert.throws(() => go({ share: key35.get(1)! }), /another (key|signer set)/);
    assert.throws(() => go({ share: key23.get(2)! }), /another party/);
    assert.throws(() => go({ signers: [1, 3] }), /another signer set/);
    assert.throws(() => go({ digest: new Uint8Array(31) }), /32 bytes/);
    assert.equal(p.spent, false, 'refusals do not spend the presignature');
    assert.equal(go({ keyVersion: 3 }).kind, 'next');
    assert.equal(p.spent, true);
  });
});
