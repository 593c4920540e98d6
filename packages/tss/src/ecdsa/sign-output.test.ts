/**
 * The release check agrees with noble's verifier (`prehash: false, lowS: true`, recovered
 * format) on valid signatures and refuses high-S, a wrong recovery id, a wrong digest or key,
 * and out-of-range r or s (CRYPTO.md item 19).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { CURVE_ORDER, encodeScalar } from '../zk/sch-group.js';
import { type EcdsaSignature, verifyEcdsaSignature } from './sign-output.js';

function signWith(rng: (n?: number) => Uint8Array) {
  const sk = secp256k1.utils.randomSecretKey(rng(48));
  const publicKey = secp256k1.getPublicKey(sk);
  const digest = rng(32);
  const raw = secp256k1.sign(digest, sk, { prehash: false, lowS: true, format: 'recovered' });
  const sig: EcdsaSignature = {
    recovery: raw[0] as 0 | 1,
    r: raw.slice(1, 33),
    s: raw.slice(33, 65),
  };
  return { publicKey, digest, sig };
}

test('agrees with noble on valid low-S signatures, including the recovery id', () => {
  const rng = seededRng('verify-agree');
  for (let i = 0; i < 40; i++) {
    const { publicKey, digest, sig } = signWith(rng);
    assert.ok(verifyEcdsaSignature(sig, digest, publicKey));
    assert.ok(verifyEcdsaSignature(sig, digest, publicKey), 'cached table gives the same answer');
  }
});

test('refuses high-S, a flipped recovery id, another digest or key, and out-of-range scalars', () => {
  const rng = seededRng('verify-refuse');
  const { publicKey, digest, sig } = signWith(rng);
  const s = BigInt(`0x${Buffer.from(sig.s).toString('hex')}`);
  const highS = { ...sig, s: encodeScalar(CURVE_ORDER - s), recovery: (sig.recovery ^ 1) as 0 | 1 };
  assert.equal(verifyEcdsaSignature(highS, digest, publicKey), false, 'high-S');
  assert.equal(
    verifyEcdsaSignature({ ...sig, recovery: (sig.recovery ^ 1) as 0 | 1 }, digest, publicKey),
    false,
  );
  assert.equal(
    verifyEcdsaSignature({ ...sig, recovery: (sig.recovery | 2) as 2 | 3 }, digest, publicKey),
    false,
  );
  assert.equal(verifyEcdsaSignature(sig, rng(32), publicKey), false, 'other digest');
  assert.equal(verifyEcdsaSignature(sig, digest, signWith(rng).publicKey), false, 'other key');
  assert.equal(verifyEcdsaSignature({ ...sig, r: new Uint8Array(32) }, digest, publicKey), false, 'r = 0');
  assert.equal(verifyEcdsaSignature({ ...sig, s: new Uint8Array(32) }, digest, publicKey), false, 's = 0');
  assert.equal(verifyEcdsaSignature({ ...sig, r: new Uint8Array(32).fill(0xff) }, digest, publicKey), false);
  assert.equal(verifyEcdsaSignature(sig, digest, new Uint8Array(33)), false, 'invalid key');
  assert.equal(verifyEcdsaSignature(sig, digest.slice(1), publicKey), false, 'short digest');
});
