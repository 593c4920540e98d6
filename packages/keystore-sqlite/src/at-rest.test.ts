import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { generateDataKey } from './key-material.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { defer, openTestStore, TEST_PASSWORD, tempDir, utf8 } from './test-store.js';

const MARKER = 'PLAINTEXT-MARKER-5f2c9a';

/** The database file and its WAL and shared-memory companions, as raw bytes. */
function filesOf(path: string): Buffer {
  return Buffer.concat(
    [path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)),
  );
}

test('the connection runs in WAL mode with synchronous = FULL and foreign keys on', async (t) => {
  const { store } = await openTestStore(t);
  const status = await store.status();
  assert.equal(status.journalMode, 'wal');
  assert.equal(status.synchronous, 'full');
  assert.equal(status.foreignKeys, true);
  assert.equal(status.secureDelete, true);
  assert.equal(status.keySource, 'password');
});

test('no stored plaintext and no data key appear in the files on disk', async (t) => {
  const path = join(tempDir(t), 'at-rest.db');
  const dataKey = generateDataKey();
  const store = await SqliteKeyStore.open({ path, dataKey });
  defer(t, () => store.close());
  const marked = (what: string) => utf8(`${MARKER} ${what} ${MARKER}`);
  await store.putShare('w', 'ecdsa-secp256k1', 1, marked('share'));
  await store.putAuxInfo('set', marked('aux'));
  await store.addPooled('presignature', 'w', 'ecdsa-secp256k1', 1, [{ id: 'p', bytes: marked('presig') }]);
  await store.putSecret('identity', marked('identity'));

  const needles = [Buffer.from(MARKER), Buffer.from(MARKER, 'utf16le'), Buffer.from(dataKey)];
  const check = (when: string) => {
    const bytes = filesOf(path);
    assert.ok(bytes.length > 0);
    for (const needle of needles) assert.equal(bytes.indexOf(needle), -1, `found on disk ${when}`);
  };
  check('while open (WAL not yet checkpointed)');
  await store.close();
  check('after close');
});

test('a password-mode file holds neither the password nor the data key in clear', async (t) => {
  const { store, path } = await openTestStore(t);
  await store.putSecret('s', utf8(MARKER));
  await store.close();
  const bytes = filesOf(path);
  assert.equal(bytes.indexOf(Buffer.from(TEST_PASSWORD)), -1);
  assert.equal(bytes.indexOf(Buffer.from(MARKER)), -1);
});

test('the store redacts itself in String, JSON and util.inspect', async (t) => {
  const dataKey = generateDataKey();
  const path = join(tempDir(t), 'redact.db');
  const store = await SqliteKeyStore.open({ path, dataKey });
  defer(t, () => store.close());
  await store.putSecret('s', utf8(MARKER));
  const hexKey = Buffer.from(dataKey).toString('hex');
  const b64Key = Buffer.from(dataKey).toString('base64');
  const shown = [
    String(store),
    `${store}`,
    JSON.stringify(store),
    JSON.stringify({ store }),
    inspect(store, { showHidden: true, depth: 10 }),
    inspect({ nested: [store] }, { depth: 10 }),
  ];
  for (const s of shown) {
    assert.match(s, /SqliteKeyStore\(<redacted>\)/);
    for (const secret of [hexKey, b64Key, MARKER, TEST_PASSWORD]) assert.ok(!s.includes(secret));
  }
});
