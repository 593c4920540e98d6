/** The Redis operation store against a real redis-server: the same contract as the memory one. */
import { test } from 'node:test';
import { RedisOperationStore } from '@mpcium/operation-store';
import { startRedis } from '@mpcium/testkit';
import { operationStoreContract } from '../packages/operation-store/src/contract.js';

test('Redis operation store meets the OperationStore contract', async () => {
  const redis = await startRedis();
  try {
    await operationStoreContract(async () => new RedisOperationStore(redis.url));
  } finally {
    await redis.stop();
  }
});
