export * from './adversary.js';
export type { HubStats } from './hub.js';
export { SimHub } from './hub.js';
export { childSeed, seededRng } from './rng.js';
export type { SimulateOptions, Simulation } from './simulate.js';
export { outputs, simulate } from './simulate.js';
export { startToy, TOY_PROTOCOL, toyR1, toyR2, toyR3 } from './toy-protocol.js';
