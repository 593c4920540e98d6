/**
 * Strict element and scalar decoding (RFC 9591 section 3.1; CRYPTO.md negative test 9) and the
 * strictness of each wire message's decoder.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { FrostDkgRound1Schema, FrostSignRound1Schema } from '@mpcium/proto';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/curves/utils.js';
import { dkgRound1Spec, dkgRound2Spec } from './dkg-messages.js';
import { signRound1Spec, signRound2Spec } from './sign-messages.js';
import { FROST_ED25519, FROST_SUITES, FROST_TAPROOT, frostIdentifier, frostSuiteFromProto } from './suite.js';

const G_ED = ed25519.Point.BASE.toBytes();
const G_K1 = secp256k1.Point.BASE.toBytes(true);

describe('Ed25519 element decoding', () => {
  const decode = (hex: string) => FROST_ED25519.decodeElement(hexToBytes(hex), 'element');

  test('accepts the base point and round-trips it', () => {
    assert.equal(bytesToHex(FROST_ED25519.decodeElement(G_ED, 'G').toBytes()), bytesToHex(G_ED));
  });

  test('rejects the identity', () => {
    assert.throws(() => decode(`01${'00'.repeat(31)}`), /identity/);
  });

  test('rejects every small-order point', () => {
    for (const hex of ED25519_TORSION_SUBGROUP) assert.throws(() => decode(hex), TypeError, hex);
  });

  test('rejects a mixed-order point (base plus a torsion point)', () => {
    const t = ed25519.Point.fromHex(ED25519_TORSION_SUBGROUP[1]!);
    const mixed = ed25519.Point.BASE.add(t).toBytes();
    assert.throws(() => FROST_ED25519.decodeElement(mixed, 'mixed'), /prime-order subgroup/);
  });

  test('rejects non-canonical encodings: y >= p, and x = 0 with the sign bit', () => {
    // y = p (encodes 0 non-canonically) and y = p + 1 (the identity, non-canonically).
    assert.throws(() => decode(`ed${'ff'.repeat(30)}7f`), TypeError);
    assert.throws(() => decode(`ee${'ff'.repeat(30)}7f`), TypeError);
    // The identity with the sign bit set (x = 0, x_0 = 1).
    assert.throws(() => decode(`01${'00'.repeat(30)}80`), TypeError);
  });

  test('rejects off-curve y and wrong lengths', () => {
    // y = 2 has no x on edwards25519.
    assert.throws(() => decode(`02${'00'.repeat(31)}`), /not a valid/);
    assert.throws(() => FROST_ED25519.decodeElement(G_ED.subarray(1), 'short'), /expected 32 bytes/);
    assert.throws(
      () => FROST_ED25519.decodeElement(concatBytes(G_ED, Uint8Array.of(0)), 'long'),
      /expected 32/,
    );
  });
});

describe('secp256k1 element decoding', () => {
  const decode = (hex: string) => FROST_TAPROOT.decodeElement(hexToBytes(hex), 'element');

  test('accepts compressed points only', () => {
    assert.equal(bytesToHex(FROST_TAPROOT.decodeElement(G_K1, 'G').toBytes()), bytesToHex(G_K1));
    assert.throws(() => FROST_TAPROOT.decodeElement(secp256k1.Point.BASE.toBytes(false), 'uncompressed'));
    assert.throws(() => decode(`04${bytesToHex(G_K1.subarray(1))}`), /compressed/);
  });

  test('rejects the identity, off-curve x and x >= p', () => {
    assert.throws(() => decode('00'), TypeError);
    assert.throws(() => decode(`02${'00'.repeat(32)}`), TypeError);
    // x = 5 is not on secp256k1 (5^3 + 7 = 132 is a non-residue mod p).
    assert.throws(() => decode(`02${'00'.repeat(31)}05`), /not a valid/);
    assert.throws(() => decode(`02${'ff'.repeat(32)}`), /not a valid/);
    // x = p + 1 would reduce to a valid x = 1 if the decoder reduced mod p.
    assert.throws(
      () => decode('02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc30'),
      TypeError,
    );
  });
});

describe('scalar decoding', () => {
  for (const suite of FROST_SUITES) {
    test(`${suite.name}: rejects scalars >= the group order and wrong lengths`, () => {
      const Fn = suite.frost.utils.Fn;
      const order = Fn.ORDER;
      const enc = (n: bigint) => {
        const be = hexToBytes(n.toString(16).padStart(64, '0'));
        return suite === FROST_ED25519 ? be.reverse() : be;
      };
      assert.equal(suite.decodeScalar(enc(order - 1n), 's'), order - 1n);
      assert.throws(() => suite.decodeScalar(enc(order), 's'), /order/);
      assert.throws(() => suite.decodeScalar(enc(order + 1n), 's'), /order/);
      assert.throws(() => suite.decodeScalar(new Uint8Array(31), 's'), /32 bytes/);
    });
  }
});

describe('suite metadata', () => {
  test('proto values map back to the suites; identifiers are the party index', () => {
    for (const suite of FROST_SUITES) assert.equal(frostSuiteFromProto(suite.proto), suite);
    assert.throws(() => frostSuiteFromProto(0), /unknown/);
    assert.equal(frostIdentifier(FROST_ED25519, 1), `01${'00'.repeat(31)}`);
    assert.equal(frostIdentifier(FROST_TAPROOT, 1), `${'00'.repeat(31)}01`);
    assert.throws(() => frostIdentifier(FROST_TAPROOT, 0), RangeError);
  });
});

describe('wire message decoders', () => {
  for (const suite of FROST_SUITES) {
    const G = suite === FROST_ED25519 ? G_ED : G_K1;
    const proof = new Uint8Array(64);
    proof.set(suite === FROST_ED25519 ? G_ED : G_K1.subarray(1), 0);

    test(`${suite.name}: DKG round 1 needs exactly threshold valid commitments and a well-formed proof`, () => {
      const spec = dkgRound1Spec(suite, 2);
      assert.equal(spec.reliable, true);
      const ok = spec.encode({ commitment: [G, G], proofOfKnowledge: proof });
      assert.equal(spec.decode(ok).commitment.length, 2);
      assert.throws(
        () => spec.decode(spec.encode({ commitment: [G], proofOfKnowledge: proof })),
        /expected 2/,
      );
      assert.throws(
        () => spec.decode(spec.encode({ commitment: [G, G, G], proofOfKnowledge: proof })),
        /expected 2/,
      );
      const identity = suite === FROST_ED25519 ? hexToBytes(`01${'00'.repeat(31)}`) : new Uint8Array(33);
      assert.throws(() => spec.decode(spec.encode({ commitment: [G, identity], proofOfKnowledge: proof })));
      assert.throws(() =>
        spec.decode(spec.encode({ commitment: [G, G], proofOfKnowledge: proof.subarray(1) })),
      );
    });

    test(`${suite.name}: malformed, trailing-garbage and unknown-field protobufs are rejected`, () => {
      const spec = dkgRound1Spec(suite, 2);
      const ok = spec.encode({ commitment: [G, G], proofOfKnowledge: proof });
      assert.throws(() => spec.decode(ok.subarray(0, ok.length - 1)), /malformed/);
      assert.throws(() => spec.decode(concatBytes(ok, Uint8Array.of(0x98, 0x01, 0x01))), /unknown fields/);
      assert.throws(() => spec.decode(Uint8Array.of(0xff, 0xff)), /malformed/);
      const unordered = toBinary(
        FrostDkgRound1Schema,
        create(FrostDkgRound1Schema, { proofOfKnowledge: proof }),
      );
      assert.throws(
        () =>
          spec.decode(
            concatBytes(
              unordered,
              toBinary(FrostDkgRound1Schema, create(FrostDkgRound1Schema, { commitment: [G, G] })),
            ),
          ),
        /non-canonical/,
      );
    });

    test(`${suite.name}: DKG round 2 share must be a canonical scalar`, () => {
      const spec = dkgRound2Spec(suite);
      assert.throws(() => spec.decode(Uint8Array.of(0x0a, 0x01, 0x01)), /32 bytes/);
      assert.throws(() => spec.decode(Uint8Array.of(0x0a, 0x20, ...new Uint8Array(32).fill(0xff))), /order/);
    });

    test(`${suite.name}: signing messages validate commitments and shares`, () => {
      const r1 = signRound1Spec(suite);
      assert.equal(r1.reliable, true);
      const msg = r1.decode(r1.encode({ commitment: { party: 2, hiding: G, binding: G } }));
      assert.equal(msg.commitment.party, 2);
      assert.throws(
        () => r1.decode(toBinary(FrostSignRound1Schema, create(FrostSignRound1Schema, {}))),
        /missing/,
      );
      assert.throws(() => r1.decode(r1.encode({ commitment: { party: 0, hiding: G, binding: G } })), /party/);
      assert.throws(() =>
        r1.decode(r1.encode({ commitment: { party: 2, hiding: G, binding: G.subarray(1) } })),
      );
      const r2 = signRound2Spec(suite);
      const commitmentListDigest = new Uint8Array(32);
      assert.throws(
        () => r2.decode(r2.encode({ signatureShare: new Uint8Array(31), commitmentListDigest })),
        /32 bytes/,
      );
      assert.throws(
        () => r2.decode(r2.encode({ signatureShare: new Uint8Array(32).fill(0xff), commitmentListDigest })),
        /order/,
      );
      const z = new Uint8Array(32).fill(1);
      assert.throws(
        () => r2.decode(r2.encode({ signatureShare: z, commitmentListDigest: new Uint8Array(31) })),
        /commitment_list_digest/,
      );
    });
  }
});

describe('Ed25519 suite verify (OpenSSL) agrees with strict noble verification', () => {
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  test('valid, altered, malleated (S + L) and wrong-key signatures', () => {
    for (let k = 0; k < 20; k++) {
      const secret = ed25519.utils.randomSecretKey();
      const pk = ed25519.getPublicKey(secret);
      const msg = crypto.getRandomValues(new Uint8Array(k * 5));
      const sig = ed25519.sign(msg, secret);
      const altered = Uint8Array.from(sig);
      altered[k % 64]! ^= 0x40;
      let s = 0n;
      for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
      const malleated = Uint8Array.from(sig);
      for (let i = 0; i < 32; i++) malleated[32 + i] = Number(((s + L) >> BigInt(8 * i)) & 0xffn);
      const other = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
      for (const [candidate, key] of [
        [sig, pk],
        [altered, pk],
        [malleated, pk],
        [sig, other],
      ] as const) {
        assert.equal(
          FROST_ED25519.verify(candidate, msg, key),
          ed25519.verify(candidate, msg, key, { zip215: false }),
        );
      }
      assert.equal(FROST_ED25519.verify(sig, msg, pk), true);
      assert.equal(FROST_ED25519.verify(sig.subarray(1), msg, pk), false);
    }
  });
});
