/** Threshold ECDSA on secp256k1: CGGMP (ePrint 2021/060) with aux info, presignatures and one-round signing. */
export { AuxInfo, type AuxInfoParts, auxInfoFromParts, type PartyAux } from './aux-info.js';
export { encodeAuxInfo, parseAuxInfo } from './aux-info-codec.js';
export { AUX_INFO_PROTOCOL, type AuxInfoParams, startAuxInfo } from './aux-info-gen.js';
export { EcdsaKeyShare, type EcdsaKeyShareParts, ecdsaKeyShareFromParts } from './key-share.js';
export { encodeEcdsaKeyShare, parseEcdsaKeyShare } from './key-share-codec.js';
export { ECDSA_KEYGEN_PROTOCOL, type EcdsaKeygenParams, startEcdsaKeygen } from './keygen.js';
export { lagrangeAt } from './lagrange.js';
export { ECDSA_PRESIGN_PROTOCOL, type PresignParams, startPresign } from './presign.js';
export { ecdsaKeyFingerprint } from './presign-digest.js';
export {
  MAX_KEY_ID_BYTES,
  Presignature,
  type PresignatureCommitment,
  type PresignatureParts,
  presignatureFromParts,
} from './presignature.js';
export { encodePresignature, parsePresignature } from './presignature-codec.js';
export { PresignaturePool } from './presignature-pool.js';
export { ECDSA_SIGN_PROTOCOL, type EcdsaSignParams, startEcdsaSign } from './sign.js';
export {
  type EcdsaSignature,
  ecdsaSignatureCompact,
  ecdsaSignatureRsv,
  verifyEcdsaSignature,
} from './sign-output.js';
