/**
 * The README's first command: `mpcium demo` (what `npm run demo` runs) starts the embedded
 * cluster, creates a wallet, signs an Ethereum digest and an Ed25519 message and verifies both.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { recoverAddress, Signature } from 'ethers';

const root = fileURLToPath(new URL('..', import.meta.url));

test('mpcium demo --json: a wallet and two independently valid signatures', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'services/cli/src/main.ts', 'demo', '--json'],
    { cwd: root, timeout: 180_000 },
  );
  const out = JSON.parse(stdout.trim().split('\n').pop()!);
  assert.equal(out.ecdsa.valid, true);
  assert.equal(out.ed25519.valid, true);
  const sig = hexToBytes(out.ecdsa.signature);
  const recovered = recoverAddress(
    `0x${out.ecdsa.digest}`,
    Signature.from({
      r: `0x${out.ecdsa.signature.slice(0, 64)}`,
      s: `0x${out.ecdsa.signature.slice(64)}`,
      v: out.ecdsa.v,
    }),
  );
  assert.equal(recovered.toLowerCase(), out.ethereumAddress);
  assert.equal(sig.length, 64);
  assert.ok(
    ed25519.verify(
      hexToBytes(out.ed25519.signature),
      hexToBytes(out.ed25519.message),
      hexToBytes(out.ed25519PublicKey),
      { zip215: false },
    ),
  );
});
