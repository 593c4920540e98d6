import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruMap } from './lru.js';

describe('LruMap', () => {
  it('evicts the least recently used entry', () => {
    const m = new LruMap<bigint, string>(2);
    m.set(1n, 'a');
    m.set(2n, 'b');
    assert.equal(m.get(1n), 'a');
    m.set(3n, 'c');
    assert.equal(m.has(2n), false);
    assert.equal(m.get(1n), 'a');
    assert.equal(m.get(3n), 'c');
    assert.equal(m.size, 2);
  });

  it('keys bigints by value and overwrites in place', () => {
    const m = new LruMap<bigint, number>(3);
    m.set(1n << 2000n, 1);
    m.set(1n << 2000n, 2);
    assert.equal(m.size, 1);
    assert.equal(m.get(2n ** 2000n), 2);
    m.clear();
    assert.equal(m.size, 0);
  });

  it('rejects a non-positive size', () => {
    assert.throws(() => new LruMap(0), RangeError);
  });
});
