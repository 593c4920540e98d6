import assert from 'node:assert/strict';
import { checkPrimeSync } from 'node:crypto';
import { test } from 'node:test';
import { PrimePool } from './prime-pool.js';

test('the pool fills in the background with distinct safe primes ≡ 3 mod 4, each handed out once', async () => {
  const pool = new PrimePool({ bits: 256, size: 3 });
  const primes = await Promise.all(Array.from({ length: 6 }, () => pool.take()));
  assert.equal(new Set(primes).size, primes.length);
  for (const p of primes) {
    assert.equal(p.toString(2).length, 256);
    assert.equal(p % 4n, 3n);
    assert.ok(checkPrimeSync(p) && checkPrimeSync((p - 1n) / 2n), 'safe prime');
  }
  // It refills to its size after being drained.
  for (let i = 0; i < 200 && pool.available < 3; i++) await new Promise((r) => setTimeout(r, 25));
  assert.equal(pool.available, 3);
  pool.close();
  await assert.rejects(pool.take(), /closed/);
});

test('closing fails pending takes', async () => {
  const pool = new PrimePool({ bits: 1024, size: 1, concurrency: 1 });
  const pending = [pool.take(), pool.take(), pool.take()];
  pool.close();
  for (const p of pending.slice(1)) await assert.rejects(p, /closed/);
  await Promise.allSettled(pending);
});
