export { NatsNodeClient, type NatsNodeClientOptions } from './node-client.js';
export { type ControlledNode, serveNode } from './serve-node.js';
export { controlSubjects, DEFAULT_CONTROL_PREFIX } from './subjects.js';
