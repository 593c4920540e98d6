/** Threshold ECDSA on secp256k1: CGGMP (ePrint 2021/060) with aux info, presignatures and one-round signing. */
export { AuxInfo, type AuxInfoParts, auxInfoFromParts, type PartyAux } from './aux-info.js';
export { EcdsaKeyShare, type EcdsaKeyShareParts, ecdsaKeyShareFromParts } from './key-share.js';
export { lagrangeAt } from './lagrange.js';
