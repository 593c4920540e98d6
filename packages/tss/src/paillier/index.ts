export {
  assertCiphertext,
  isCiphertext,
  type PaillierCiphertext,
  type PaillierModulus,
  parseCiphertext,
} from './ciphertext.js';
export { assertPaillierModulus, paillierModulusDefect } from './modulus.js';
export {
  modulusBitsAllowed,
  SECURITY_PROFILES,
  type SecurityProfile,
  type SecurityProfileName,
  STANDARD_PROFILE,
  STRONG_PROFILE,
  securityProfile,
} from './profiles.js';
export { type PaillierEncryption, PaillierPublicKey } from './public-key.js';
export { generateRingPedersen, RingPedersenParams, RingPedersenSecret } from './ring-pedersen.js';
export { PaillierSecretKey } from './secret-key.js';
