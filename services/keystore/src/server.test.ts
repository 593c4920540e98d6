import assert from 'node:assert/strict';
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { type KeyStore, MAX_RECORD_BYTES } from '@mpcium/keystore-sqlite';
import { freePort } from '@mpcium/testkit';
import { RemoteKeyStore } from './client.js';
import { MAX_MESSAGE_BYTES } from './routes.js';
import { startKeystoreServer } from './server.js';
import {
  Code,
  defer,
  grpcCode,
  openStore,
  rawClient,
  SECRET,
  startKeystore,
  tempDir,
  text,
  utf8,
} from './test-fixture.js';

test('over TCP a missing or wrong shared secret is UNAUTHENTICATED and changes nothing', async (t) => {
  const { server, store } = await startKeystore(t);
  await store.putShare('w', 'ed25519', 1, utf8('share'));
  await store.addPooled('frost-nonce', 'w', 'ed25519', 1, [{ id: 'n1', bytes: utf8('nonce') }]);
  const unauthenticated = grpcCode(Code.UNAUTHENTICATED);
  const pool = { kind: 'frost-nonce', walletId: 'w', keyType: 'ed25519', keyVersion: 1 };
  for (const authorization of [
    undefined,
    'Bearer wrong-secret-0123456789',
    `Bearer ${SECRET}x`,
    SECRET,
    '',
  ]) {
    const { rpc, options } = rawClient(t, server.address, authorization);
    await assert.rejects(rpc.putSecret({ name: 'planted', secret: utf8('x') }, options), unauthenticated);
    await assert.rejects(rpc.takePooled({ pool }, options), unauthenticated);
    await assert.rejects(
      rpc.getShare({ key: { walletId: 'w', keyType: 'ed25519' } }, options),
      unauthenticated,
    );
    await assert.rejects(rpc.getKeystoreStatus({}, options), unauthenticated);
  }
  assert.equal(await store.getSecret('planted'), undefined);
  assert.equal(await store.countPooled('frost-nonce', 'w', 'ed25519', 1), 1);

  await assert.rejects(
    RemoteKeyStore.connect({ address: server.address, sharedSecret: 'another-secret-0123456789' }),
    (err: Error) => /UNAUTHENTICATED/.test(err.message) && !err.message.includes('another-secret'),
  );
  // The same secret as bytes is a different token (base64url), so it is refused too.
  await assert.rejects(
    RemoteKeyStore.connect({ address: server.address, sharedSecret: utf8(SECRET) }),
    /UNAUTHENTICATED/,
  );
});

test('a secret given as bytes works end to end', async (t) => {
  const secret = new Uint8Array(32).fill(7);
  const store = await openStore(join(tempDir(t), 'ks.db'));
  defer(t, () => store.close());
  const server = await startKeystoreServer({ store, address: '127.0.0.1:0', sharedSecret: secret });
  defer(t, () => server.close(100));
  assert.match(server.address, /^127\.0\.0\.1:\d+$/);
  const client = await RemoteKeyStore.connect({ address: server.address, sharedSecret: secret });
  defer(t, () => client.close());
  await client.putSecret('s', utf8('v'));
  assert.equal(text(await store.getSecret('s')), 'v');
});

test('refused at start: non-loopback TCP, TCP without a secret, a weak secret', async (t) => {
  const store = await openStore(join(tempDir(t), 'ks.db'));
  defer(t, () => store.close());
  const port = await freePort();
  for (const address of [`0.0.0.0:${port}`, `10.1.2.3:${port}`, `[::]:${port}`, `localhost:${port}`])
    await assert.rejects(startKeystoreServer({ store, address, sharedSecret: SECRET }), RangeError, address);
  await assert.rejects(startKeystoreServer({ store, address: `127.0.0.1:${port}` }), /needs a sharedSecret/);
  await assert.rejects(
    startKeystoreServer({ store, address: `127.0.0.1:${port}`, sharedSecret: 'short' }),
    RangeError,
  );
  await assert.rejects(
    startKeystoreServer({ store, address: `127.0.0.1:${port}`, sharedSecret: 'has a space in it, sadly' }),
    RangeError,
  );
  await assert.rejects(
    RemoteKeyStore.connect({ address: `10.1.2.3:${port}`, sharedSecret: SECRET }),
    RangeError,
  );
  await assert.rejects(RemoteKeyStore.connect({ address: `127.0.0.1:${port}` }), /needs a sharedSecret/);
});

test('oversized requests: a record above MAX_RECORD_BYTES is INVALID_ARGUMENT, a message above the limit RESOURCE_EXHAUSTED', async (t) => {
  const { client, server, store } = await startKeystore(t);
  const { rpc, options } = rawClient(t, server.address, `Bearer ${SECRET}`);
  const key = { walletId: 'w', keyType: 'ed25519', version: 1 };
  await assert.rejects(
    rpc.putShare({ key, share: new Uint8Array(MAX_RECORD_BYTES + 1) }, options),
    grpcCode(Code.INVALID_ARGUMENT),
  );
  await assert.rejects(
    rpc.putShare({ key, share: new Uint8Array(MAX_MESSAGE_BYTES + 1) }, options),
    grpcCode(Code.RESOURCE_EXHAUSTED),
  );
  await assert.rejects(client.putShare('w', 'ed25519', 1, new Uint8Array(MAX_RECORD_BYTES + 1)), RangeError);
  await assert.rejects(
    client.putShare('w', 'ed25519', 1, new Uint8Array(MAX_MESSAGE_BYTES + 1)),
    /RESOURCE_EXHAUSTED/,
  );
  assert.deepEqual(await store.listWallets(), []);
  // The largest record fits both ways.
  const largest = new Uint8Array(MAX_RECORD_BYTES).fill(1);
  await client.putShare('w', 'ed25519', 1, largest);
  assert.equal((await client.getShare('w', 'ed25519'))?.bytes.length, MAX_RECORD_BYTES);
});

test('unix socket: mode 0600, works without a secret, removed on close', async (t) => {
  const { dir, client, server } = await startKeystore(t, { unix: true });
  const path = join(dir, 'keystore.sock');
  assert.equal(server.address, `unix:${path}`);
  assert.ok(statSync(path).isSocket());
  assert.equal(statSync(path).mode & 0o777, 0o600);
  await client.putAuxInfo('set', utf8('aux'));
  assert.equal(text(await client.getAuxInfo('set')), 'aux');
  await client.close();
  await server.close(100);
  assert.equal(existsSync(path), false);
});

test('unix socket with a secret checks it', async (t) => {
  const { server, client } = await startKeystore(t, { unix: true, secret: SECRET });
  await client.putSecret('s', utf8('v'));
  const { rpc, options } = rawClient(t, server.address);
  await assert.rejects(rpc.getSecret({ name: 's' }, options), grpcCode(Code.UNAUTHENTICATED));
  await assert.rejects(RemoteKeyStore.connect({ address: server.address }), /UNAUTHENTICATED/);
});

test('unix socket: a stale socket file is replaced; a live one or a plain file is refused', async (t) => {
  const dir = tempDir(t);
  const store = await openStore(join(dir, 'ks.db'));
  defer(t, () => store.close());
  const path = join(dir, 'ks.sock');
  // A socket file nothing listens on, as a killed process leaves it: listen elsewhere, move
  // the file, close (which unlinks only the old name).
  const stale = createServer();
  await new Promise<void>((resolve) => stale.listen(join(dir, 'tmp.sock'), resolve));
  renameSync(join(dir, 'tmp.sock'), path);
  await new Promise((resolve) => stale.close(resolve));
  assert.ok(statSync(path).isSocket(), 'the stale socket file is left behind');

  const server = await startKeystoreServer({ store, address: `unix:${path}` });
  defer(t, () => server.close(100));
  await assert.rejects(startKeystoreServer({ store, address: `unix:${path}` }), /already listens/);
  const client = await RemoteKeyStore.connect({ address: server.address });
  defer(t, () => client.close());
  assert.deepEqual(await client.listWallets(), []);

  const file = join(dir, 'not-a-socket');
  writeFileSync(file, 'precious');
  await assert.rejects(startKeystoreServer({ store, address: `unix:${file}` }), /not a socket/);
  assert.ok(existsSync(file));
});

test('data written through the service survives a restart of server and store', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'ks.db');
  const address = `unix:${join(dir, 'ks.sock')}`;
  {
    const store = await openStore(path);
    const server = await startKeystoreServer({ store, address, sharedSecret: SECRET });
    const client = await RemoteKeyStore.connect({ address, sharedSecret: SECRET });
    await client.putShare('w', 'ecdsa-secp256k1', 1, utf8('share'));
    await client.putAuxInfo('set', utf8('aux'));
    await client.addPooled('presignature', 'w', 'ecdsa-secp256k1', 1, [{ id: 'p', bytes: utf8('presig') }]);
    await client.putSecret('identity', utf8('id key'));
    await client.close();
    await server.close(100);
    await store.close();
  }
  const store = await openStore(path);
  defer(t, () => store.close());
  const server = await startKeystoreServer({ store, address, sharedSecret: SECRET });
  defer(t, () => server.close(100));
  const client = await RemoteKeyStore.connect({ address, sharedSecret: SECRET });
  defer(t, () => client.close());
  assert.equal(text((await client.getShare('w', 'ecdsa-secp256k1'))?.bytes), 'share');
  assert.equal(text(await client.getAuxInfo('set')), 'aux');
  assert.equal(text((await client.takePooled('presignature', 'w', 'ecdsa-secp256k1', 1))?.bytes), 'presig');
  assert.equal(text(await client.getSecret('identity')), 'id key');
  assert.deepEqual(await client.listWallets(), ['w']);
});

test('a closed store answers UNAVAILABLE; an unknown failure INTERNAL, without its message', async (t) => {
  const { client, store } = await startKeystore(t);
  await store.close();
  await assert.rejects(client.listWallets(), /UNAVAILABLE: keystore is closed/);

  const dir = tempDir(t);
  const leaky = 'secret bytes deadbeef';
  const failing = {
    status: async () => {
      throw new Error(leaky);
    },
  } as unknown as KeyStore;
  const errors: { err: unknown; method: string }[] = [];
  const address = `unix:${join(dir, 'failing.sock')}`;
  const server = await startKeystoreServer({
    store: failing,
    address,
    onError: (err, method) => errors.push({ err, method }),
  });
  defer(t, () => server.close(100));
  await assert.rejects(RemoteKeyStore.connect({ address }), (err: Error) => {
    assert.match(err.message, /INTERNAL: internal error/);
    assert.equal(err.message.includes(leaky), false);
    return true;
  });
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.method, '/mpcium.v1.KeystoreService/GetKeystoreStatus');
});
