import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Transcript } from './transcript.js';

const ctx = { sessionId: new Uint8Array(32).fill(7), prover: 1 };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('Fiat-Shamir transcript (CRYPTO.md item 6)', () => {
  test('distinct statements give distinct encodings, including boundary shifts', () => {
    const encodings = [
      Transcript.start('t', ctx).bytes('a', Uint8Array.of(1, 2)).bytes('b', Uint8Array.of(3)),
      Transcript.start('t', ctx).bytes('a', Uint8Array.of(1)).bytes('b', Uint8Array.of(2, 3)),
      Transcript.start('t', ctx).bytes('ab', Uint8Array.of(1, 2, 3)),
      Transcript.start('t', ctx).int('x', 5n),
      Transcript.start('t', ctx).int('x', -5n),
      Transcript.start('t', ctx).int('x', 0n),
      Transcript.start('t', ctx).u32('x', 5),
      Transcript.start('t', { ...ctx, prover: 2 }).int('x', 5n),
      Transcript.start('t', { ...ctx, sessionId: new Uint8Array(32) }).int('x', 5n),
      Transcript.start('u', ctx).int('x', 5n),
      Transcript.start('t', ctx).ints('v', [1n, 23n]),
      Transcript.start('t', ctx).ints('v', [12n, 3n]),
    ].map((t) => hex(t.encoding()));
    assert.equal(new Set(encodings).size, encodings.length);
  });

  test('challenges are deterministic and bound to every field', () => {
    const c = () =>
      Transcript.start('t', ctx)
        .int('x', 5n)
        .challengeBelow('e', 2n ** 256n);
    assert.equal(c(), c());
    assert.notEqual(
      c(),
      Transcript.start('t', ctx)
        .int('x', 6n)
        .challengeBelow('e', 2n ** 256n),
    );
  });

  test('successive challenges differ; signed challenges stay in range', () => {
    const t = Transcript.start('t', ctx);
    const q = 2n ** 252n + 27742317777372353535851937790883648493n;
    const seen = new Set<bigint>();
    for (let i = 0; i < 200; i++) {
      const e = t.challengeSigned('e', q);
      assert.ok(e >= -q && e <= q);
      seen.add(e);
    }
    assert.equal(seen.size, 200);
    assert.equal(t.challengeBits('bits', 80).length, 80);
  });

  test('absorbing after squeezing is refused', () => {
    const t = Transcript.start('t', ctx);
    t.challengeBytes('e', 8);
    assert.throws(() => t.int('late', 1n), /absorb after squeeze/);
  });
});
