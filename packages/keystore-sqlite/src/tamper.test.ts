import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { KeystoreIntegrityError } from './errors.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { openTestStore, TEST_PASSWORD, text, utf8 } from './test-store.js';

/**
 * Attacks by someone who can write the database file but does not hold the data key. Each
 * edit goes through raw SQL on a second connection to the same file, as such an attacker would.
 */

const MARKER = 'TOP-SECRET-SHARE-CONTENT';

function raw(path: string): Database.Database {
  return new Database(path);
}

/** Asserts an integrity error naming `record`, carrying none of the record's content. */
function integrityError(record: string) {
  return (e: unknown) => {
    assert.ok(e instanceof KeystoreIntegrityError, String(e));
    assert.equal(e.record, record);
    assert.ok(e.message.includes(record));
    assert.ok(!e.message.includes(MARKER) && !e.message.includes(Buffer.from(MARKER).toString('hex')));
    assert.ok(!JSON.stringify(e).includes(MARKER));
    return true;
  };
}

test('a flipped ciphertext byte in a stored share is an integrity error naming the record', async (t) => {
  const { store, path } = await openTestStore(t);
  await store.putShare('w1', 'ecdsa-secp256k1', 1, utf8(`${MARKER} w1`));
  const db = raw(path);
  const sealed = db.prepare("SELECT sealed FROM shares WHERE wallet_id = 'w1'").pluck().get() as Buffer;
  for (const at of [0, 12, sealed.length - 1]) {
    const flipped = Buffer.from(sealed);
    flipped[at]! ^= 0x01;
    db.prepare("UPDATE shares SET sealed = ? WHERE wallet_id = 'w1'").run(flipped);
    await assert.rejects(
      store.getShare('w1', 'ecdsa-secp256k1'),
      integrityError('shares{walletId="w1",keyType="ecdsa-secp256k1",version=1}'),
    );
  }
  db.prepare("UPDATE shares SET sealed = ? WHERE wallet_id = 'w1'").run(sealed.subarray(0, 20));
  await assert.rejects(store.getShare('w1', 'ecdsa-secp256k1'), KeystoreIntegrityError);
  db.prepare("UPDATE shares SET sealed = ? WHERE wallet_id = 'w1'").run(sealed);
  db.close();
  assert.equal(text((await store.getShare('w1', 'ecdsa-secp256k1'))?.bytes), `${MARKER} w1`);
});

test("copying one wallet's share ciphertext onto another wallet is an integrity error", async (t) => {
  const { store, path } = await openTestStore(t);
  await store.putShare('victim', 'ed25519', 1, utf8(`${MARKER} victim`));
  await store.putShare('attacker', 'ed25519', 1, utf8('attacker share'));
  const db = raw(path);
  db.prepare(
    `UPDATE shares SET sealed = (SELECT sealed FROM shares WHERE wallet_id = 'victim')
     WHERE wallet_id = 'attacker'`,
  ).run();
  await assert.rejects(
    store.getShare('attacker', 'ed25519'),
    integrityError('shares{walletId="attacker",keyType="ed25519",version=1}'),
  );

  // The same ciphertext under another key type or version of the same wallet fails too.
  db.prepare(
    `INSERT INTO shares (wallet_id, key_type, version, sealed, created_at)
     SELECT wallet_id, 'taproot', version, sealed, created_at FROM shares WHERE wallet_id = 'victim'`,
  ).run();
  db.prepare(
    `INSERT INTO shares (wallet_id, key_type, version, sealed, created_at)
     SELECT wallet_id, key_type, 7, sealed, created_at FROM shares WHERE wallet_id = 'victim' AND key_type = 'ed25519'`,
  ).run();
  db.close();
  await assert.rejects(store.getShare('victim', 'taproot', 1), KeystoreIntegrityError);
  await assert.rejects(
    store.getShare('victim', 'ed25519'),
    integrityError('shares{walletId="victim",keyType="ed25519",version=7}'),
  );
  assert.equal(text((await store.getShare('victim', 'ed25519', 1))?.bytes), `${MARKER} victim`);
});

test('a pooled item moved to another id fails to decrypt and stays in the pool', async (t) => {
  const { store, path } = await openTestStore(t);
  await store.putShare('w', 'ecdsa-secp256k1', 1, utf8('share'));
  await store.addPooled('presignature', 'w', 'ecdsa-secp256k1', 1, [
    { id: 'p1', bytes: utf8(`${MARKER} p1`) },
    { id: 'p2', bytes: utf8(`${MARKER} p2`) },
  ]);
  const db = raw(path);
  db.prepare(
    "UPDATE pool SET sealed = (SELECT sealed FROM pool WHERE item_id = 'p2') WHERE item_id = 'p1'",
  ).run();
  db.close();
  await assert.rejects(
    store.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1),
    integrityError(
      'pool{kind="presignature",walletId="w",keyType="ecdsa-secp256k1",keyVersion=1,itemId="p1"}',
    ),
  );
  // The failed take rolled back: nothing was consumed.
  assert.equal(await store.countPooled('presignature', 'w', 'ecdsa-secp256k1', 1), 2);
  assert.equal(
    text((await store.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1, 'p2'))?.bytes),
    `${MARKER} p2`,
  );
});

test('secrets and aux info moved to another name fail to decrypt', async (t) => {
  const { store, path } = await openTestStore(t);
  await store.putSecret('identity', utf8(MARKER));
  await store.putSecret('other', utf8('other'));
  await store.putAuxInfo('set-a', utf8(MARKER));
  await store.putAuxInfo('set-b', utf8('aux b'));
  const db = raw(path);
  db.prepare(
    "UPDATE secrets SET sealed = (SELECT sealed FROM secrets WHERE name = 'identity') WHERE name = 'other'",
  ).run();
  db.prepare(
    "UPDATE aux_info SET sealed = (SELECT sealed FROM aux_info WHERE set_id = 'set-a') WHERE set_id = 'set-b'",
  ).run();
  db.close();
  await assert.rejects(store.getSecret('other'), integrityError('secrets{name="other"}'));
  await assert.rejects(store.getAuxInfo('set-b'), integrityError('aux_info{setId="set-b"}'));
});

test('an altered key header (scrypt parameters) is refused like a wrong password', async (t) => {
  const { store, path } = await openTestStore(t);
  await store.close();
  const db = raw(path);
  db.prepare('UPDATE keystore_meta SET kdf_n = kdf_n * 2').run();
  db.close();
  await assert.rejects(SqliteKeyStore.open({ path, password: TEST_PASSWORD }), {
    name: 'KeystoreLockedError',
  });
});
