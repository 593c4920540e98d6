import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeSlots } from './node-slots.js';

test('at most perNode sessions per node; waiters served in order with all their slots', async () => {
  const slots = new NodeSlots(2);
  const r1 = await slots.acquire(['a', 'b']);
  const r2 = await slots.acquire(['a', 'c']);
  assert.equal(slots.inUse('a'), 2);
  const order: string[] = [];
  const noted = (name: string) => (release: () => void) => {
    order.push(name);
    return release;
  };
  const third = slots.acquire(['a', 'b']).then(noted('third'));
  const fourth = slots.acquire(['b', 'c']).then(noted('fourth'));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(order, [], 'node a is full, and the fourth waits behind the third');
  r1();
  r1(); // releasing twice gives back nothing more
  const r3 = await third;
  const r4 = await fourth;
  assert.deepEqual(order, ['third', 'fourth']);
  assert.deepEqual([slots.inUse('a'), slots.inUse('b'), slots.inUse('c')], [2, 2, 2]);
  for (const r of [r2, r3, r4]) r();
  assert.deepEqual([slots.inUse('a'), slots.inUse('b'), slots.inUse('c')], [0, 0, 0]);
  assert.throws(() => new NodeSlots(0), RangeError);
});
