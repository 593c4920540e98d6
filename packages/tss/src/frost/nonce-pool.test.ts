/**
 * Nonce pool and single-use nonces (CRYPTO.md negative test 15): each nonce is handed out once,
 * spends itself on use, and is bound to its key share.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { FrostNonce, generateFrostNonce, spendNonce } from './nonce.js';
import { FrostNoncePool } from './nonce-pool.js';
import { FROST_SUITES } from './suite.js';
import { dealByDkg } from './testing/fixtures.js';

for (const suite of FROST_SUITES) {
  describe(`FrostNoncePool (${suite.name})`, () => {
    const shares = dealByDkg(suite, [1, 2, 3], 2, 'pool');
    const share = shares.get(1)!;

    test('generates distinct commitments and hands each nonce out exactly once', () => {
      const pool = new FrostNoncePool(share);
      const commitments = pool.generate(5, seededRng('pool-1'));
      assert.equal(pool.size, 5);
      assert.equal(new Set(commitments.map((c) => Buffer.from(c.hiding).toString('hex'))).size, 5);
      for (const c of commitments) {
        assert.equal(c.party, 1);
        suite.decodeElement(c.hiding, 'hiding');
        suite.decodeElement(c.binding, 'binding');
      }
      const nonce = pool.take(commitments[2]!);
      assert.ok(nonce instanceof FrostNonce);
      assert.deepEqual(nonce.commitment, commitments[2]);
      assert.equal(pool.size, 4);
      assert.equal(pool.has(commitments[2]!), false);
      assert.throws(() => pool.take(commitments[2]!), /not available/);
      assert.deepEqual(
        pool.commitments().map((c) => c.hiding),
        [0, 1, 3, 4].map((k) => commitments[k]!.hiding),
      );
    });

    test('an unknown or altered commitment is not in the pool', () => {
      const pool = new FrostNoncePool(share);
      const [c] = pool.generate(1, seededRng('pool-2'));
      assert.throws(() => pool.take({ ...c!, binding: c!.hiding }), /not available/);
      assert.throws(() => pool.take({ ...c!, party: 2 }), /not available/);
      assert.throws(() => pool.generate(0, seededRng('x')), RangeError);
    });

    test('a nonce spends itself once and wipes its secret', () => {
      const nonce = generateFrostNonce(share, seededRng('spend'));
      assert.equal(nonce.spent, false);
      const first = spendNonce(nonce, share);
      assert.equal(first.hiding.length, 32);
      assert.equal(nonce.spent, true);
      assert.throws(() => spendNonce(nonce, share), /already used/);
    });

    test('a nonce cannot be spent with another key share', () => {
      const nonce = generateFrostNonce(share, seededRng('bound'));
      assert.throws(() => spendNonce(nonce, shares.get(2)!), /another key share/);
      assert.equal(nonce.spent, false);
    });

    test('pool and nonces print no secrets', () => {
      const pool = new FrostNoncePool(share);
      pool.generate(2, seededRng('print'));
      const nonce = pool.take(pool.commitments()[0]!);
      for (const text of [
        String(pool),
        inspect(pool),
        String(nonce),
        JSON.stringify(nonce),
        inspect(nonce),
      ]) {
        assert.doesNotMatch(text, /[0-9a-f]{32}/);
      }
      assert.match(String(nonce), /<redacted>/);
    });
  });
}
