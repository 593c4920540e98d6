/**
 * Signed intents: accepted when signed by a configured Ed25519 or P-256 key within the validity
 * window; refused with a specific kind when unsigned, signed by an unknown key, tampered,
 * expired, from the future, valid too long, malformed or asking for something invalid.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  CreateWalletActionSchema,
  IntentSchema,
  KeyType,
  SignActionSchema,
  SignatureScheme,
  SignedIntentSchema,
} from '@mpcium/proto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import {
  checkInitiatorKey,
  IntentError,
  type IntentErrorKind,
  newIntent,
  signIntent,
  verifySignedIntent,
} from './index.js';

const edSecret = ed25519.utils.randomSecretKey();
const pSecret = p256.utils.randomSecretKey();
const keys = new Map(
  [
    checkInitiatorKey({
      keyId: 'backend-ed',
      scheme: SignatureScheme.ED25519,
      publicKey: ed25519.getPublicKey(edSecret),
    }),
    checkInitiatorKey({
      keyId: 'backend-p256',
      scheme: SignatureScheme.ECDSA_P256_SHA256,
      publicKey: p256.getPublicKey(pSecret),
    }),
  ].map((k) => [k.keyId, k]),
);
const ed = { keyId: 'backend-ed', scheme: SignatureScheme.ED25519, secretKey: edSecret };
const pk = { keyId: 'backend-p256', scheme: SignatureScheme.ECDSA_P256_SHA256, secretKey: pSecret };
const NOW = 1_800_000_000_000;

const signAction = (keyType: KeyType, message: Uint8Array, walletId = 'wallet-1') =>
  ({ case: 'sign', value: create(SignActionSchema, { walletId, keyType, message }) }) as const;
const createAction = (walletId = 'wallet-1') =>
  ({ case: 'createWallet', value: create(CreateWalletActionSchema, { walletId }) }) as const;

function refused(kind: IntentErrorKind, f: () => unknown): void {
  assert.throws(f, (e: unknown) => e instanceof IntentError && e.kind === kind, `expected ${kind}`);
}

describe('signed intents', () => {
  test('accepted from Ed25519 and P-256 initiators', () => {
    for (const signer of [ed, pk]) {
      const intent = newIntent(signAction(KeyType.ECDSA_SECP256K1, new Uint8Array(32)), { nowMs: NOW });
      const v = verifySignedIntent(signIntent(intent, signer), keys, NOW + 1000);
      assert.equal(v.keyId, signer.keyId);
      assert.equal(v.intent.id, intent.id);
    }
    verifySignedIntent(signIntent(newIntent(createAction(), { nowMs: NOW }), ed), keys, NOW);
  });

  test('unsigned, unknown key, wrong scheme and wrong signature are refused', () => {
    const signed = signIntent(newIntent(createAction(), { nowMs: NOW }), ed);
    refused('unsigned', () => verifySignedIntent(undefined, keys, NOW));
    refused('unsigned', () => verifySignedIntent({ ...signed, signature: new Uint8Array() }, keys, NOW));
    refused('unknown-key', () => verifySignedIntent({ ...signed, keyId: 'someone' }, keys, NOW));
    refused('bad-signature', () =>
      verifySignedIntent(
        { ...signed, keyId: 'backend-p256', scheme: SignatureScheme.ECDSA_P256_SHA256 },
        keys,
        NOW,
      ),
    );
    const flipped = Uint8Array.from(signed.signature);
    flipped[0]! ^= 1;
    refused('bad-signature', () => verifySignedIntent({ ...signed, signature: flipped }, keys, NOW));
    // The signature covers the exact bytes: any change to the intent breaks it.
    const other = signIntent(newIntent(createAction('wallet-2'), { nowMs: NOW }), ed);
    refused('bad-signature', () => verifySignedIntent({ ...signed, intent: other.intent }, keys, NOW));
  });

  test('expired, future and too-long intents are refused', () => {
    const signed = signIntent(newIntent(createAction(), { nowMs: NOW, validityMs: 60_000 }), ed);
    refused('expired', () => verifySignedIntent(signed, keys, NOW + 60_000));
    refused('not-yet-valid', () => verifySignedIntent(signed, keys, NOW - 120_000));
    const long = signIntent(newIntent(createAction(), { nowMs: NOW, validityMs: 3_600_000 }), ed);
    refused('validity-too-long', () => verifySignedIntent(long, keys, NOW));
  });

  test('malformed bytes, non-canonical encodings, bad ids and short nonces are refused', () => {
    const sign = (bytes: Uint8Array) =>
      create(SignedIntentSchema, {
        intent: bytes,
        keyId: 'backend-ed',
        scheme: SignatureScheme.ED25519,
        signature: ed25519.sign(bytes, edSecret),
      });
    refused('malformed', () => verifySignedIntent(sign(Uint8Array.of(0xff, 0xff, 0xff)), keys, NOW));
    const good = toBinary(IntentSchema, newIntent(createAction(), { nowMs: NOW }));
    // An unknown field appended: valid protobuf, but not the canonical encoding of an Intent.
    refused('malformed', () =>
      verifySignedIntent(sign(Uint8Array.from([...good, 0xa0, 0x06, 0x01])), keys, NOW),
    );
    const badId = newIntent(createAction(), { nowMs: NOW, id: 'has space' });
    refused('malformed', () => verifySignedIntent(signIntent(badId, ed), keys, NOW));
    const shortNonce = newIntent(createAction(), { nowMs: NOW });
    shortNonce.nonce = new Uint8Array(8);
    refused('malformed', () => verifySignedIntent(signIntent(shortNonce, ed), keys, NOW));
  });

  test('invalid actions are refused: digest length, key type, wallet id, oversized message, none', () => {
    const check = (action: Parameters<typeof newIntent>[0]) =>
      verifySignedIntent(signIntent(newIntent(action, { nowMs: NOW }), ed), keys, NOW);
    refused('invalid-action', () => check(signAction(KeyType.ECDSA_SECP256K1, new Uint8Array(31))));
    refused('invalid-action', () => check(signAction(KeyType.UNSPECIFIED, new Uint8Array(32))));
    refused('invalid-action', () => check(signAction(KeyType.ED25519, new Uint8Array(10), '')));
    refused('invalid-action', () => check(signAction(KeyType.TAPROOT, new Uint8Array((1 << 20) + 1))));
    refused('invalid-action', () => check({ case: undefined }));
    check(signAction(KeyType.ED25519, new Uint8Array(0)));
    check(signAction(KeyType.TAPROOT, new Uint8Array(1 << 20)));
  });

  test('configured keys are validated', () => {
    assert.throws(
      () =>
        checkInitiatorKey({
          keyId: 'bad id',
          scheme: SignatureScheme.ED25519,
          publicKey: new Uint8Array(32),
        }),
      /key id/,
    );
    assert.throws(
      () =>
        checkInitiatorKey({
          keyId: 'k',
          scheme: SignatureScheme.ECDSA_P256_SHA256,
          publicKey: new Uint8Array(33),
        }),
      /not a valid public key/,
    );
  });
});
