import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SqliteKeyStore } from '@mpcium/keystore-sqlite';
import { keystoreOpenOptions } from './cluster-keys.js';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import { freshCluster, writeYaml } from './test-fixtures.js';

const KEYSTORE_YAML = (extra: string) =>
  `node:\n  id: node0\nkeystore:\n  address: unix:ks.sock\n  database: ks.sqlite\n${extra}`;

test('unlock sources: data key env, then password env, then password file', async (t) => {
  const node = freshCluster(t).nodes[0]!;
  const file = node.keystoreConfig;
  const dataKey = randomBytes(32).toString('base64');

  const fromFile = await loadConfig('keystore', { file, env: {} });
  assert.equal(fromFile.keystore.unlock.source, 'password-file');
  if (fromFile.keystore.unlock.source !== 'password-file') return;
  assert.equal(fromFile.keystore.unlock.password.text(), readFileSync(node.passwordFile, 'utf8').trim());

  const fromPassword = await loadConfig('keystore', {
    file,
    env: { MPCIUM_KEYSTORE_PASSWORD: 'pw from env' },
  });
  assert.equal(fromPassword.keystore.unlock.source, 'env-password');

  const fromDataKey = await loadConfig('keystore', { file, env: { MPCIUM_KEYSTORE_DATA_KEY: dataKey } });
  assert.equal(fromDataKey.keystore.unlock.source, 'env-data-key');
  assert.deepEqual(keystoreOpenOptions(fromDataKey), { path: `${node.dir}/keystore.sqlite`, dataKey });

  await assert.rejects(
    loadConfig('keystore', {
      file,
      env: { MPCIUM_KEYSTORE_DATA_KEY: dataKey, MPCIUM_KEYSTORE_PASSWORD: 'x' },
    }),
    /keystore\.dataKey: expected only one of MPCIUM_KEYSTORE_DATA_KEY and MPCIUM_KEYSTORE_PASSWORD/,
  );
  const bad = await loadConfig('keystore', { file, env: { MPCIUM_KEYSTORE_DATA_KEY: 'c2hvcnQ=' } }).catch(
    (e: unknown) => e,
  );
  assert.ok(bad instanceof ConfigError);
  assert.match(bad.message, /keystore\.yaml: keystore\.dataKey: expected 32 bytes as standard base64/);
  assert.doesNotMatch(bad.message, /c2hvcnQ/, 'a refused secret is not echoed');
});

test('the loaded options open the SQLite keystore', async (t) => {
  const node = freshCluster(t).nodes[2]!;
  const config = await loadConfig('keystore', { file: node.keystoreConfig, env: {} });
  const store = await SqliteKeyStore.open({ ...keystoreOpenOptions(config), testOnlyScryptLogN: 10 });
  store.close();
  // Reopened by the same password (its stored scrypt parameters apply).
  (await SqliteKeyStore.open(keystoreOpenOptions(config))).close();
});

test('prompt: asked through the given function, refused without one', async (t) => {
  const dir = freshCluster(t).nodes[0]!.dir;
  const file = writeYaml(dir, 'prompt.yaml', KEYSTORE_YAML('  prompt: true\n'));
  const questions: string[] = [];
  const config = await loadConfig('keystore', {
    file,
    env: {},
    prompt: async (q) => {
      questions.push(q);
      return 'typed password';
    },
  });
  assert.deepEqual(questions, ['Keystore password for node0: ']);
  assert.equal(config.keystore.unlock.source, 'prompt');
  assert.equal(config.keystore.sharedSecret, undefined, 'a unix socket needs no shared secret');
  await assert.rejects(
    loadConfig('keystore', { file, env: {} }),
    /keystore\.prompt: expected an interactive/,
  );
  await assert.rejects(
    loadConfig('keystore', { file, env: {}, prompt: async () => '' }),
    /keystore\.prompt: expected a non-empty password/,
  );
});

test('no password source, or one written inline, is refused', async (t) => {
  const dir = freshCluster(t).nodes[0]!.dir;
  const none = writeYaml(dir, 'none.yaml', KEYSTORE_YAML(''));
  await assert.rejects(
    loadConfig('keystore', { file: none, env: {} }),
    /none\.yaml: keystore\.passwordFile: expected a password source: keystore\.passwordFile, keystore\.prompt: true, MPCIUM_KEYSTORE_PASSWORD or MPCIUM_KEYSTORE_DATA_KEY/,
  );
  const inline = writeYaml(dir, 'inline.yaml', KEYSTORE_YAML('  password: hunter2\n'));
  const err = await loadConfig('keystore', { file: inline, env: {} }).catch((e: unknown) => e);
  assert.ok(err instanceof ConfigError);
  assert.match(err.message, /keystore\.password: expected no secret in the file: use keystore\.passwordFile/);
  assert.doesNotMatch(err.message, /hunter2/);
  const both = writeYaml(
    dir,
    'both.yaml',
    KEYSTORE_YAML('  passwordFile: keystore.password\n  prompt: true\n'),
  );
  await assert.rejects(loadConfig('keystore', { file: both, env: {} }), /keystore\.prompt: expected false/);
  const missing = writeYaml(dir, 'missing.yaml', KEYSTORE_YAML('  passwordFile: nope.password\n'));
  await assert.rejects(
    loadConfig('keystore', { file: missing, env: {} }),
    /keystore\.passwordFile: expected a readable secret file \(ENOENT: .*nope\.password\)/,
  );
});
