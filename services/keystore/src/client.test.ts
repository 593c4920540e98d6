import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { KeystoreClosedError, KeystoreConflictError, KeystoreNotFoundError } from '@mpcium/keystore-sqlite';
import { RemoteKeyStore } from './client.js';
import { Code, defer, grpcCode, rawClient, SECRET, startKeystore, text, utf8 } from './test-fixture.js';

test('shares round-trip: put, latest, by version, retire, list', async (t) => {
  const { client, store } = await startKeystore(t);
  assert.equal(await client.getShare('w1', 'ed25519'), undefined);
  await client.putShare('w1', 'ed25519', 1, utf8('share v1'));
  await client.putShare('w1', 'ed25519', 2, utf8('share v2'));
  await client.putShare('w0', 'ecdsa-secp256k1', 1, utf8('ecdsa v1'));

  const latest = await client.getShare('w1', 'ed25519');
  assert.deepEqual(
    { ...latest, bytes: text(latest?.bytes) },
    {
      walletId: 'w1',
      keyType: 'ed25519',
      version: 2,
      status: 'active',
      bytes: 'share v2',
    },
  );
  assert.equal(text((await client.getShare('w1', 'ed25519', 1))?.bytes), 'share v1');
  assert.equal(await client.getShare('w1', 'ed25519', 3), undefined);
  assert.equal(await client.getShare('w1', 'taproot'), undefined);

  await client.retireShare('w1', 'ed25519', 2);
  assert.equal((await client.getShare('w1', 'ed25519'))?.version, 1);
  assert.equal((await client.getShare('w1', 'ed25519', 2))?.status, 'retired');
  await assert.rejects(client.retireShare('w1', 'ed25519', 9), KeystoreNotFoundError);

  assert.deepEqual(await client.listWallets(), ['w0', 'w1']);
  // What went over the wire is what the store holds.
  assert.equal(text((await store.getShare('w0', 'ecdsa-secp256k1'))?.bytes), 'ecdsa v1');
});

test('a second put of the same share version is a KeystoreConflictError, and the first stays', async (t) => {
  const { client } = await startKeystore(t);
  await client.putShare('w', 'taproot', 1, utf8('first'));
  await assert.rejects(client.putShare('w', 'taproot', 1, utf8('second')), (err) => {
    assert.ok(err instanceof KeystoreConflictError);
    assert.match(err.message, /already exists/);
    assert.doesNotMatch(err.message, /second|first/);
    return true;
  });
  assert.equal(text((await client.getShare('w', 'taproot', 1))?.bytes), 'first');
});

test('aux info and secrets round-trip; absent ones are undefined', async (t) => {
  const { client } = await startKeystore(t);
  assert.equal(await client.getAuxInfo('set-1'), undefined);
  await client.putAuxInfo('set-1', utf8('aux'));
  assert.equal(text(await client.getAuxInfo('set-1')), 'aux');
  await assert.rejects(client.putAuxInfo('set-1', utf8('aux again')), KeystoreConflictError);

  assert.equal(await client.getSecret('identity'), undefined);
  await client.putSecret('identity', utf8('key one'));
  await client.putSecret('identity', utf8('key two'));
  assert.equal(text(await client.getSecret('identity')), 'key two');
});

test('pooled items: add, count, take oldest, take by id, empty pool is undefined', async (t) => {
  const { client } = await startKeystore(t);
  const items = ['p1', 'p2', 'p3'].map((id) => ({ id, bytes: utf8(`presig ${id}`) }));
  await assert.rejects(
    client.addPooled('presignature', 'w', 'ecdsa-secp256k1', 1, items),
    KeystoreNotFoundError,
  );
  await client.putShare('w', 'ecdsa-secp256k1', 1, utf8('share'));
  await client.addPooled('presignature', 'w', 'ecdsa-secp256k1', 1, items);
  await assert.rejects(
    client.addPooled('presignature', 'w', 'ecdsa-secp256k1', 1, [items[0]!]),
    KeystoreConflictError,
  );
  assert.equal(await client.countPooled('presignature', 'w', 'ecdsa-secp256k1', 1), 3);
  assert.equal(await client.countPooled('frost-nonce', 'w', 'ecdsa-secp256k1', 1), 0);

  const byId = await client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1, 'p2');
  assert.deepEqual({ id: byId?.id, bytes: text(byId?.bytes) }, { id: 'p2', bytes: 'presig p2' });
  assert.equal(await client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1, 'p2'), undefined);
  assert.equal((await client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1))?.id, 'p1');
  assert.equal((await client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1))?.id, 'p3');
  assert.equal(await client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1), undefined);
  assert.equal(await client.countPooled('presignature', 'w', 'ecdsa-secp256k1', 1), 0);
  await assert.rejects(client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1, ''), RangeError);
});

test('status reports what the proto carries', async (t) => {
  const { client, store } = await startKeystore(t);
  const local = await store.status();
  assert.deepEqual(await client.status(), {
    journalMode: local.journalMode,
    synchronous: local.synchronous,
    foreignKeys: false,
    secureDelete: false,
    schemaVersion: local.schemaVersion,
    keySource: 'password',
  });
  assert.equal(local.synchronous, 'full');
  assert.equal(local.journalMode, 'wal');
});

test('take-once over the wire: two concurrent takes of one id, one winner', async (t) => {
  const { client, server } = await startKeystore(t);
  const other = await RemoteKeyStore.connect({ address: server.address, sharedSecret: SECRET });
  defer(t, () => other.close());
  await client.putShare('w', 'ed25519', 1, utf8('share'));
  for (let round = 0; round < 10; round++) {
    const id = `nonce-${round}`;
    await client.addPooled('frost-nonce', 'w', 'ed25519', 1, [{ id, bytes: utf8(id) }]);
    const results = await Promise.all([
      client.takePooled('frost-nonce', 'w', 'ed25519', 1, id),
      other.takePooled('frost-nonce', 'w', 'ed25519', 1, id),
    ]);
    assert.equal(results.filter((r) => r !== undefined).length, 1, `round ${round}`);
  }
});

test('take-once over the wire: N concurrent takes of a pool of N get N distinct items', async (t) => {
  const { client, server } = await startKeystore(t);
  const others = await Promise.all(
    [0, 1, 2].map(() => RemoteKeyStore.connect({ address: server.address, sharedSecret: SECRET })),
  );
  defer(t, () => Promise.all(others.map((o) => o.close())));
  const clients = [client, ...others];
  const n = 40;
  await client.putShare('w', 'ecdsa-secp256k1', 1, utf8('share'));
  const ids = Array.from({ length: n }, (_, i) => `presig-${i}`);
  await client.addPooled(
    'presignature',
    'w',
    'ecdsa-secp256k1',
    1,
    ids.map((id) => ({ id, bytes: utf8(id) })),
  );
  const taken = await Promise.all(
    ids.map((_, i) => clients[i % clients.length]!.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1)),
  );
  const got = taken.map((item) => item?.id);
  assert.equal(new Set(got).size, n);
  assert.deepEqual([...got].sort(), [...ids].sort());
  assert.ok(taken.every((item) => item && text(item.bytes) === item.id));
  assert.equal(await client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1), undefined);
});

test('invalid ids and key types: INVALID_ARGUMENT on the wire, RangeError from the client', async (t) => {
  const { client, server, store } = await startKeystore(t);
  const { rpc, options } = rawClient(t, server.address, `Bearer ${SECRET}`);
  const invalid = grpcCode(Code.INVALID_ARGUMENT);
  const share = utf8('share');
  await assert.rejects(
    rpc.putShare({ key: { walletId: '', keyType: 'ed25519', version: 1 }, share }, options),
    invalid,
  );
  await assert.rejects(
    rpc.putShare({ key: { walletId: 'w\u0000', keyType: 'ed25519', version: 1 }, share }, options),
    invalid,
  );
  await assert.rejects(
    rpc.putShare({ key: { walletId: 'w', keyType: 'rsa', version: 1 }, share }, options),
    invalid,
  );
  await assert.rejects(rpc.putShare({ share }, options), invalid);
  await assert.rejects(
    rpc.putShare({ key: { walletId: 'w', keyType: 'ed25519', version: 0 }, share }, options),
    invalid,
  );
  await assert.rejects(rpc.getSecret({ name: 'x'.repeat(129) }, options), invalid);
  await assert.rejects(
    rpc.countPooled({ pool: { kind: 'coupon', walletId: 'w', keyType: 'ed25519' } }, options),
    invalid,
  );
  await assert.rejects(rpc.putSecret({ name: 'n', secret: new Uint8Array() }, options), invalid);

  await assert.rejects(client.putShare('', 'ed25519', 1, share), RangeError);
  await assert.rejects(client.getAuxInfo('x'.repeat(129)), RangeError);
  await assert.rejects(client.putShare('w', 'ed25519', 0, share), RangeError);
  await assert.rejects(client.getShare('w', 'ed25519', 0), RangeError);
  await assert.rejects(client.putShare('w', 'ed25519', 1.5, share), RangeError);
  await assert.rejects(client.putSecret('n', 'text' as unknown as Uint8Array), TypeError);
  assert.deepEqual(await store.listWallets(), []);
});

test('the client never prints its secret', async (t) => {
  const { client } = await startKeystore(t);
  for (const shown of [
    String(client),
    JSON.stringify(client),
    inspect(client, { showHidden: true, depth: 9 }),
  ]) {
    assert.equal(shown.includes(SECRET), false, shown);
    assert.match(shown, /RemoteKeyStore\(<redacted>\)/);
  }
  assert.equal(`${{ store: client }.store}`, 'RemoteKeyStore(<redacted>)');
  assert.equal(inspect({ ks: client }).includes(SECRET), false);
});

test('a closed client refuses calls; close is idempotent', async (t) => {
  const { client } = await startKeystore(t);
  await client.close();
  await client.close();
  await assert.rejects(client.listWallets(), KeystoreClosedError);
});
