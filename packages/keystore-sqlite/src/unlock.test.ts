import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { KeystoreLockedError, KeystoreSchemaError } from './errors.js';
import { generateDataKey, parseDataKey } from './key-material.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { defer, openTestStore, TEST_PASSWORD, tempDir, text, utf8 } from './test-store.js';

/** Every row of every table, for "nothing changed" comparisons. */
function dump(path: string): unknown {
  const db = new Database(path);
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    return Object.fromEntries(tables.map((n) => [n, db.prepare(`SELECT * FROM "${n}"`).all()]));
  } finally {
    db.close();
  }
}

test('a wrong password is refused with KeystoreLockedError and changes nothing', async (t) => {
  // Production cost (no test option): the stored header must carry N = 2^15, r = 8, p = 1.
  const path = join(tempDir(t), 'keystore.db');
  const store = await SqliteKeyStore.open({ path, password: TEST_PASSWORD });
  await store.putShare('w', 'ed25519', 1, utf8('share'));
  await store.close();
  const raw = new Database(path);
  const meta = raw
    .prepare('SELECT key_source, kdf_n, kdf_r, kdf_p, length(kdf_salt) AS salt FROM keystore_meta')
    .get();
  raw.close();
  assert.deepEqual(meta, { key_source: 'password', kdf_n: 2 ** 15, kdf_r: 8, kdf_p: 1, salt: 16 });

  const bytesBefore = readFileSync(path);
  const rowsBefore = dump(path);
  await assert.rejects(SqliteKeyStore.open({ path, password: 'not the password' }), (e) => {
    assert.ok(e instanceof KeystoreLockedError);
    assert.equal(e.message, 'wrong keystore password');
    assert.equal(e.code, 'locked');
    return true;
  });
  assert.deepEqual(readFileSync(path), bytesBefore);
  assert.deepEqual(dump(path), rowsBefore);
  assert.equal(existsSync(`${path}-wal`), false);

  const again = await SqliteKeyStore.open({ path, password: TEST_PASSWORD });
  defer(t, () => again.close());
  assert.equal(text((await again.getShare('w', 'ed25519'))?.bytes), 'share');
});

test('a password given as bytes opens the same store as its UTF-8 string', async (t) => {
  const { store, path } = await openTestStore(t, { password: 'pässwörd' });
  await store.putSecret('s', utf8('secret'));
  await store.close();
  const password = utf8('pässwörd');
  const again = await SqliteKeyStore.open({ path, password });
  defer(t, () => again.close());
  assert.equal(text(await again.getSecret('s')), 'secret');
  assert.deepEqual(password, utf8('pässwörd'), "the caller's buffer is left as it was");
});

test('data key mode: base64 or bytes, reopen, wrong key refused, password refused', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'kms.db');
  const key = generateDataKey();
  const base64 = `${Buffer.from(key).toString('base64')}\n`;
  const store = await SqliteKeyStore.open({ path, dataKey: base64 });
  assert.equal((await store.status()).keySource, 'data-key');
  await store.putShare('w', 'taproot', 1, utf8('share'));
  await store.close();

  const raw = new Database(path);
  const meta = raw.prepare('SELECT key_source, wrapped_key, kdf_salt FROM keystore_meta').get();
  raw.close();
  assert.deepEqual(meta, { key_source: 'data-key', wrapped_key: null, kdf_salt: null });

  const before = readFileSync(path);
  const wrong = generateDataKey();
  await assert.rejects(SqliteKeyStore.open({ path, dataKey: wrong }), {
    name: 'KeystoreLockedError',
    message: 'wrong keystore data key',
  });
  await assert.rejects(SqliteKeyStore.open({ path, password: TEST_PASSWORD }), KeystoreLockedError);
  assert.deepEqual(readFileSync(path), before);

  const again = await SqliteKeyStore.open({ path, dataKey: key });
  defer(t, () => again.close());
  assert.equal(text((await again.getShare('w', 'taproot'))?.bytes), 'share');
});

test('data keys are checked for length and strict base64', () => {
  assert.throws(() => parseDataKey(new Uint8Array(31)), /dataKey must be 32 bytes/);
  assert.throws(() => parseDataKey('c2hvcnQ='), /standard base64/);
  assert.throws(() => parseDataKey(`${'A'.repeat(43)}-`), /standard base64/);
  assert.equal(parseDataKey(` ${Buffer.alloc(32, 7).toString('base64')} `).length, 32);
});

test('the schema is versioned; a newer file is refused, a foreign database too', async (t) => {
  const { store, path } = await openTestStore(t);
  assert.equal((await store.status()).schemaVersion, LATEST_SCHEMA_VERSION);
  await store.close();
  const raw = new Database(path);
  raw
    .prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)')
    .run(LATEST_SCHEMA_VERSION + 1);
  raw.close();
  await assert.rejects(
    SqliteKeyStore.open({ path, password: TEST_PASSWORD }),
    (e) => e instanceof KeystoreSchemaError && /newer than this build supports/.test(e.message),
  );

  const foreign = join(tempDir(t), 'other.db');
  const other = new Database(foreign);
  other.exec('CREATE TABLE t (x)');
  other.close();
  await assert.rejects(SqliteKeyStore.open({ path: foreign, password: TEST_PASSWORD }), /not a keystore/);
});

test('two openers racing on an empty file end up with one data key', async (t) => {
  const path = join(tempDir(t), 'race.db');
  const [a, b] = await Promise.all([
    SqliteKeyStore.open({ path, password: TEST_PASSWORD, testOnlyScryptLogN: 10 }),
    SqliteKeyStore.open({ path, password: TEST_PASSWORD, testOnlyScryptLogN: 10 }),
  ]);
  defer(t, () => a.close());
  defer(t, () => b.close());
  await a.putSecret('s', utf8('from a'));
  assert.equal(text(await b.getSecret('s')), 'from a');
});
