export { type ClusterView, Refusal } from './authorize.js';
export { storedKeyType } from './key-types.js';
export { FIRST_VERSION } from './prepare.js';
export {
  type PrimeSource,
  type SessionTransports,
  SignerNode,
  type SignerNodeOptions,
} from './signer-node.js';
