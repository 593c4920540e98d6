export { type EmbeddedCluster, type EmbeddedOptions, startEmbeddedCluster } from './embedded.js';
