import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageMs, localStoredAt } from './freshness.js';

// Server clock far from the local one on purpose: only differences may matter.
const SERVER = 1_700_000_000_000;

test('a live entry is as old as the time since it arrived', () => {
  const e = { storedAtMs: SERVER, receivedAtMs: 50 };
  assert.equal(ageMs(e, e, 50), 0);
  assert.equal(ageMs(e, e, 1_050), 1_000);
});

test('a replayed entry is aged by the server-clock gap to the last arrival', () => {
  // Both arrive in the same replay at local time 10; the dead node's value was stored 9 s earlier.
  const dead = { storedAtMs: SERVER - 9_000, receivedAtMs: 10 };
  const live = { storedAtMs: SERVER, receivedAtMs: 10 };
  assert.equal(localStoredAt(dead, live), 10 - 9_000);
  assert.equal(ageMs(dead, live, 10), 9_000);
  assert.equal(ageMs(live, live, 10), 0);
});

test('two live entries agree with their arrival times', () => {
  const a = { storedAtMs: SERVER, receivedAtMs: 100 };
  const b = { storedAtMs: SERVER + 2_000, receivedAtMs: 2_101 };
  assert.equal(ageMs(a, b, 3_000), 2_900);
});

test('a server clock stepped back never makes an entry fresher than its arrival', () => {
  const a = { storedAtMs: SERVER, receivedAtMs: 100 };
  const stepped = { storedAtMs: SERVER - 60_000, receivedAtMs: 200 };
  assert.equal(localStoredAt(a, stepped), 100);
  assert.equal(ageMs(stepped, stepped, 300), 100);
});
