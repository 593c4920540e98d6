import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const committed = join(root, 'packages/proto/src/gen');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

test('generated protobuf-es code matches proto/ (run `npm run proto:gen` if this fails)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpcium-proto-'));
  // `clean: true` empties the output folder first, so the template lives beside it.
  const out = join(dir, 'gen');
  try {
    const template = readFileSync(join(root, 'buf.gen.yaml'), 'utf8').replace(
      'out: packages/proto/src/gen',
      `out: ${out}`,
    );
    const templatePath = join(dir, 'buf.gen.yaml');
    writeFileSync(templatePath, template);
    execFileSync(join(root, 'node_modules/.bin/buf'), ['generate', '--template', templatePath], {
      cwd: root,
      stdio: 'pipe',
    });
    const fresh = listFiles(out);
    assert.deepEqual(fresh, listFiles(committed), 'generated file list differs');
    for (const f of fresh) {
      assert.equal(
        readFileSync(join(out, f), 'utf8'),
        readFileSync(join(committed, f), 'utf8'),
        `${f} is stale`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('proto files are buf lint and buf format clean', () => {
  const buf = join(root, 'node_modules/.bin/buf');
  execFileSync(buf, ['lint'], { cwd: root, stdio: 'pipe' });
  execFileSync(buf, ['format', '--diff', '--exit-code'], { cwd: root, stdio: 'pipe' });
});
