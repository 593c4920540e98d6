/**
 * The cluster as separate processes, the way operators run it: nats-server, redis-server, a
 * keystore and a signer process per node and the coordinator, all started by `mpcium start`
 * from the files `mpcium init` wrote, driven through the coordinator's gRPC WalletService.
 * Concurrent wallet creation; ECDSA with a warm and an empty presignature pool; Ed25519 and
 * Taproot (one round, from pooled nonces); every signature verified independently; bad input; a signer killed and restarted;
 * the coordinator killed during a signature (the restarted one finishes it; the result event is
 * delivered once); NATS restarted mid-run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { create, fromBinary } from '@bufbuild/protobuf';
import { credentials, Client as RawClient } from '@grpc/grpc-js';
import { subscribeResults } from '@mpcium/events-nats';
import { Code, GrpcError } from '@mpcium/grpc';
import { newIntent, signIntent } from '@mpcium/intent';
import {
  CreateWalletActionSchema,
  IntentSchema,
  KeyType,
  type Operation,
  OperationState,
  SignActionSchema,
  type SignatureResult,
  type Wallet,
} from '@mpcium/proto';
import { connect } from '@nats-io/transport-node';
import { ed25519 } from '@noble/curves/ed25519.js';
import { schnorr } from '@noble/curves/secp256k1.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { recoverAddress, Signature } from 'ethers';
import * as tinysecp from 'tiny-secp256k1';
import { ProcessCluster } from './harness/process-cluster.js';

let cluster: ProcessCluster;
let client: ReturnType<ProcessCluster['client']>;

before(async () => {
  cluster = await ProcessCluster.start({ presignatures: 1 });
  client = cluster.client();
});

after(async () => {
  client?.close();
  await cluster?.stop();
});

const createReq = (walletId: string, taproot = false, options = {}) => ({
  signedIntent: signIntent(
    newIntent(
      { case: 'createWallet', value: create(CreateWalletActionSchema, { walletId, taproot }) },
      options,
    ),
    cluster.initiator,
  ),
});
const signReq = (walletId: string, keyType: KeyType, message: Uint8Array, options = {}) => ({
  signedIntent: signIntent(
    newIntent({ case: 'sign', value: create(SignActionSchema, { walletId, keyType, message }) }, options),
    cluster.initiator,
  ),
});

async function status(code: Code, call: Promise<unknown>): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof GrpcError, String(e));
    assert.equal(e.code, code, `expected ${Code[code]}, got ${Code[e.code]}: ${e.message}`);
    return true;
  });
}

function succeeded(op: Operation | undefined): Operation {
  assert.ok(op);
  if (op.state !== OperationState.SUCCEEDED) assert.fail(`operation ${op.operationId}: ${describeOp(op)}`);
  return op;
}

const describeOp = (op: Operation) =>
  `${OperationState[op.state]} ${op.result.case === 'error' ? `${op.result.value.code}: ${op.result.value.message}` : ''}`;

function keyOf(wallet: Wallet, keyType: KeyType) {
  const key = wallet.keys.find((k) => k.keyType === keyType);
  assert.ok(key, `wallet ${wallet.walletId} has key type ${KeyType[keyType]}`);
  return key;
}

/** ECDSA: ethers recovers the wallet's Ethereum address from (r, s, v) over the digest. */
function checkEcdsa(wallet: Wallet, digest: Uint8Array, sig: SignatureResult): void {
  const hex = Buffer.from(sig.signature).toString('hex');
  const recovered = recoverAddress(
    digest,
    Signature.from({ r: `0x${hex.slice(0, 64)}`, s: `0x${hex.slice(64)}`, v: 27 + sig.recoveryId }),
  );
  assert.equal(recovered.toLowerCase(), keyOf(wallet, KeyType.ECDSA_SECP256K1).address);
}

const wallets = new Map<string, Wallet>();

async function sign(walletId: string, keyType: KeyType, message: Uint8Array): Promise<Operation> {
  return succeeded((await client.sign(signReq(walletId, keyType, message))).operation);
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('multi-process cluster over NATS and Redis', () => {
  test('concurrent wallet creation', async () => {
    const ids = ['w-a', 'w-b', 'w-c'];
    const ops = await Promise.all(ids.map((id) => client.createWallet(createReq(id, id === 'w-b'))));
    for (const res of ops) {
      const wallet = succeeded(res.operation).result.value as Wallet;
      wallets.set(wallet.walletId, wallet);
    }
    assert.deepEqual([...wallets.keys()].sort(), ids);
    const keys = [...wallets.values()].flatMap((w) =>
      w.keys.map((k) => Buffer.from(k.publicKey).toString('hex')),
    );
    assert.equal(new Set(keys).size, keys.length, 'every key is distinct');
    assert.equal(wallets.get('w-b')!.keys.length, 3);
    const listed = await client.listWallets({});
    assert.deepEqual(
      listed.wallets.map((w) => w.walletId),
      ids,
    );
  });

  test('ECDSA with a warm presignature pool, then with an empty one', async () => {
    await waitUntil('node0 holds a presignature for w-a', async () =>
      (await cluster.nodeStatus('node0')).pools.some((p) => p.walletId === 'w-a' && p.available > 0),
    );
    await waitUntil(
      'the coordinator counts it ready',
      async () => (await client.getWallet({ walletId: 'w-a' })).presignaturesReady === 1,
    );
    // Two signatures at once: one takes the ready presignature, the other finds the pool empty.
    const digests = [randomBytes(32), randomBytes(32)];
    const ops = await Promise.all(digests.map((d) => sign('w-a', KeyType.ECDSA_SECP256K1, d)));
    for (const [k, op] of ops.entries())
      checkEcdsa(wallets.get('w-a')!, digests[k]!, op.result.value as SignatureResult);
    const progress = ops.map((op) => op.progress).sort();
    assert.deepEqual(progress, ['presignature from the pool', 'presigning on demand']);
  });

  test('Ed25519 and Taproot signatures verify independently', async () => {
    const wallet = wallets.get('w-b')!;
    for (const message of [utf8ToBytes('hello ed25519'), new Uint8Array(0), randomBytes(4096)]) {
      const op = await sign('w-b', KeyType.ED25519, message);
      // The coordinator keeps FROST nonces pooled on every node since the wallet was created.
      assert.equal(op.progress, 'one round with pooled nonces');
      const sig = op.result.value as SignatureResult;
      assert.ok(
        ed25519.verify(sig.signature, message, keyOf(wallet, KeyType.ED25519).publicKey, { zip215: false }),
      );
    }
    const message = randomBytes(32);
    const sig = (await sign('w-b', KeyType.TAPROOT, message)).result.value as SignatureResult;
    const xOnly = keyOf(wallet, KeyType.TAPROOT).publicKey;
    assert.ok(schnorr.verify(sig.signature, message, xOnly));
    assert.ok(tinysecp.verifySchnorr(message, xOnly, sig.signature), 'libsecp256k1 agrees');
  });

  test('bad input: a specific status for each, and nothing changes', async () => {
    const before = (await client.listWallets({})).wallets.map((w) => w.walletId);
    const digest = randomBytes(32);
    const good = signReq('w-a', KeyType.ECDSA_SECP256K1, digest);
    await status(Code.UNAUTHENTICATED, client.sign({}));
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
      client.sign(signReq('w-a', KeyType.ED25519, digest, { nowMs: Date.now() - 600_000 })),
    );
    // Replayed: the same nonce under a fresh intent id.
    const first = newIntent({
      case: 'sign',
      value: create(SignActionSchema, { walletId: 'w-a', keyType: KeyType.ED25519, message: digest }),
    });
    succeeded((await client.sign({ signedIntent: signIntent(first, cluster.initiator) })).operation);
    const replay = create(IntentSchema, { ...first, id: crypto.randomUUID() });
    await status(
      Code.FAILED_PRECONDITION,
      client.sign({ signedIntent: signIntent(replay, cluster.initiator) }),
    );
    // Malformed: properly signed bytes that are not an intent, and bytes that are not a request.
    const bytes = Uint8Array.from([0x0a, 0xff, 0x01, ...randomBytes(20)]);
    const garbage = {
      ...good.signedIntent,
      intent: bytes,
      signature: ed25519.sign(bytes, cluster.initiator.secretKey),
    };
    await status(Code.INVALID_ARGUMENT, client.sign({ signedIntent: garbage }));
    await status(
      Code.INVALID_ARGUMENT,
      rawCall(cluster.address, '/mpcium.v1.WalletService/Sign', Buffer.from([0xff, 0xff, 0xff])),
    );
    await status(Code.NOT_FOUND, client.sign(signReq('ghost', KeyType.ED25519, digest)));
    await status(
      Code.INVALID_ARGUMENT,
      client.sign(signReq('w-a', KeyType.ECDSA_SECP256K1, digest.slice(1))),
    );
    await status(
      Code.RESOURCE_EXHAUSTED,
      client.sign(signReq('w-a', KeyType.ED25519, new Uint8Array(5 << 20))),
    );
    await status(Code.INVALID_ARGUMENT, client.sign(signReq('w-a', KeyType.UNSPECIFIED, digest)));
    await status(Code.NOT_FOUND, client.sign(signReq('w-c', KeyType.TAPROOT, digest)));
    await status(Code.NOT_FOUND, client.getOperation({ operationId: good.signedIntent.keyId }));
    await status(Code.ALREADY_EXISTS, client.createWallet(createReq('w-a')));
    assert.deepEqual(
      (await client.listWallets({})).wallets.map((w) => w.walletId),
      before,
    );
  });

  test('a signer killed: signing goes on, wallet creation names it; restarted, it signs again', async () => {
    await cluster.stopService('node1', 'SIGKILL');
    const digest = randomBytes(32);
    const op = await sign('w-a', KeyType.ECDSA_SECP256K1, digest);
    const sig = op.result.value as SignatureResult;
    assert.deepEqual(sig.signers, ['node0', 'node2']);
    checkEcdsa(wallets.get('w-a')!, digest, sig);
    await assert.rejects(client.createWallet(createReq('w-down')), (e: unknown) => {
      assert.ok(e instanceof GrpcError && e.code === Code.UNAVAILABLE && /node1/.test(e.message), String(e));
      return true;
    });
    await status(Code.NOT_FOUND, client.getWallet({ walletId: 'w-down' }));
    await cluster.startService('node1', 'signer ready');
    await waitUntil('node1 is ready again', async () => (await client.getClusterStatus({})).canCreateWallets);
    const message = utf8ToBytes('node1 is back');
    const ed = (await sign('w-c', KeyType.ED25519, message)).result.value as SignatureResult;
    assert.deepEqual(ed.signers, ['node0', 'node1']);
    assert.ok(ed25519.verify(ed.signature, message, keyOf(wallets.get('w-c')!, KeyType.ED25519).publicKey));
  });

  test('coordinator killed during a signature: the restarted one finishes it, one NATS event', async () => {
    const events = new Map<string, number>();
    const nc = await connect({ servers: cluster.nats.url });
    const sub = await subscribeResults(nc, {
      durable: 'e2e-backend',
      onEvent: (op) => {
        events.set(op.operationId, (events.get(op.operationId) ?? 0) + 1);
      },
    });
    try {
      const wallet = succeeded((await client.createWallet(createReq('w-restart'))).operation).result
        .value as Wallet;
      const digest = randomBytes(32);
      // The pool is still being filled: this signature presigns on demand (about a second).
      const req = signReq('w-restart', KeyType.ECDSA_SECP256K1, digest);
      const id = fromBinary(IntentSchema, req.signedIntent.intent).id;
      const cut = client.sign(req).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300));
      await cluster.stopService('coordinator', 'SIGKILL');
      assert.ok((await cut) instanceof GrpcError, 'the caller saw the coordinator go away');
      await cluster.startService('coordinator', 'coordinator ready');
      let op: Operation | undefined;
      await waitUntil('the restarted coordinator finished the operation', async () => {
        op = (await client.getOperation({ operationId: id })).operation;
        return op?.state === OperationState.SUCCEEDED || op?.state === OperationState.FAILED;
      });
      checkEcdsa(wallet, digest, succeeded(op).result.value as SignatureResult);
      await waitUntil('its result event arrived', async () => events.has(id));
      await new Promise((r) => setTimeout(r, 1_000));
      assert.equal(events.get(id), 1, 'the result event is delivered once');
      // Asking again returns the same operation, and no second event.
      const again = (await client.sign(req)).operation!;
      assert.deepEqual(again.result.value, op!.result.value);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(events.get(id), 1);
    } finally {
      await sub.stop();
      await nc.close();
    }
  });

  test('NATS restarted mid-run: the cluster recovers by itself', async () => {
    await cluster.restartNats();
    const back = Date.now();
    // Ready again once every node has reported since the server came back (reconnected).
    await waitUntil(
      'every node reported after the NATS restart',
      async () => (await client.getClusterStatus({})).nodes.every((n) => Number(n.lastHeartbeatMs) > back),
      60_000,
    );
    const wallet = succeeded((await client.createWallet(createReq('w-after-nats'))).operation).result
      .value as Wallet;
    const digest = randomBytes(32);
    checkEcdsa(
      wallet,
      digest,
      (await sign('w-after-nats', KeyType.ECDSA_SECP256K1, digest)).result.value as SignatureResult,
    );
  });
});

/** A unary call with raw request bytes, bypassing the typed client (malformed protobuf). */
function rawCall(address: string, path: string, body: Buffer): Promise<unknown> {
  const raw = new RawClient(address, credentials.createInsecure());
  return new Promise((resolve, reject) => {
    raw.makeUnaryRequest(
      path,
      (b: Buffer) => b,
      (b: Buffer) => b,
      body,
      (err, value) => {
        raw.close();
        if (err) reject(new GrpcError(err.code as unknown as Code, err.details));
        else resolve(value);
      },
    );
  });
}
