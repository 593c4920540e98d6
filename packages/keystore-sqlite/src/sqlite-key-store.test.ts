import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeystoreClosedError, KeystoreConflictError, KeystoreNotFoundError } from './errors.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { openTestStore, TEST_PASSWORD, TEST_SCRYPT_LOG_N, text, utf8 } from './test-store.js';
import { MAX_ID_LENGTH } from './validate.js';

test('every record kind round-trips and survives a reopen', async (t) => {
  const { store, path } = await openTestStore(t);
  await store.putShare('w1', 'ecdsa-secp256k1', 1, utf8('ecdsa share v1'));
  await store.putShare('w1', 'ed25519', 1, utf8('ed25519 share v1'));
  await store.putShare('w2', 'taproot', 0, utf8('taproot share v0'));
  await store.putAuxInfo('set-abc', utf8('aux info'));
  await store.addPooled('presignature', 'w1', 'ecdsa-secp256k1', 1, [
    { id: 'p1', bytes: utf8('presig 1') },
    { id: 'p2', bytes: utf8('presig 2') },
  ]);
  await store.addPooled('frost-nonce', 'w1', 'ed25519', 1, [{ id: 'n1', bytes: utf8('nonce 1') }]);
  await store.putSecret('node-identity', utf8('ed25519 identity key'));
  const big = new Uint8Array(1 << 20).map((_, i) => i & 0xff);
  await store.putSecret('big', big);
  await store.close();

  const again = await SqliteKeyStore.open({ path, password: TEST_PASSWORD });
  t.after(() => again.close());
  const share = await again.getShare('w1', 'ecdsa-secp256k1');
  assert.deepEqual(
    { ...share, bytes: text(share?.bytes) },
    { walletId: 'w1', keyType: 'ecdsa-secp256k1', version: 1, status: 'active', bytes: 'ecdsa share v1' },
  );
  assert.equal(text((await again.getShare('w1', 'ed25519', 1))?.bytes), 'ed25519 share v1');
  assert.equal(text((await again.getShare('w2', 'taproot'))?.bytes), 'taproot share v0');
  assert.equal(await again.getShare('w2', 'ed25519'), undefined);
  assert.equal(text(await again.getAuxInfo('set-abc')), 'aux info');
  assert.equal(await again.getAuxInfo('set-other'), undefined);
  assert.equal(text(await again.getSecret('node-identity')), 'ed25519 identity key');
  assert.deepEqual(await again.getSecret('big'), big);
  assert.equal(await again.getSecret('missing'), undefined);
  assert.deepEqual(await again.listWallets(), ['w1', 'w2']);
  assert.equal(await again.hasWallet('w2'), true);
  assert.equal(await again.hasWallet('w3'), false);

  assert.equal(await again.countPooled('presignature', 'w1', 'ecdsa-secp256k1', 1), 2);
  assert.equal(await again.countPooled('frost-nonce', 'w1', 'ecdsa-secp256k1', 1), 0);
  const byName = await again.takePooled('presignature', 'w1', 'ecdsa-secp256k1', 1, 'p2');
  assert.deepEqual({ id: byName?.id, bytes: text(byName?.bytes) }, { id: 'p2', bytes: 'presig 2' });
  const oldest = await again.takePooled('presignature', 'w1', 'ecdsa-secp256k1', 1);
  assert.deepEqual({ id: oldest?.id, bytes: text(oldest?.bytes) }, { id: 'p1', bytes: 'presig 1' });
  assert.equal(await again.takePooled('presignature', 'w1', 'ecdsa-secp256k1', 1), undefined);
  assert.equal(await again.takePooled('frost-nonce', 'w1', 'ed25519', 1, 'p1'), undefined);
  assert.equal(text((await again.takePooled('frost-nonce', 'w1', 'ed25519', 1))?.bytes), 'nonce 1');
  assert.equal(await again.countPooled('frost-nonce', 'w1', 'ed25519', 1), 0);
});

test('takePooled hands out the oldest first', async (t) => {
  const { store } = await openTestStore(t);
  await store.putShare('w', 'ed25519', 1, utf8('share'));
  await store.addPooled('frost-nonce', 'w', 'ed25519', 1, [{ id: 'b', bytes: utf8('1') }]);
  await store.addPooled('frost-nonce', 'w', 'ed25519', 1, [{ id: 'a', bytes: utf8('2') }]);
  await store.addPooled('frost-nonce', 'w', 'ed25519', 1, [{ id: 'c', bytes: utf8('3') }]);
  const order = [];
  for (let i = 0; i < 3; i++) order.push((await store.takePooled('frost-nonce', 'w', 'ed25519', 1))?.id);
  assert.deepEqual(order, ['b', 'a', 'c']);
});

test('share versions: latest active by default, retire keeps the old one, a version is written once', async (t) => {
  const { store } = await openTestStore(t);
  await store.putShare('w', 'ecdsa-secp256k1', 1, utf8('v1'));
  await store.putShare('w', 'ecdsa-secp256k1', 2, utf8('v2'));
  assert.equal((await store.getShare('w', 'ecdsa-secp256k1'))?.version, 2);

  await store.retireShare('w', 'ecdsa-secp256k1', 2);
  const latest = await store.getShare('w', 'ecdsa-secp256k1');
  assert.equal(latest?.version, 1);
  assert.equal(text(latest?.bytes), 'v1');
  const retired = await store.getShare('w', 'ecdsa-secp256k1', 2);
  assert.equal(retired?.status, 'retired');
  assert.equal(text(retired?.bytes), 'v2');
  await store.retireShare('w', 'ecdsa-secp256k1', 2); // idempotent

  // A reshare: write v3, retire v1.
  await store.putShare('w', 'ecdsa-secp256k1', 3, utf8('v3'));
  await store.retireShare('w', 'ecdsa-secp256k1', 1);
  assert.equal(text((await store.getShare('w', 'ecdsa-secp256k1'))?.bytes), 'v3');
  await store.retireShare('w', 'ecdsa-secp256k1', 3);
  assert.equal(await store.getShare('w', 'ecdsa-secp256k1'), undefined);
  assert.equal((await store.getShare('w', 'ecdsa-secp256k1', 3))?.status, 'retired');

  await assert.rejects(store.putShare('w', 'ecdsa-secp256k1', 2, utf8('overwrite')), (e) => {
    assert.ok(e instanceof KeystoreConflictError);
    assert.match(e.message, /version=2.*already exists/);
    return true;
  });
  assert.equal(text((await store.getShare('w', 'ecdsa-secp256k1', 2))?.bytes), 'v2');
  await assert.rejects(store.retireShare('w', 'ecdsa-secp256k1', 9), KeystoreNotFoundError);
});

test('aux info is written once per set id; secrets are replaced', async (t) => {
  const { store } = await openTestStore(t);
  await store.putAuxInfo('set', utf8('aux 1'));
  await assert.rejects(store.putAuxInfo('set', utf8('aux 2')), KeystoreConflictError);
  assert.equal(text(await store.getAuxInfo('set')), 'aux 1');
  await store.putSecret('id', utf8('old'));
  await store.putSecret('id', utf8('new'));
  assert.equal(text(await store.getSecret('id')), 'new');
});

test('a failed write leaves the previous state', async (t) => {
  const { store } = await openTestStore(t);
  await store.putShare('w', 'ed25519', 1, utf8('share'));
  await store.addPooled('frost-nonce', 'w', 'ed25519', 1, [{ id: 'n1', bytes: utf8('nonce 1') }]);

  // The batch's last item collides: none of the batch is stored.
  const batch = ['n2', 'n3', 'n1'].map((id) => ({ id, bytes: utf8(`other ${id}`) }));
  await assert.rejects(store.addPooled('frost-nonce', 'w', 'ed25519', 1, batch), KeystoreConflictError);
  // A duplicate inside one batch, too.
  const twice = [
    { id: 'n4', bytes: utf8('a') },
    { id: 'n4', bytes: utf8('b') },
  ];
  await assert.rejects(store.addPooled('frost-nonce', 'w', 'ed25519', 1, twice), KeystoreConflictError);
  assert.equal(await store.countPooled('frost-nonce', 'w', 'ed25519', 1), 1);
  assert.equal(text((await store.takePooled('frost-nonce', 'w', 'ed25519', 1))?.bytes), 'nonce 1');

  // Pool items need their share version; the wallet row is not created as a side effect.
  await assert.rejects(
    store.addPooled('presignature', 'w9', 'ecdsa-secp256k1', 1, [{ id: 'p', bytes: utf8('x') }]),
    /does not exist; pool items need their share/,
  );
  assert.equal(await store.hasWallet('w9'), false);
  assert.deepEqual(await store.listWallets(), ['w']);
});

test('arguments are validated with clear errors', async (t) => {
  const { store } = await openTestStore(t);
  const bytes = utf8('x');
  await assert.rejects(store.putShare('', 'ed25519', 1, bytes), /walletId must not be empty/);
  await assert.rejects(
    store.putShare('w'.repeat(MAX_ID_LENGTH + 1), 'ed25519', 1, bytes),
    /walletId must be at most 128 characters/,
  );
  await assert.rejects(store.putShare('w\n', 'ed25519', 1, bytes), /control characters/);
  await assert.rejects(store.putShare('w', 'secp256r1' as never, 1, bytes), {
    name: 'RangeError',
    message: 'keyType must be one of ecdsa-secp256k1, ed25519, taproot',
  });
  await assert.rejects(store.putShare('w', 'ed25519', -1, bytes), RangeError);
  await assert.rejects(store.putShare('w', 'ed25519', 1.5, bytes), RangeError);
  await assert.rejects(store.putShare('w', 'ed25519', 1, new Uint8Array()), /share must not be empty/);
  await assert.rejects(store.putShare('w', 'ed25519', 1, 'text' as never), TypeError);
  await assert.rejects(store.getShare('w', 'ed25519', Number.NaN), RangeError);
  await assert.rejects(
    store.addPooled('nonce' as never, 'w', 'ed25519', 1, []),
    /pooled kind must be one of/,
  );
  await assert.rejects(store.takePooled('frost-nonce', 'w', 'ed25519', 1, ''), /item id must not be empty/);
  await assert.rejects(store.putAuxInfo('', bytes), /setId must not be empty/);
  await assert.rejects(store.putSecret('', bytes), /secret name must not be empty/);
  assert.deepEqual(await store.listWallets(), []);
});

test('a closed store refuses every call; close is idempotent', async (t) => {
  const { store } = await openTestStore(t);
  await store.close();
  await store.close();
  assert.equal(store.closed, true);
  await assert.rejects(store.getSecret('x'), KeystoreClosedError);
  await assert.rejects(store.listWallets(), KeystoreClosedError);
});

test('open validates its options', async () => {
  await assert.rejects(SqliteKeyStore.open({ path: ':memory:', password: 'p' }), RangeError);
  await assert.rejects(
    SqliteKeyStore.open({ path: '/tmp/x.db', password: 'p', dataKey: new Uint8Array(32) } as never),
    /exactly one of password or dataKey/,
  );
  await assert.rejects(
    SqliteKeyStore.open({ path: '/tmp/x.db', password: '', testOnlyScryptLogN: TEST_SCRYPT_LOG_N }),
    /password must not be empty/,
  );
});
