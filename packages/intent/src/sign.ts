/** Client side: build an intent and sign its exact bytes (the wallet backend's SDK uses this). */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  type Intent,
  IntentSchema,
  SignatureScheme,
  type SignedIntent,
  SignedIntentSchema,
} from '@mpcium/proto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { randomBytes } from '@noble/hashes/utils.js';

export interface InitiatorSigner {
  readonly keyId: string;
  readonly scheme: SignatureScheme;
  readonly secretKey: Uint8Array;
}

export function newIntent(
  action: Intent['action'],
  options: { id?: string; nowMs?: number; validityMs?: number } = {},
): Intent {
  const now = options.nowMs ?? Date.now();
  return create(IntentSchema, {
    id: options.id ?? crypto.randomUUID(),
    nonce: randomBytes(16),
    issuedAtMs: BigInt(now),
    expiresAtMs: BigInt(now + (options.validityMs ?? 60_000)),
    action,
  });
}

export function signIntent(intent: Intent, signer: InitiatorSigner): SignedIntent {
  const bytes = toBinary(IntentSchema, intent);
  const signature =
    signer.scheme === SignatureScheme.ED25519
      ? ed25519.sign(bytes, signer.secretKey)
      : p256.sign(bytes, signer.secretKey, { lowS: true });
  return create(SignedIntentSchema, { intent: bytes, keyId: signer.keyId, scheme: signer.scheme, signature });
}
