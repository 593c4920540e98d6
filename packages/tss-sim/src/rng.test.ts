import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childSeed, seededRng } from './rng.js';

test('seeded rng is deterministic per seed and differs across seeds', () => {
  const a = seededRng('seed');
  const b = seededRng('seed');
  assert.deepEqual(a(7), b(7));
  assert.deepEqual(a(64), b(64));
  assert.notDeepEqual(seededRng('seed')(32), seededRng('other')(32));
  assert.notDeepEqual(childSeed('s', 'party-1'), childSeed('s', 'party-2'));
  assert.equal(a().length, 32);
});
