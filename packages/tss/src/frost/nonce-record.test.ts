/**
 * Pooled nonces at rest: a nonce moved into a FrostNonceRecord and parsed back signs exactly as
 * the original would have; the in-memory original is destroyed by the move; records of another
 * share, altered scalars or commitments, and malformed bytes are refused.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { FrostNonceRecordSchema } from '@mpcium/proto';
import { equalBytes } from '@noble/curves/utils.js';
import { encodeFrostNonce, generateFrostNonce, parseFrostNonce } from './nonce.js';
import { startFrostSignPrecommitted } from './sign-precommitted.js';
import { FROST_ED25519, FROST_SUITES } from './suite.js';
import { dealByDkg, rngFor } from './testing/fixtures.js';
import type { Steps } from './testing/lockstep.js';
import { advance, outputsOf } from './testing/lockstep.js';
import { verifyBip340, verifyEd25519 } from './testing/verifiers.js';

for (const suite of FROST_SUITES) {
  describe(`FROST nonce records (${suite.name})`, () => {
    const shares = dealByDkg(suite, [1, 2, 3], 2, 'nonce-record');
    const rng = rngFor('nonce-record');

    test('stored and parsed back, the nonces sign a valid signature in one round', () => {
      const signers = [1, 3];
      const records = new Map(
        signers.map((p) => {
          const nonce = generateFrostNonce(shares.get(p)!, rng(p));
          const commitment = nonce.commitment;
          const bytes = encodeFrostNonce(nonce);
          assert.equal(nonce.spent, true, 'the move destroys the in-memory nonce');
          assert.throws(() => encodeFrostNonce(nonce), /already used/);
          return [p, { bytes, commitment }];
        }),
      );
      const commitments = signers.map((p) => records.get(p)!.commitment);
      const message = new TextEncoder().encode('one round from the pool');
      const steps: Steps<Uint8Array> = new Map(
        signers.map((self) => [
          self,
          startFrostSignPrecommitted({
            share: shares.get(self)!,
            signers,
            message,
            commitments,
            nonce: parseFrostNonce(records.get(self)!.bytes, shares.get(self)!),
          }),
        ]),
      );
      const sigs = outputsOf(advance(steps, rngFor('unused')));
      const sig = sigs.get(1)!;
      assert.ok(equalBytes(sig, sigs.get(3)!));
      const verify = suite === FROST_ED25519 ? verifyEd25519 : verifyBip340;
      assert.ok(verify(sig, message, shares.get(1)!.publicKey));
    });

    test('refused: another share, altered secrets or commitment, malformed bytes', () => {
      const bytes = encodeFrostNonce(generateFrostNonce(shares.get(2)!, rng(2)));
      assert.throws(() => parseFrostNonce(bytes, shares.get(1)!), /another key share/);
      const other = dealByDkg(suite, [1, 2, 3], 2, 'nonce-record-other');
      assert.throws(() => parseFrostNonce(bytes, other.get(2)!), /another key share/);
      const record = fromBinary(FrostNonceRecordSchema, bytes);
      const alter = (f: (r: typeof record) => void) => {
        const r = fromBinary(FrostNonceRecordSchema, bytes);
        f(r);
        return toBinary(FrostNonceRecordSchema, r);
      };
      const flipped = Uint8Array.from(record.hidingNonce);
      flipped[5]! ^= 1;
      assert.throws(
        () =>
          parseFrostNonce(
            alter((r) => {
              r.hidingNonce = flipped;
            }),
            shares.get(2)!,
          ),
        /does not match|hiding nonce/,
      );
      assert.throws(
        () =>
          parseFrostNonce(
            alter((r) => {
              r.commitment!.binding = record.commitment!.hiding;
            }),
            shares.get(2)!,
          ),
        /does not match/,
      );
      assert.throws(() => parseFrostNonce(bytes.subarray(0, 20), shares.get(2)!), /malformed|non-canonical/);
      const nonce = parseFrostNonce(bytes, shares.get(2)!);
      assert.ok(!String(nonce).includes(Buffer.from(record.hidingNonce).toString('hex')));
    });
  });
}
