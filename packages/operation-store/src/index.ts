export { MemoryOperationStore } from './memory-store.js';
export type { OpenResult, OperationStore, WalletDirectory } from './port.js';
export { RedisOperationStore } from './redis-store.js';
