export {
  AFFG_TAG,
  type AffGCommitment,
  type AffGProof,
  type AffGStatement,
  AffGWitness,
  affGChallenge,
  proveAffG,
  verifyAffG,
} from './aff-g.js';
export { decodeAffGProof, encodeAffGProof } from './aff-g-codec.js';
export * from './check.js';
export {
  ELOG_TAG,
  type ElogProof,
  type ElogStatement,
  ElogWitness,
  elogChallenge,
  proveElog,
  verifyElog,
} from './elog.js';
export { decodeElogProof, encodeElogProof } from './elog-codec.js';
export {
  ENC_TAG,
  type EncCommitment,
  type EncProof,
  type EncStatement,
  EncWitness,
  encChallenge,
  proveEnc,
  verifyEnc,
} from './enc.js';
export { decodeEncProof, encodeEncProof } from './enc-codec.js';
export { challengeBound } from './enc-range.js';
export {
  FAC_TAG,
  type FacBounds,
  type FacProof,
  type FacStatement,
  type FacVerifierParams,
  FacWitness,
  facBounds,
  facChallenge,
  proveFac,
  verifyFac,
} from './fac.js';
export { decodeFacProof, encodeFacProof } from './fac-codec.js';
export * from './integer.js';
export {
  LOG_STAR_TAG,
  type LogStarCommitment,
  type LogStarProof,
  type LogStarStatement,
  LogStarWitness,
  logStarChallenge,
  proveLogStar,
  verifyLogStar,
} from './log-star.js';
export { decodeLogStarProof, encodeLogStarProof } from './log-star-codec.js';
export {
  MOD_TAG,
  type ModProof,
  type ModRound,
  type ModStatement,
  ModWitness,
  modChallenges,
  proveMod,
  verifyMod,
} from './mod.js';
export { decodeModProof, encodeModProof } from './mod-codec.js';
export {
  PRM_TAG,
  type PrmProof,
  type PrmStatement,
  PrmWitness,
  prmChallenges,
  provePrm,
  ringPedersenDefect,
  verifyPrm,
} from './prm.js';
export { decodePrmProof, encodePrmProof } from './prm-codec.js';
export {
  commitSch,
  proveSch,
  proveSchWithNonce,
  SCH_TAG,
  SchNonce,
  type SchProof,
  type SchStatement,
  SchWitness,
  schChallenge,
  verifySch,
} from './sch.js';
export { decodeSchProof, encodeSchProof } from './sch-codec.js';
export { CURVE_ORDER, decodePoint, encodePoint, Point } from './sch-group.js';
export * from './transcript.js';
