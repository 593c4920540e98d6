export { MemoryOperationStore } from './memory-store.js';
export {
  isFinal,
  type OpenResult,
  type OperationStore,
  type UnfinishedOperation,
  type WalletDirectory,
} from './port.js';
export { RedisOperationStore } from './redis-store.js';
