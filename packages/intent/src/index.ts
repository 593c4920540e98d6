export { IntentError, type IntentErrorKind } from './errors.js';
export { checkInitiatorKey, type InitiatorKey, verifyInitiatorSignature } from './initiators.js';
export { type InitiatorSigner, newIntent, signIntent } from './sign.js';
export {
  DEFAULT_INTENT_POLICY,
  type IntentPolicy,
  type VerifiedIntent,
  verifySignedIntent,
} from './verify.js';
