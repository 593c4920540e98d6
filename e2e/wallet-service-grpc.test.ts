/**
 * WalletService over gRPC on loopback, backed by the embedded cluster: wallet creation, ECDSA
 * and Ed25519 signing, operations and their watch stream, listing, cluster status, health; and
 * bad input, each with its specific status code and no state change.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { type EmbeddedCluster, startEmbeddedCluster } from '@mpcium/cli';
import { mapCoordinatorError, walletService } from '@mpcium/coordinator';
import { Code, createClient, GrpcError, type RunningGrpcServer, startServer } from '@mpcium/grpc';
import { newIntent, signIntent } from '@mpcium/intent';
import {
  CreateWalletActionSchema,
  KeyType,
  OperationState,
  SignActionSchema,
  WalletService,
} from '@mpcium/proto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '@noble/hashes/utils.js';

const dir = mkdtempSync(join(tmpdir(), 'mpcium-grpc-'));
let cluster: EmbeddedCluster;
let server: RunningGrpcServer;
let client: ReturnType<typeof createClient<typeof WalletService>>;

before(async () => {
  cluster = await startEmbeddedCluster({ dataDir: dir });
  server = await startServer({
    port: 0,
    services: [walletService(cluster.coordinator)],
    mapError: mapCoordinatorError,
    onError: () => {},
  });
  client = createClient(WalletService, server.address, { defaultDeadlineMs: 60_000 });
});

after(async () => {
  client.close();
  await server.shutdown(1000);
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

const createReq = (walletId: string, options = {}) => ({
  signedIntent: signIntent(
    newIntent({ case: 'createWallet', value: create(CreateWalletActionSchema, { walletId }) }, options),
    cluster.initiator,
  ),
});
const signReq = (walletId: string, keyType: KeyType, message: Uint8Array, options = {}) => ({
  signedIntent: signIntent(
    newIntent({ case: 'sign', value: create(SignActionSchema, { walletId, keyType, message }) }, options),
    cluster.initiator,
  ),
});

async function status(code: Code, p: Promise<unknown>) {
  await assert.rejects(p, (e: unknown) => e instanceof GrpcError && e.code === code);
}

describe('WalletService over gRPC', () => {
  test('create a wallet, sign with ECDSA and Ed25519, read and watch the operations', async () => {
    const created = await client.createWallet(createReq('w1'));
    assert.equal(created.operation?.state, OperationState.SUCCEEDED);
    const { wallet } = await client.getWallet({ walletId: 'w1' });
    const ecdsaKey = wallet!.keys.find((k) => k.keyType === KeyType.ECDSA_SECP256K1)!.publicKey;
    const edKey = wallet!.keys.find((k) => k.keyType === KeyType.ED25519)!.publicKey;
    const digest = randomBytes(32);
    const signed = await client.sign(signReq('w1', KeyType.ECDSA_SECP256K1, digest));
    const sig = signed.operation!.result.value as { signature: Uint8Array };
    assert.ok(secp256k1.verify(sig.signature, digest, ecdsaKey, { prehash: false, lowS: true }));
    const message = new TextEncoder().encode('gm');
    const ed = await client.sign(signReq('w1', KeyType.ED25519, message));
    assert.ok(
      ed25519.verify((ed.operation!.result.value as { signature: Uint8Array }).signature, message, edKey, {
        zip215: false,
      }),
    );
    const fetched = await client.getOperation({ operationId: ed.operation!.operationId });
    assert.equal(fetched.operation?.state, OperationState.SUCCEEDED);
    const events = [];
    for await (const e of client.watchOperation({ operationId: ed.operation!.operationId })) events.push(e);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.operation?.state, OperationState.SUCCEEDED);
    const list = await client.listWallets({ pageSize: 10 });
    assert.deepEqual(
      list.wallets.map((w) => w.walletId),
      ['w1'],
    );
    const st = await client.getClusterStatus({});
    assert.deepEqual([st.threshold, st.canSign, st.canCreateWallets, st.nodes.length], [2, true, true, 3]);
  });

  test('bad input: specific status codes, nothing stored', async () => {
    const digest = randomBytes(32);
    await status(Code.UNAUTHENTICATED, client.sign({}));
    const good = signReq('w1', KeyType.ECDSA_SECP256K1, digest);
    await status(
      Code.UNAUTHENTICATED,
      client.sign({ signedIntent: { ...good.signedIntent, keyId: 'nobody' } }),
    );
    const flipped = Uint8Array.from(good.signedIntent.signature);
    flipped[0]! ^= 1;
    await status(
      Code.UNAUTHENTICATED,
      client.sign({ signedIntent: { ...good.signedIntent, signature: flipped } }),
    );
    await status(
      Code.FAILED_PRECONDITION,
      client.sign(signReq('w1', KeyType.ED25519, digest, { nowMs: Date.now() - 120_000 })),
    );
    await status(Code.INVALID_ARGUMENT, client.sign(signReq('w1', KeyType.ECDSA_SECP256K1, digest.slice(2))));
    await status(Code.INVALID_ARGUMENT, client.sign(signReq('w1', KeyType.UNSPECIFIED, digest)));
    await status(Code.NOT_FOUND, client.sign(signReq('ghost', KeyType.ED25519, digest)));
    await status(
      Code.RESOURCE_EXHAUSTED,
      client.sign(signReq('w1', KeyType.ED25519, new Uint8Array(5 << 20))),
    );
    await status(Code.NOT_FOUND, client.getOperation({ operationId: good.signedIntent.keyId }));
    // Replay: the same signed request returns the same operation; no second signature is made.
    const once = await client.sign(good);
    const twice = await client.sign(good);
    assert.deepEqual(twice.operation?.result.value, once.operation?.result.value);
    await status(Code.NOT_FOUND, client.getWallet({ walletId: 'ghost' }));
  });
});
