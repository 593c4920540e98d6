export * from './parties.js';
export * from './secret.js';
export * from './types.js';
