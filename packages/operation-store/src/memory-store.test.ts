import { test } from 'node:test';
import { operationStoreContract } from './contract.js';
import { MemoryOperationStore } from './memory-store.js';

test('memory operation store meets the OperationStore contract', async () => {
  const shared = new MemoryOperationStore();
  // Two "clients" of the embedded mode share one store.
  await operationStoreContract(async () => shared);
});
