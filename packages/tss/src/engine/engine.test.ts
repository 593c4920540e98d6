import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { assertParties, assertThreshold, others } from './parties.js';
import { REDACTED, redacted, SecretBytes } from './secret.js';
import { abort, broadcastTo, type MessageSpec, sendTo } from './types.js';

describe('parties and thresholds', () => {
  test('party lists are sorted, distinct, positive and contain self', () => {
    assert.deepEqual(assertParties([3, 1, 2], 2), [1, 2, 3]);
    assert.throws(() => assertParties([1, 1, 2], 1), /duplicate/);
    assert.throws(() => assertParties([0, 1], 1), /invalid party index 0/);
    assert.throws(() => assertParties([1, 2.5], 1), /invalid party index/);
    assert.throws(() => assertParties([1, 2], 3), /not a participant/);
    assert.throws(() => assertParties([1], 1), /at least 2/);
    assert.deepEqual(others([1, 2, 3], 2), [1, 3]);
  });

  test('threshold must satisfy floor(n/2)+1 <= t <= n', () => {
    for (const [t, n] of [
      [2, 2],
      [2, 3],
      [3, 4],
      [3, 5],
      [4, 7],
      [7, 7],
    ])
      assertThreshold(t!, n!);
    for (const [t, n] of [
      [1, 2],
      [1, 3],
      [2, 4],
      [3, 6],
      [4, 3],
      [0, 2],
      [2, 1],
    ]) {
      assert.throws(() => assertThreshold(t!, n!), RangeError, `t=${t} n=${n}`);
    }
  });
});

describe('secrets redact themselves', () => {
  test('SecretBytes never prints its bytes', () => {
    const s = new SecretBytes(Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
    for (const text of [String(s), JSON.stringify({ s }), inspect(s), `${s}`, inspect({ nested: { s } })]) {
      assert.ok(!/dead|beef|222|173/.test(text), text);
      assert.ok(text.includes(REDACTED), text);
    }
    assert.deepEqual(s.expose(), Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
    s.wipe();
    assert.throws(() => s.expose(), /wiped/);
  });

  test('redacted() hides every field of an object', () => {
    const share = redacted({ secret: 123456789n }, 'Share');
    assert.equal(String(share), `Share(${REDACTED})`);
    assert.equal(JSON.stringify(share), `"Share(${REDACTED})"`);
    assert.ok(!inspect(share).includes('123456789'));
  });
});

describe('messages', () => {
  const spec: MessageSpec<Uint8Array> = {
    name: 't',
    kind: 'broadcast',
    reliable: false,
    encode: (m) => m,
    decode: (b) => b,
  };
  test('broadcast and p2p helpers refuse the wrong kind', () => {
    assert.equal(broadcastTo(spec, Uint8Array.of(1)).to, null);
    assert.throws(() => sendTo(spec, 2, Uint8Array.of(1)), /not a point-to-point/);
  });
  test('abort sorts and de-duplicates culprits', () => {
    assert.deepEqual(abort([3, 1, 3], 'x').culprits, [1, 3]);
  });
});
