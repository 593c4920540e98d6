/**
 * Key-share validation: a `FrostKeyShare` exists only after every check passed, it survives its
 * storage encoding, and it never prints its secret.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { FrostKeyShareSchema, FrostSuite as FrostSuiteProto, FrostVerifyingShareSchema } from '@mpcium/proto';
import { bytesToHex, concatBytes, equalBytes } from '@noble/curves/utils.js';
import { encodeFrostKeyShare, FrostKeyShare, parseFrostKeyShare } from './key-share.js';
import { FROST_ED25519, FROST_SUITES, FROST_TAPROOT } from './suite.js';
import { dealByDkg } from './testing/fixtures.js';

for (const suite of FROST_SUITES) {
  describe(`FrostKeyShare (${suite.name})`, () => {
    const shares = dealByDkg(suite, [1, 2, 3], 2, 'key-share');
    const share = shares.get(2)!;
    const bytes = encodeFrostKeyShare(share);
    const secretHex = bytesToHex(share.signingShare.expose());

    /** Decodes the stored form, applies `edit`, and re-encodes it. */
    const tampered = (edit: (m: ReturnType<typeof fromBinary<typeof FrostKeyShareSchema>>) => void) => {
      const m = fromBinary(FrostKeyShareSchema, bytes);
      edit(m);
      return toBinary(FrostKeyShareSchema, m);
    };
    const rejects = (b: Uint8Array, re: RegExp) =>
      assert.throws(
        () => parseFrostKeyShare(b),
        (e: Error) => re.test(e.message) && !e.message.includes(secretHex),
      );

    test('round-trips through its storage encoding', () => {
      const back = parseFrostKeyShare(bytes);
      assert.ok(back instanceof FrostKeyShare);
      assert.equal(back.suite, suite);
      assert.equal(back.party, 2);
      assert.equal(back.threshold, 2);
      assert.deepEqual(back.parties, [1, 2, 3]);
      assert.ok(equalBytes(back.groupKey, share.groupKey));
      assert.deepEqual(back.commitments, share.commitments);
      assert.ok(equalBytes(back.signingShare.expose(), share.signingShare.expose()));
      assert.ok(equalBytes(encodeFrostKeyShare(back), bytes));
    });

    test("exposes the group key in the chain's format", () => {
      assert.equal(share.publicKey.length, 32);
      if (suite === FROST_ED25519) {
        assert.ok(equalBytes(share.publicKey, share.groupKey));
      } else {
        assert.equal(share.groupKey.length, 33);
        assert.ok(share.groupKey[0] === 2 || share.groupKey[0] === 3);
        assert.ok(equalBytes(share.publicKey, share.groupKey.subarray(1)));
      }
    });

    test('redacts itself in toString, toJSON and util.inspect', () => {
      for (const text of [
        String(share),
        JSON.stringify({ share }),
        inspect(share),
        inspect({ nested: [share] }),
      ]) {
        assert.ok(text.includes('<redacted>'), text);
        assert.ok(!text.includes(secretHex));
      }
    });

    test('cannot be constructed without validation', () => {
      const Ctor = FrostKeyShare as unknown as new (...args: unknown[]) => unknown;
      assert.throws(() => new Ctor(Symbol('FrostKeyShare'), {}, []), /parseFrostKeyShare/);
    });

    test('commitment vector of the wrong length is rejected', () => {
      rejects(
        tampered((m) => m.public!.commitments.pop()),
        /commitment vector/,
      );
      rejects(
        tampered((m) => m.public!.commitments.push(m.public!.commitments[1]!)),
        /commitment vector/,
      );
    });

    test('a malformed or identity commitment is rejected', () => {
      const bad = suite === FROST_TAPROOT ? new Uint8Array(33) : Uint8Array.of(1, ...new Uint8Array(31));
      rejects(
        tampered((m) => (m.public!.commitments[1] = bad)),
        /commitments\[1\]/,
      );
    });

    test('a verifying share that is not the commitment polynomial at its party is rejected', () => {
      const other = shares.get(1)!.verifyingShare(1);
      rejects(
        tampered((m) => (m.public!.verifyingShares[2]!.point = other)),
        /verifying share of party 3/,
      );
    });

    test('a signing share inconsistent with the commitment is rejected', () => {
      const other = shares.get(1)!.signingShare.expose();
      rejects(
        tampered((m) => (m.signingShare = other)),
        /signing share is inconsistent/,
      );
    });

    test('participant list, threshold and suite must be consistent', () => {
      rejects(
        tampered((m) => (m.public!.parties = 4)),
        /3 verifying shares for 4 parties/,
      );
      rejects(
        tampered((m) => (m.public!.threshold = 3)),
        /commitment vector/,
      );
      rejects(
        tampered((m) => (m.party = 4)),
        /not a participant/,
      );
      rejects(
        tampered((m) => (m.public!.suite = FrostSuiteProto.UNSPECIFIED)),
        /unknown FROST suite/,
      );
      const otherSuite = suite === FROST_ED25519 ? FrostSuiteProto.SECP256K1_TR : FrostSuiteProto.ED25519;
      assert.throws(() => parseFrostKeyShare(tampered((m) => (m.public!.suite = otherSuite))));
      rejects(
        tampered((m) => (m.public = undefined)),
        /missing public/,
      );
    });

    test('duplicate, zero or unordered participants are rejected', () => {
      const dup = (m: ReturnType<typeof fromBinary<typeof FrostKeyShareSchema>>) => {
        m.public!.verifyingShares[2] = create(FrostVerifyingShareSchema, {
          ...m.public!.verifyingShares[1]!,
        });
      };
      rejects(tampered(dup), /ascending/);
      rejects(
        tampered((m) => (m.public!.verifyingShares[0]!.party = 0)),
        /ascending|invalid party/,
      );
      rejects(
        tampered((m) => m.public!.verifyingShares.reverse()),
        /ascending/,
      );
    });

    test('trailing or unknown bytes are rejected', () => {
      rejects(concatBytes(bytes, Uint8Array.of(0)), /malformed|non-canonical/);
      rejects(concatBytes(bytes, Uint8Array.of(0x20, 0x01)), /non-canonical|unknown/);
    });
  });
}
