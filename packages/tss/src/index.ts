export * from './ecdsa/index.js';
export * from './engine/index.js';
export * from './frost/index.js';
export * from './math/index.js';
export * from './paillier/index.js';
export * from './zk/index.js';
