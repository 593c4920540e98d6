/** FROST (RFC 9591) for Ed25519 and Taproot (BIP-340) over `@noble/curves`. */

export { type FrostDkgParams, frostDkgProtocol, startFrostDkg } from './dkg.js';
export {
  dkgRound1Spec,
  dkgRound2Spec,
  type FrostDkgRound1Message,
  type FrostDkgRound2Message,
} from './dkg-messages.js';
export {
  encodeFrostKeyShare,
  FrostKeyShare,
  type FrostKeyShareParts,
  frostKeyShareFromParts,
  parseFrostKeyShare,
  sameGroupKey,
} from './key-share.js';
export {
  encodeFrostNonce,
  type FrostCommitment,
  FrostNonce,
  generateFrostNonce,
  parseFrostNonce,
} from './nonce.js';
export { FrostNoncePool } from './nonce-pool.js';
export { frostRefreshProtocol, startFrostRefresh } from './refresh.js';
export { type FrostSignParams, frostSignProtocol, startFrostSign } from './sign.js';
export {
  type FrostSignRound1Message,
  type FrostSignRound2Message,
  signRound1Spec,
  signRound2Spec,
} from './sign-messages.js';
export {
  type FrostPrecommittedSignParams,
  frostCommitmentListDigest,
  frostPrecommittedSignProtocol,
  startFrostSignPrecommitted,
} from './sign-precommitted.js';
export {
  FROST_ED25519,
  FROST_SUITES,
  FROST_TAPROOT,
  type FrostSuite,
  type FrostSuiteName,
  frostIdentifier,
  frostSuiteFromProto,
} from './suite.js';
