/** `mpcium init` writes a cluster whose configs load, prints no secrets, and refuses to overwrite. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '@mpcium/config';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/cli/src/main.ts', ...args], {
    cwd: root,
  });

test('mpcium init --json writes a loadable cluster and no secrets to stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpcium-init-'));
  try {
    const { stdout } = await run(['init', '--dir', dir, '--nodes', '3', '--json']);
    const summary = JSON.parse(stdout);
    assert.equal(summary.threshold, 2);
    assert.equal(summary.nodes.length, 3);
    const coordinator = await loadConfig('coordinator', { file: summary.coordinatorConfig, env: {} });
    assert.equal(coordinator.cluster.nodes.length, 3);
    for (const n of summary.nodes) {
      const identity = readFileSync(n.identityKeyFile, 'utf8').trim();
      const password = readFileSync(n.passwordFile, 'utf8').trim();
      assert.ok(!stdout.includes(identity) && !stdout.includes(password), 'secrets never printed');
    }
    await assert.rejects(run(['init', '--dir', dir]), /already holds a cluster/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
