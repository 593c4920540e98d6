/**
 * The coordinator over three real signer nodes (SQLite keystores, in-memory bus): provisioning,
 * wallet creation with ECDSA, Ed25519 and Taproot keys, ECDSA signing with an empty and a warm
 * presignature pool, FROST signing, every signature checked independently; idempotency, replay
 * and bad input refused with a specific kind and no state change; a node going away.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { checkInitiatorKey, newIntent, signIntent } from '@mpcium/intent';
import { SqliteKeyStore } from '@mpcium/keystore-sqlite';
import { SignerNode } from '@mpcium/node';
import { MemoryOperationStore } from '@mpcium/operation-store';
import {
  CreateWalletActionSchema,
  type Intent,
  IntentSchema,
  KeyType,
  type Operation,
  OperationSchema,
  OperationState,
  SignActionSchema,
  SignatureScheme,
  SignedIntentSchema,
  WalletSchema,
} from '@mpcium/proto';
import { MemoryBus } from '@mpcium/transport-memory';
import { STANDARD_PROFILE } from '@mpcium/tss';
import { ed25519 } from '@noble/curves/ed25519.js';
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { computeAddress, hexlify, recoverAddress } from 'ethers';
import { safePrimePair } from '../../../../packages/tss/src/testing/fixtures.js';
import { Coordinator } from './coordinator.js';
import { CoordinatorError, type CoordinatorErrorKind } from './errors.js';
import type { NodeEndpoint } from './node-endpoint.js';

const parties = [1, 2, 3];
const secret = ed25519.utils.randomSecretKey();
const initiator = { keyId: 'backend', scheme: SignatureScheme.ED25519, secretKey: secret };
const initiatorKeys = new Map([
  [
    'backend',
    checkInitiatorKey({
      keyId: 'backend',
      scheme: SignatureScheme.ED25519,
      publicKey: ed25519.getPublicKey(secret),
    }),
  ],
]);
const dir = mkdtempSync(join(tmpdir(), 'mpcium-coord-'));
const stores: SqliteKeyStore[] = [];
const up = new Map(parties.map((p) => [p, true]));
let coordinator: Coordinator;
const endpoints: NodeEndpoint[] = [];

before(async () => {
  const bus = new MemoryBus();
  for (const party of parties) {
    const keystore = await SqliteKeyStore.open({
      path: join(dir, `n${party}.db`),
      password: 'pw',
      testOnlyScryptLogN: 10,
    });
    stores.push(keystore);
    const pair = safePrimePair('standard', party - 1);
    const primes = [pair.p, pair.q];
    const node = new SignerNode({
      cluster: { self: party, parties, threshold: 2, profile: STANDARD_PROFILE, auxSetId: 'c1' },
      keystore,
      transports: { open: (sid, self) => bus.open(sid, self) },
      initiatorKeys,
      primes: { take: async () => primes.shift()! },
      roundTimeoutMs: 5_000,
    });
    endpoints.push({
      party,
      nodeId: `node${party - 1}`,
      propose: (p) => node.propose(p),
      run: (sid) => node.run(sid),
      cancel: (sid) => node.cancel(sid),
      recall: (r) => node.recall(r),
      commitNonces: (r) => node.commitNonces(r),
      online: () => up.get(party)!,
    });
  }
  coordinator = new Coordinator({
    threshold: 2,
    nodes: endpoints,
    store: new MemoryOperationStore(),
    initiatorKeys,
  });
  await coordinator.provision();
});

after(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const createWallet = (walletId: string, taproot = false, options = {}) =>
  signIntent(
    newIntent(
      { case: 'createWallet', value: create(CreateWalletActionSchema, { walletId, taproot }) },
      options,
    ),
    initiator,
  );
const signReq = (walletId: string, keyType: KeyType, message: Uint8Array, options = {}) =>
  signIntent(
    newIntent({ case: 'sign', value: create(SignActionSchema, { walletId, keyType, message }) }, options),
    initiator,
  );

const sameOp = (a: Operation, b: Operation) =>
  Buffer.from(toBinary(OperationSchema, a)).equals(Buffer.from(toBinary(OperationSchema, b)));

async function refused(kind: CoordinatorErrorKind, p: Promise<unknown>, pattern?: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CoordinatorError, String(e));
    assert.equal(e.kind, kind, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

describe('coordinator', () => {
  const keys = new Map<KeyType, Uint8Array>();

  test('creates a wallet with ECDSA, Ed25519 and Taproot keys', async () => {
    const op = await coordinator.createWallet(createWallet('alice', true));
    assert.equal(op.state, OperationState.SUCCEEDED);
    assert.equal(op.result.case, 'wallet');
    const wallet = await coordinator.getWallet('alice');
    for (const k of wallet.keys) keys.set(k.keyType, k.publicKey);
    assert.deepEqual([...keys.keys()].sort(), [KeyType.ECDSA_SECP256K1, KeyType.ED25519, KeyType.TAPROOT]);
    const eth = wallet.keys.find((k) => k.keyType === KeyType.ECDSA_SECP256K1)!;
    assert.equal(eth.address, computeAddress(hexlify(eth.publicKey)).toLowerCase());
  });

  test('ECDSA signing with an empty pool, then with a warm pool', async () => {
    for (const warm of [false, true]) {
      if (warm) assert.equal(await coordinator.presign('alice', 1), 1);
      const digest = randomBytes(32);
      const op = await coordinator.sign(signReq('alice', KeyType.ECDSA_SECP256K1, digest));
      assert.equal(op.result.case, 'signature');
      const sig = op.result.value;
      assert.ok(
        secp256k1.verify(sig.signature, digest, keys.get(KeyType.ECDSA_SECP256K1)!, {
          prehash: false,
          lowS: true,
        }),
      );
      const recovered = recoverAddress(digest, {
        r: hexlify(sig.signature.slice(0, 32)),
        s: hexlify(sig.signature.slice(32)),
        v: 27 + sig.recoveryId,
      });
      assert.equal(recovered, computeAddress(hexlify(keys.get(KeyType.ECDSA_SECP256K1)!)));
      if (warm) assert.equal(coordinator.presignaturesAvailable('alice'), 0);
    }
  });

  test('Ed25519 and Taproot signing, verified strictly', async () => {
    const message = new TextEncoder().encode('hello');
    const ed = await coordinator.sign(signReq('alice', KeyType.ED25519, message));
    assert.ok(
      ed25519.verify(
        (ed.result.value as { signature: Uint8Array }).signature,
        message,
        keys.get(KeyType.ED25519)!,
        { zip215: false },
      ),
    );
    const tr = await coordinator.sign(signReq('alice', KeyType.TAPROOT, message));
    assert.ok(
      schnorr.verify(
        (tr.result.value as { signature: Uint8Array }).signature,
        message,
        keys.get(KeyType.TAPROOT)!,
      ),
    );
  });

  test('idempotent: the same request returns the same operation, never a second signature', async () => {
    const request = signReq('alice', KeyType.ED25519, new TextEncoder().encode('once'));
    const first = await coordinator.sign(request);
    const second = await coordinator.sign(request);
    assert.ok(sameOp(second, first));
    assert.ok(sameOp(await coordinator.getOperation(first.operationId), first));
  });

  test('bad input is refused with a specific kind and changes nothing', async () => {
    const digest = randomBytes(32);
    await refused('unauthenticated', coordinator.sign(undefined), /no signed intent/);
    const good = signReq('alice', KeyType.ECDSA_SECP256K1, digest);
    await refused(
      'unauthenticated',
      coordinator.sign({ ...good, keyId: 'mallory' }),
      /unknown initiator key/,
    );
    const flipped = Uint8Array.from(good.signature);
    flipped[5]! ^= 1;
    await refused('unauthenticated', coordinator.sign({ ...good, signature: flipped }), /does not verify/);
    await refused(
      'failed-precondition',
      coordinator.sign(signReq('alice', KeyType.ED25519, digest, { nowMs: Date.now() - 120_000 })),
      /expired/,
    );
    await refused(
      'invalid-argument',
      coordinator.sign(signReq('alice', KeyType.ECDSA_SECP256K1, digest.slice(1))),
      /32-byte digest/,
    );
    await refused(
      'invalid-argument',
      coordinator.sign({
        ...good,
        intent: Uint8Array.of(1, 2, 3),
        signature: ed25519.sign(Uint8Array.of(1, 2, 3), secret),
      }),
    );
    await refused('not-found', coordinator.sign(signReq('nobody', KeyType.ED25519, digest)), /no wallet/);
    await refused('invalid-argument', coordinator.sign(createWallet('bob')), /not a sign intent/);
    // The same intent id for a different request is refused; the first request's result stands.
    const id = 'fixed-id-1';
    const a = await coordinator.sign(signReq('alice', KeyType.ED25519, digest, { id }));
    await refused(
      'already-exists',
      coordinator.sign(signReq('alice', KeyType.ED25519, randomBytes(32), { id })),
    );
    assert.ok(sameOp(await coordinator.getOperation(id), a));
    // A replayed nonce under another id is refused.
    const replay = signReq('alice', KeyType.ED25519, digest);
    const intent: Intent = fromBinary(IntentSchema, replay.intent);
    intent.id = 'other-id-2';
    const bytes = toBinary(IntentSchema, intent);
    await coordinator.sign(replay);
    await refused(
      'failed-precondition',
      coordinator.sign({ ...replay, intent: bytes, signature: ed25519.sign(bytes, secret) }),
      /replayed/,
    );
    await refused('not-found', coordinator.getWallet('bob'));
  });

  test('a warm pool: refilled in the background after wallet creation and after each signature', async () => {
    const pooled = new Coordinator({
      threshold: 2,
      nodes: endpoints,
      store: new MemoryOperationStore(),
      initiatorKeys,
      presignPoolSize: 2,
    });
    await pooled.createWallet(createWallet('dave'));
    await pooled.drain();
    assert.equal(pooled.presignaturesAvailable('dave'), 2);
    const digest = randomBytes(32);
    const op = await pooled.sign(signReq('dave', KeyType.ECDSA_SECP256K1, digest));
    const key = (await pooled.getWallet('dave')).keys.find(
      (k) => k.keyType === KeyType.ECDSA_SECP256K1,
    )!.publicKey;
    assert.ok(
      secp256k1.verify((op.result.value as { signature: Uint8Array }).signature, digest, key, {
        prehash: false,
        lowS: true,
      }),
    );
    await pooled.drain();
    assert.equal(pooled.presignaturesAvailable('dave'), 2);
    assert.deepEqual(pooled.counters(), { pooledSignatures: 1, onDemandSignatures: 0, presignSessions: 3 });
    // node0 destroyed its presignatures (to make room, say): the pooled one is refused, and the
    // signature is made with one presigned on demand instead.
    while (await stores[0]!.takePooled('presignature', 'dave', 'ecdsa-secp256k1', 1)) {}
    const again = randomBytes(32);
    const op2 = await pooled.sign(signReq('dave', KeyType.ECDSA_SECP256K1, again));
    assert.equal(op2.progress, 'presigning on demand (a pooled presignature was gone)');
    assert.ok(
      secp256k1.verify((op2.result.value as { signature: Uint8Array }).signature, again, key, {
        prehash: false,
        lowS: true,
      }),
    );
    await pooled.drain();
  });

  test('one node down: signing continues with the others; wallet creation names the missing node', async () => {
    up.set(2, false);
    try {
      const digest = randomBytes(32);
      const op = await coordinator.sign(signReq('alice', KeyType.ECDSA_SECP256K1, digest));
      assert.deepEqual((op.result.value as { signers: string[] }).signers, ['node0', 'node2']);
      await refused('unavailable', coordinator.createWallet(createWallet('carol')), /node1/);
      await refused('not-found', coordinator.getWallet('carol'));
    } finally {
      up.set(2, true);
    }
    assert.equal((await coordinator.createWallet(createWallet('carol'))).state, OperationState.SUCCEEDED);
  });

  test('restarted coordinator: finishes what the nodes completed, runs what no node started', async () => {
    // The first coordinator "dies" before it can record the end of its operations: its store
    // refuses the final update, as if the process stopped right there.
    const store = new MemoryOperationStore();
    const dying = {
      open: store.open.bind(store),
      get: store.get.bind(store),
      update: async () => Promise.reject(new Error('process stopped')),
      unfinished: store.unfinished.bind(store),
      claimNonce: store.claimNonce.bind(store),
      close: store.close.bind(store),
      saveWallet: store.saveWallet.bind(store),
      getWallet: store.getWallet.bind(store),
      listWalletIds: store.listWalletIds.bind(store),
    };
    const first = new Coordinator({ threshold: 2, nodes: endpoints, store: dying, initiatorKeys });
    await store.saveWallet('alice', toBinary(WalletSchema, await coordinator.getWallet('alice')));
    const message = randomBytes(32);
    const signed = signReq('alice', KeyType.ED25519, message);
    await assert.rejects(first.sign(signed), /process stopped/);
    const created = createWallet('erin', true);
    await assert.rejects(first.createWallet(created), /process stopped/);
    // Opened but never started (stopped right after opening).
    const pending = signReq('alice', KeyType.ECDSA_SECP256K1, randomBytes(32));
    const pendingIntent = fromBinary(IntentSchema, pending.intent);
    await store.open(
      create(OperationSchema, { operationId: pendingIntent.id, state: OperationState.RUNNING }),
      new Uint8Array(32),
      toBinary(SignedIntentSchema, pending),
    );
    assert.equal((await store.unfinished()).length, 3);

    const finished: Operation[] = [];
    const second = new Coordinator({
      threshold: 2,
      nodes: endpoints,
      store,
      initiatorKeys,
      onFinished: (op) => {
        finished.push(op);
      },
    });
    assert.equal(await second.resume(), 3);
    assert.deepEqual(await store.unfinished(), []);
    const id = fromBinary(IntentSchema, signed.intent).id;
    const sig = (await second.getOperation(id)).result.value as { signature: Uint8Array; signers: string[] };
    const edKey = (await second.getWallet('alice')).keys.find((k) => k.keyType === KeyType.ED25519)!;
    assert.ok(ed25519.verify(sig.signature, message, edKey.publicKey, { zip215: false }));
    assert.deepEqual(sig.signers, ['node0', 'node1']);
    const wallet = await second.getWallet('erin');
    assert.equal(wallet.keys.length, 3, 'the wallet keys the nodes made are recorded');
    const ecdsa = await second.getOperation(pendingIntent.id);
    assert.equal(ecdsa.state, OperationState.SUCCEEDED, 'the operation no node started ran now');
    assert.deepEqual(
      finished.map((op) => op.state).sort(),
      [3, 3, 3].map(() => OperationState.SUCCEEDED),
    );
    // The same request now returns the finished operation; nothing is signed twice.
    assert.ok(sameOp(await second.sign(signed), await second.getOperation(id)));
  });

  test('FROST in one round with pooled nonces; a node without its nonce means two rounds', async () => {
    const pooled = new Coordinator({
      threshold: 2,
      nodes: endpoints,
      store: new MemoryOperationStore(),
      initiatorKeys,
      noncePoolSize: 4,
    });
    await pooled.createWallet(createWallet('frank', true));
    await pooled.drain();
    for (const party of parties) assert.equal(pooled.noncesAvailable('frank', KeyType.TAPROOT, party), 4);
    const wallet = await pooled.getWallet('frank');
    const keyOf = (t: KeyType) => wallet.keys.find((k) => k.keyType === t)!.publicKey;
    for (const keyType of [KeyType.ED25519, KeyType.TAPROOT, KeyType.ED25519]) {
      const message = randomBytes(40);
      const op = await pooled.sign(signReq('frank', keyType, message));
      assert.equal(op.progress, 'one round with pooled nonces');
      const sig = (op.result.value as { signature: Uint8Array }).signature;
      assert.ok(
        keyType === KeyType.ED25519
          ? ed25519.verify(sig, message, keyOf(keyType), { zip215: false })
          : schnorr.verify(sig, message, keyOf(keyType)),
      );
    }
    await pooled.drain();
    assert.equal(pooled.noncesAvailable('frank', KeyType.ED25519, 1), 4, 'refilled after use');
    // node0's nonces disappear (taken by someone else): it refuses, and two rounds sign instead.
    while (await stores[0]!.takePooled('frost-nonce', 'frank', 'ed25519', 1)) {}
    const message = randomBytes(8);
    const op = await pooled.sign(signReq('frank', KeyType.ED25519, message));
    assert.equal(op.progress, 'two rounds');
    const sig = (op.result.value as { signature: Uint8Array }).signature;
    assert.ok(ed25519.verify(sig, message, keyOf(KeyType.ED25519), { zip215: false }));
    await pooled.drain();
  });
});
