/**
 * `mpcium dev` as a process, and the client commands against it: wallet create, ECDSA and
 * Ed25519 signing, status; every signature verified here; SIGTERM shuts it down cleanly and
 * removes its data.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@mpcium/testkit';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = ['--import', 'tsx', 'services/cli/src/main.ts'];

test('mpcium dev with wallet create, sign and status against it', async () => {
  const port = await freePort();
  const base = mkdtempSync(join(tmpdir(), 'mpcium-dev-'));
  const dataDir = join(base, 'dev');
  const dev = spawn(
    process.execPath,
    [...cli, 'dev', '--port', String(port), '--data-dir', dataDir, '--json'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const ready = await new Promise<{ address: string; initiatorKeyFile: string }>((resolve, reject) => {
      let out = '';
      dev.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('{"ready"'));
        if (line) resolve(JSON.parse(line).ready);
      });
      dev.once('exit', (code) => reject(new Error(`mpcium dev exited with ${code}`)));
    });
    const run = async (args: string[]) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [...cli, ...args, '--address', ready.address, '--key', ready.initiatorKeyFile, '--json'],
        { cwd: root, timeout: 120_000 },
      );
      return JSON.parse(stdout);
    };
    const wallet = await run(['wallet', 'create', 'cli-wallet']);
    assert.equal(wallet.state, 'SUCCEEDED');
    const ecdsaKey = hexToBytes(
      wallet.keys.find((k: { keyType: string }) => k.keyType === 'ECDSA_SECP256K1').publicKey,
    );
    const edKey = hexToBytes(wallet.keys.find((k: { keyType: string }) => k.keyType === 'ED25519').publicKey);
    const digest = 'ab'.repeat(32);
    const ecdsa = await run(['sign', '--wallet', 'cli-wallet', '--key-type', 'ecdsa', '--digest', digest]);
    assert.ok(
      secp256k1.verify(hexToBytes(ecdsa.signature), hexToBytes(digest), ecdsaKey, {
        prehash: false,
        lowS: true,
      }),
    );
    const ed = await run(['sign', '--wallet', 'cli-wallet', '--key-type', 'ed25519', '--message', 'hello']);
    assert.ok(ed25519.verify(hexToBytes(ed.signature), utf8ToBytes('hello'), edKey, { zip215: false }));
    const st = await run(['status']);
    assert.deepEqual([st.threshold, st.canSign, st.nodes.length], [2, true, 3]);
  } finally {
    const exited = new Promise<number | null>((r) => dev.once('exit', r));
    dev.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(existsSync(dataDir), false, 'dev removes its data on shutdown');
    rmSync(base, { recursive: true, force: true });
  }
});
