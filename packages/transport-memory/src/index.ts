export { MemoryBus, type SessionTransport } from './memory-bus.js';
