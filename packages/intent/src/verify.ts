/**
 * Verification of a signed intent (ARCHITECTURE.md "Trust model"): the coordinator and every
 * signer run this on the exact bytes the initiator signed, before any protocol work. It checks
 * the signature, the shape of the intent and its validity window; the replay window (the intent
 * id and nonce seen before) is the caller's store.
 */
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { type Intent, IntentSchema, KeyType, type SignedIntent } from '@mpcium/proto';
import { IntentError } from './errors.js';
import { type InitiatorKey, verifyInitiatorSignature } from './initiators.js';

export interface IntentPolicy {
  /** Longest allowed expires_at - issued_at. */
  readonly maxValidityMs: number;
  /** Clock skew tolerated for issued_at in the future. */
  readonly maxSkewMs: number;
  /** Largest message for Ed25519 and Taproot signing. */
  readonly maxMessageBytes: number;
}

export const DEFAULT_INTENT_POLICY: IntentPolicy = Object.freeze({
  maxValidityMs: 5 * 60_000,
  maxSkewMs: 30_000,
  maxMessageBytes: 1 << 20,
});

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_INTENT_BYTES = (1 << 20) + 4096;

export interface VerifiedIntent {
  readonly intent: Intent;
  readonly keyId: string;
  /** The signed bytes, as received. */
  readonly bytes: Uint8Array;
}

export function verifySignedIntent(
  signed: SignedIntent | undefined,
  keys: ReadonlyMap<string, InitiatorKey>,
  nowMs: number,
  policy: IntentPolicy = DEFAULT_INTENT_POLICY,
): VerifiedIntent {
  if (!signed || signed.intent.length === 0 || signed.signature.length === 0 || signed.keyId === '') {
    throw new IntentError('unsigned', 'the request carries no signed intent');
  }
  const key = keys.get(signed.keyId);
  if (!key)
    throw new IntentError(
      'unknown-key',
      `unknown initiator key ${JSON.stringify(signed.keyId.slice(0, 64))}`,
    );
  if (signed.scheme !== key.scheme)
    throw new IntentError('bad-signature', 'signature scheme does not match the initiator key');
  if (signed.intent.length > MAX_INTENT_BYTES) throw new IntentError('malformed', 'intent too large');
  if (!verifyInitiatorSignature(key, signed.intent, signed.signature)) {
    throw new IntentError('bad-signature', 'the intent signature does not verify');
  }
  const intent = decodeIntent(signed.intent);
  checkWindow(intent, nowMs, policy);
  checkAction(intent, policy);
  return Object.freeze({ intent, keyId: key.keyId, bytes: Uint8Array.from(signed.intent) });
}

function decodeIntent(bytes: Uint8Array): Intent {
  let intent: Intent;
  try {
    intent = fromBinary(IntentSchema, bytes, { readUnknownFields: false });
  } catch {
    throw new IntentError('malformed', 'the intent is not a valid protobuf Intent');
  }
  // One encoding per intent: unknown fields or non-canonical encodings are refused.
  const again = toBinary(IntentSchema, intent);
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) {
    throw new IntentError('malformed', 'the intent is not canonically encoded');
  }
  if (!ID.test(intent.id))
    throw new IntentError('malformed', 'intent id must be 1-128 characters of [A-Za-z0-9._:-]');
  if (intent.nonce.length < 16 || intent.nonce.length > 64) {
    throw new IntentError('malformed', 'intent nonce must be 16-64 bytes');
  }
  return intent;
}

function checkWindow(intent: Intent, nowMs: number, policy: IntentPolicy): void {
  const issued = Number(intent.issuedAtMs);
  const expires = Number(intent.expiresAtMs);
  if (!(issued > 0 && expires > issued))
    throw new IntentError('malformed', 'intent needs issued_at < expires_at');
  if (expires - issued > policy.maxValidityMs) {
    throw new IntentError('validity-too-long', `intent validity exceeds ${policy.maxValidityMs} ms`);
  }
  if (issued > nowMs + policy.maxSkewMs)
    throw new IntentError('not-yet-valid', 'intent issued in the future');
  if (expires <= nowMs) throw new IntentError('expired', 'intent expired');
}

function checkAction(intent: Intent, policy: IntentPolicy): void {
  const action = intent.action;
  switch (action.case) {
    case 'createWallet':
      if (!ID.test(action.value.walletId))
        throw new IntentError('invalid-action', 'wallet id must be 1-128 characters of [A-Za-z0-9._:-]');
      return;
    case 'sign': {
      const { walletId, keyType, message } = action.value;
      if (!ID.test(walletId))
        throw new IntentError('invalid-action', 'wallet id must be 1-128 characters of [A-Za-z0-9._:-]');
      if (keyType === KeyType.ECDSA_SECP256K1) {
        if (message.length !== 32)
          throw new IntentError('invalid-action', 'ECDSA signing takes a 32-byte digest');
        return;
      }
      if (keyType === KeyType.ED25519 || keyType === KeyType.TAPROOT) {
        if (message.length > policy.maxMessageBytes) {
          throw new IntentError('invalid-action', `message longer than ${policy.maxMessageBytes} bytes`);
        }
        return;
      }
      throw new IntentError('invalid-action', 'unknown key type');
    }
    default:
      throw new IntentError('invalid-action', 'the intent names no action');
  }
}
