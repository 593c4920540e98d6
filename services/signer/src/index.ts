export { nodeService } from './node-routes.js';
export { type RunningSigner, type SignerServiceOptions, startSignerService } from './signer-service.js';
