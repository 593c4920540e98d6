/**
 * Presignatures as values: single use by construction (CRYPTO.md item 15), the take-once pool,
 * the storage encoding (strict parse that re-checks every relation), and redaction.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { EcdsaPresignatureSchema } from '@mpcium/proto';
import { seededRng } from '@mpcium/tss-sim';
import { bytesToHex, concatBytes } from '@noble/curves/utils.js';
import { dealEcdsaKey } from '../testing/ecdsa-dealer.js';
import { dealPresignatures } from '../testing/ecdsa-presign-dealer.js';
import { encodePoint, encodeScalar, Point } from '../zk/sch-group.js';
import { Presignature, spendPresignature } from './presignature.js';
import { encodePresignature, parsePresignature } from './presignature-codec.js';
import { PresignaturePool } from './presignature-pool.js';

const key = dealEcdsaKey([1, 2, 3], 2, seededRng('presignature/key'));
const rng = seededRng('presignature/dealer');
const deal = () => dealPresignatures(key, [1, 3], rng, { keyVersion: 7 });

/** Re-encodes stored bytes after `edit` changes the decoded message. */
function edited(bytes: Uint8Array, edit: (m: ReturnType<typeof decode>) => void): Uint8Array {
  const m = decode(bytes);
  edit(m);
  return toBinary(EcdsaPresignatureSchema, m);
}
const decode = (bytes: Uint8Array) => fromBinary(EcdsaPresignatureSchema, bytes);

describe('Presignature', () => {
  test('is spent exactly once and wipes its secrets', () => {
    const p = deal().get(1)!;
    assert.equal(p.spent, false);
    const first = spendPresignature(p);
    assert.ok(first.k > 0n && first.chi > 0n);
    assert.equal(p.spent, true);
    assert.throws(() => spendPresignature(p), /already used/);
    assert.throws(() => encodePresignature(p), /already used/);
    const q = deal().get(3)!;
    q.discard();
    assert.equal(q.spent, true);
    assert.throws(() => spendPresignature(q), /already used/);
  });

  test('storage encoding round-trips into an equal, live presignature', () => {
    const p = deal().get(3)!;
    const bytes = encodePresignature(p);
    const back = parsePresignature(bytes);
    assert.ok(back instanceof Presignature);
    assert.deepEqual(back.id, p.id);
    assert.ok(back.R.equals(p.R));
    assert.deepEqual(back.signers, [1, 3]);
    assert.equal(back.keyVersion, 7);
    for (const j of [1, 3]) {
      assert.ok(back.commitment(j).Delta.equals(p.commitment(j).Delta));
      assert.ok(back.commitment(j).S.equals(p.commitment(j).S));
    }
    assert.deepEqual(encodePresignature(back), bytes, 'one encoding per presignature');
    assert.deepEqual(spendPresignature(back), spendPresignature(p));
  });

  test('parsing refuses tampered or malformed storage', () => {
    const p = deal().get(1)!;
    const bytes = encodePresignature(p);
    const bump = (b: Uint8Array) => {
      const c = Uint8Array.from(b);
      c[31] = c[31]! ^ 1;
      return c;
    };
    const G = encodePoint(Point.BASE);
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'k_i changed',
        edited(bytes, (m) => {
          m.kShare = bump(m.kShare);
        }),
        /k_i does not match Delta_i/,
      ],
      [
        'chi_i changed',
        edited(bytes, (m) => {
          m.chiShare = bump(m.chiShare);
        }),
        /chi_i does not match/,
      ],
      [
        'id changed',
        edited(bytes, (m) => {
          m.id = bump(m.id);
        }),
        /id does not match/,
      ],
      [
        'key version changed',
        edited(bytes, (m) => {
          m.keyVersion = 8;
        }),
        /id does not match/,
      ],
      [
        'peer S_j changed',
        edited(bytes, (m) => {
          m.commitments[1]!.chiPoint = G;
        }),
        /sum S_j != delta\*X/,
      ],
      [
        'peer Delta_j changed',
        edited(bytes, (m) => {
          m.commitments[1]!.deltaPoint = G;
        }),
        /delta\*G/,
      ],
      [
        'delta changed',
        edited(bytes, (m) => {
          m.delta = encodeScalar(5n);
        }),
        /delta\*G/,
      ],
      [
        'party not a signer',
        edited(bytes, (m) => {
          m.party = 2;
        }),
        /not a participant/,
      ],
      [
        'one signer',
        edited(bytes, (m) => {
          m.commitments.pop();
        }),
        /at least 2 parties/,
      ],
      [
        'commitments out of order',
        edited(bytes, (m) => {
          m.commitments.reverse();
        }),
        /ascending/,
      ],
      [
        'k_i = 0',
        edited(bytes, (m) => {
          m.kShare = new Uint8Array(32);
        }),
        /zero/,
      ],
      [
        'short session id',
        edited(bytes, (m) => {
          m.sessionId = new Uint8Array(31);
        }),
        /32 bytes/,
      ],
      ['unknown field', concatBytes(bytes, Uint8Array.of(0xa0, 0x06, 0x01)), /non-canonical|malformed/],
      ['truncated', bytes.subarray(0, bytes.length - 3), /malformed|expected|not a valid/],
    ];
    for (const [name, tampered, pattern] of cases) {
      assert.throws(() => parsePresignature(tampered), pattern, name);
    }
    assert.equal(p.spent, false, 'encoding does not spend');
  });

  test('prints no secrets', () => {
    const p = deal().get(1)!;
    const bytes = encodePresignature(p);
    const m = decode(bytes);
    const secrets = [bytesToHex(m.kShare), bytesToHex(m.chiShare)];
    for (const text of [String(p), JSON.stringify(p), inspect(p, { depth: 10, showHidden: true })]) {
      assert.match(text, /<redacted>/);
      for (const s of secrets) assert.ok(!text.includes(s));
    }
    assert.match(String(p), /key version 7/);
    spendPresignature(p);
    assert.match(String(p), /spent/);
  });
});

describe('PresignaturePool', () => {
  test('hands each presignature out once', () => {
    const pool = new PresignaturePool();
    const items = [deal().get(1)!, deal().get(1)!, deal().get(1)!];
    for (const p of items) pool.add(p);
    assert.equal(pool.size, 3);
    assert.throws(() => pool.add(items[0]!), /already in the pool/);
    assert.deepEqual(
      pool.ids().map(bytesToHex),
      items.map((p) => bytesToHex(p.id)),
    );
    assert.equal(pool.take(items[1]!.id), items[1]);
    assert.equal(pool.has(items[1]!.id), false);
    assert.throws(() => pool.take(items[1]!.id), /not available/);
    assert.throws(() => pool.take(new Uint8Array(32)), /not available/);
    assert.equal(pool.size, 2);
    assert.match(String(pool), /2 available/);
  });

  test('refuses spent presignatures and foreign objects', () => {
    const pool = new PresignaturePool();
    const p = deal().get(3)!;
    p.discard();
    assert.throws(() => pool.add(p), /already used/);
    assert.throws(() => pool.add({} as Presignature), /validated Presignature/);
  });
});
