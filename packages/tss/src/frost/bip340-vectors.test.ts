/**
 * BIP-340 test vectors against the Taproot verifier FROST signing uses before releasing a
 * signature (noble `schnorr.verify`), against both independent test verifiers, and, where a
 * secret key is given, against noble's signer with the given auxiliary randomness.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { schnorr } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/curves/utils.js';
import { FROST_TAPROOT } from './suite.js';
import { verifyBip340, verifyBip340Generic } from './testing/verifiers.js';

interface Row {
  index: string;
  secretKey: string;
  publicKey: string;
  auxRand: string;
  message: Uint8Array;
  signature: Uint8Array;
  valid: boolean;
  comment: string;
}

const rows: Row[] = readFileSync(new URL('./vectors/bip340-test-vectors.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [index, secretKey, publicKey, auxRand, message, signature, result, ...comment] = line.split(',');
    return {
      index: index!,
      secretKey: secretKey!,
      publicKey: publicKey!,
      auxRand: auxRand!,
      message: hexToBytes(message!),
      signature: hexToBytes(signature!),
      valid: result === 'TRUE',
      comment: comment.join(','),
    };
  });

describe('BIP-340 test vectors', () => {
  test('the file has every row (0-18), including the variable-length messages', () => {
    assert.equal(rows.length, 19);
    assert.deepEqual(
      rows.filter((r) => r.message.length !== 32).map((r) => r.message.length),
      [0, 1, 17, 100],
    );
  });

  for (const row of rows) {
    const label = `#${row.index} ${row.valid ? 'valid' : 'invalid'}${row.comment ? `: ${row.comment}` : ''}`;
    test(`verify ${label}`, () => {
      // The public key column is not always a valid key (rows 5 and 14): verifiers return false.
      const pk = hexToBytes(row.publicKey);
      assert.equal(FROST_TAPROOT.verify(row.signature, row.message, pk), row.valid, 'suite verifier');
      assert.equal(verifyBip340(row.signature, row.message, pk), row.valid, 'libsecp256k1');
      assert.equal(verifyBip340Generic(row.signature, row.message, pk), row.valid, 'generic BIP-340');
    });

    if (row.secretKey) {
      test(`sign ${label}`, () => {
        const sk = hexToBytes(row.secretKey);
        assert.equal(bytesToHex(schnorr.getPublicKey(sk)).toUpperCase(), row.publicKey);
        const sig = schnorr.sign(row.message, sk, hexToBytes(row.auxRand));
        assert.equal(bytesToHex(sig).toUpperCase(), bytesToHex(row.signature).toUpperCase());
      });
    }
  }
});
