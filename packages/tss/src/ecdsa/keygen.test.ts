/**
 * Threshold ECDSA key generation (cggmp21 spec/main.tex, "Threshold Key Generation") through
 * the simulator: every message crosses the session driver in its protobuf wire form, with
 * seeded randomness. Independent check: any `threshold` shares interpolate (by our Lagrange
 * coefficients, checked against noble's secp256k1) to the secret key of the public key.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { EcdsaKeygenRound1Schema, EcdsaKeyShareSchema } from '@mpcium/proto';
import { childSeed, equivocate, outputs, simulate, stall } from '@mpcium/tss-sim';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, equalBytes } from '@noble/curves/utils.js';
import type { PartyIndex } from '../engine/index.js';
import { mod } from '../math/modular.js';
import { STANDARD_PROFILE, STRONG_PROFILE } from '../paillier/profiles.js';
import { CURVE_ORDER, Point } from '../zk/sch-group.js';
import { auxInfoSid } from './aux-info-gen-context.js';
import { EcdsaKeyShare } from './key-share.js';
import { encodeEcdsaKeyShare, parseEcdsaKeyShare } from './key-share-codec.js';
import { ECDSA_KEYGEN_PROTOCOL, startEcdsaKeygen } from './keygen.js';
import { keygenCommitment, keygenSid } from './keygen-context.js';
import { lagrangeAt } from './lagrange.js';

function keygen(parties: PartyIndex[], threshold: number, seed: string, extra: object = {}) {
  const sessionId = childSeed(seed, 'session-id');
  return simulate({
    protocol: ECDSA_KEYGEN_PROTOCOL,
    parties,
    seed,
    start: (self, rng) => startEcdsaKeygen({ self, parties, threshold, sessionId }, rng),
    ...extra,
  });
}

/** Every subset of `items` of size k. */
function subsets<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [head, ...rest] = items;
  return [...subsets(rest, k - 1).map((s) => [head!, ...s]), ...subsets(rest, k)];
}

const CASES: [number, PartyIndex[]][] = [
  [2, [1, 2]],
  [2, [1, 2, 3]],
  [3, [1, 2, 3, 4, 5]],
];

describe('ECDSA threshold key generation', () => {
  for (const [t, parties] of CASES) {
    test(`${t}-of-${parties.length}: one public key, shares on one polynomial, protobuf round trip`, async () => {
      const shares = outputs(await keygen(parties, t, `keygen/${t}-of-${parties.length}`));
      const first = shares.get(1)!;
      for (const [p, share] of shares) {
        assert.ok(share instanceof EcdsaKeyShare);
        assert.equal(share.party, p);
        assert.equal(share.threshold, t);
        assert.deepEqual(share.parties, parties);
        assert.ok(equalBytes(share.publicKey, first.publicKey));
        for (const j of parties) assert.ok(share.publicShare(j).equals(first.publicShare(j)));
        // Storage round trip: same share, same bytes.
        const bytes = encodeEcdsaKeyShare(share);
        const back = parseEcdsaKeyShare(bytes);
        assert.ok(equalBytes(back.publicKey, share.publicKey));
        assert.ok(equalBytes(back.secretShare.expose(), share.secretShare.expose()));
        assert.deepEqual(encodeEcdsaKeyShare(back), bytes);
      }
      // Any t shares reconstruct x with x*G = X (noble's own point arithmetic and encoding).
      const X = secp256k1.Point.fromBytes(first.publicKey);
      for (const set of subsets(parties, t)) {
        const x = set.reduce(
          (acc, j) => mod(acc + lagrangeAt(set, j) * shares.get(j)!.secretScalar(), CURVE_ORDER),
          0n,
        );
        assert.ok(secp256k1.Point.BASE.multiply(x).equals(X), `set ${set}`);
        assert.ok(equalBytes(secp256k1.getPublicKey(secp256k1.Point.Fn.toBytes(x), true), first.publicKey));
      }
      // Fewer than t shares do not: t-1 of them interpolate to something else.
      const short = parties.slice(0, t - 1);
      const wrong = short.reduce(
        (acc, j) => mod(acc + lagrangeAt(short, j) * shares.get(j)!.secretScalar(), CURVE_ORDER),
        0n,
      );
      assert.ok(wrong === 0n || !secp256k1.Point.BASE.multiply(wrong).equals(X));
    });
  }

  test('the storage form is parsed strictly and validated; secrets never printed', async () => {
    const shares = outputs(await keygen([1, 2, 3], 2, 'keygen/codec'));
    const share = shares.get(2)!;
    const bytes = encodeEcdsaKeyShare(share);
    const secretHex = bytesToHex(share.secretShare.expose());
    const edit = (f: (m: ReturnType<typeof fromBinary<typeof EcdsaKeyShareSchema>>) => void) => {
      const m = fromBinary(EcdsaKeyShareSchema, bytes);
      f(m);
      return toBinary(EcdsaKeyShareSchema, m);
    };
    const rejects = (b: Uint8Array, re: RegExp) =>
      assert.throws(
        () => parseEcdsaKeyShare(b),
        (e: Error) => re.test(e.message) && !e.message.includes(secretHex),
      );
    rejects(
      edit((m) => {
        m.secretShare = shares.get(1)!.secretShare.expose();
      }),
      /does not match our public share/,
    );
    rejects(
      edit((m) => {
        m.publicShares.reverse();
      }),
      /ascending/,
    );
    rejects(
      edit((m) => {
        m.threshold = 1;
      }),
      /threshold/,
    );
    rejects(
      edit((m) => {
        m.publicShares[2]!.point = m.publicShares[1]!.point;
      }),
      /not on the degree-1 polynomial|interpolate/,
    );
    rejects(
      edit((m) => {
        m.publicKey = new Uint8Array(33);
      }),
      /public key/,
    );
    rejects(Uint8Array.of(...bytes, 0), /malformed|non-canonical/);
    for (const text of [String(share), JSON.stringify({ share }), inspect(share)]) {
      assert.ok(!text.includes(secretHex), text);
      assert.match(text, /<redacted>/);
    }
  });

  test('round 1 is a reliable broadcast; rounds redact their secrets', () => {
    const step = startEcdsaKeygen(
      { self: 1, parties: [1, 2, 3], threshold: 2, sessionId: new Uint8Array(32) },
      () => new Uint8Array(32).fill(7),
    );
    assert.equal(step.kind, 'next');
    if (step.kind !== 'next') return;
    assert.equal(step.round.broadcast?.reliable, true);
    assert.equal(step.round.broadcast?.kind, 'broadcast');
    assert.equal(String(step.round), 'KeygenRound1(<redacted>)');
    assert.equal(JSON.stringify(step.round), '"KeygenRound1(<redacted>)"');
    assert.ok(!inspect(step.round).includes('SecretBytes'));
  });

  test('CRYPTO.md item 6: sids and commitments separate sessions, protocols, parties and thresholds', () => {
    const id = new Uint8Array(32);
    const other = new Uint8Array(32).fill(1);
    const sids = [
      keygenSid(id, [1, 2, 3], 2),
      keygenSid(other, [1, 2, 3], 2),
      keygenSid(id, [1, 2, 3], 3),
      keygenSid(id, [1, 2, 4], 2),
      keygenSid(id, [1, 2], 2),
      auxInfoSid(id, STANDARD_PROFILE, [1, 2, 3]),
      auxInfoSid(id, STRONG_PROFILE, [1, 2, 3]),
    ].map(bytesToHex);
    assert.equal(new Set(sids).size, sids.length);
    const G = Point.BASE;
    const m = { rid: new Uint8Array(32), vss: [G, G.double()], A: G.multiply(3n), u: new Uint8Array(32) };
    const sid = keygenSid(id, [1, 2, 3], 2);
    const commitments = [
      keygenCommitment(sid, 2, m),
      keygenCommitment(sid, 3, m),
      keygenCommitment(keygenSid(other, [1, 2, 3], 2), 2, m),
      keygenCommitment(sid, 2, { ...m, vss: [G], A: G.double() }),
      keygenCommitment(sid, 2, { ...m, vss: [G, G.double(), G.multiply(3n)] }),
      keygenCommitment(sid, 2, { ...m, u: new Uint8Array(32).fill(1) }),
    ].map(bytesToHex);
    assert.equal(new Set(commitments).size, commitments.length);
  });

  test('parameters: duplicate or zero identifiers, bad thresholds and session ids are refused', () => {
    const sessionId = new Uint8Array(32);
    const rng = () => new Uint8Array(32).fill(1);
    const go = (parties: number[], threshold: number, self = 1, id = sessionId) =>
      startEcdsaKeygen({ self, parties, threshold, sessionId: id }, rng);
    assert.throws(() => go([1, 1, 2], 2), /duplicate/);
    assert.throws(() => go([0, 1, 2], 2), /invalid party index 0/);
    assert.throws(() => go([2, 3], 2, 1), /not a participant/);
    assert.throws(() => go([1, 2, 3], 1), /threshold/);
    assert.throws(() => go([1, 2, 3, 4], 2), /threshold/);
    assert.throws(() => go([1, 2, 3], 4), /threshold/);
    assert.throws(() => go([1, 2, 3], 2, 1, new Uint8Array(16)), /sessionId/);
  });
});

describe('ECDSA key generation: session-level failures', () => {
  test('CRYPTO.md item 12: a party that equivocates on its round-1 commitment is named', async () => {
    const flip = (payload: Uint8Array) => {
      const m = fromBinary(EcdsaKeygenRound1Schema, Uint8Array.from(payload));
      m.commitment[5]! ^= 0x10;
      return toBinary(EcdsaKeygenRound1Schema, m);
    };
    const sim = await keygen([1, 2, 3, 4], 3, 'keygen/equivocation', {
      adversary: equivocate(2, 1, [3, 4], flip),
    });
    for (const honest of [1, 3, 4]) {
      const r = sim.results.get(honest)!;
      assert.equal(r.kind, 'abort', `party ${honest}`);
      if (r.kind === 'abort') {
        assert.deepEqual(r.culprits, [2]);
        assert.match(r.reason, /equivocation in round 1/);
      }
    }
  });

  test('CRYPTO.md item 13: a stalled party times out with its name', async () => {
    const sim = await keygen([1, 2, 3], 2, 'keygen/stall', { adversary: stall(3, 2), roundTimeoutMs: 150 });
    for (const honest of [1, 2]) {
      assert.deepEqual(sim.results.get(honest), { kind: 'timeout', round: 2, missing: [3] });
    }
  });
});
