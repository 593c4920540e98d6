/**
 * The cluster over real servers: three signer nodes, each with its own NATS connection,
 * identity key and SQLite keystore, joined by signed and encrypted envelopes; the coordinator
 * reaches them over NATS request/reply and keeps operations in a real Redis. Provisioning,
 * wallet creation, ECDSA and Ed25519 signing, a node going down (signing goes on, wallet
 * creation names it) and coming back with its shares intact.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { NatsNodeClient, serveNode } from '@mpcium/control-nats';
import { Coordinator, CoordinatorError } from '@mpcium/coordinator';
import { checkInitiatorKey, newIntent, signIntent } from '@mpcium/intent';
import { SqliteKeyStore } from '@mpcium/keystore-sqlite';
import { SignerNode } from '@mpcium/node';
import { RedisOperationStore } from '@mpcium/operation-store';
import {
  CreateWalletActionSchema,
  KeyType,
  SignActionSchema,
  type SignatureResult,
  SignatureScheme,
} from '@mpcium/proto';
import { type NatsServer, type RedisServer, startNats, startRedis } from '@mpcium/testkit';
import { NodeIdentity, openNatsSessionTransport, PeerDirectory } from '@mpcium/transport-nats';
import { STANDARD_PROFILE } from '@mpcium/tss';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { safePrimePair } from '../packages/tss/src/testing/fixtures.js';

const parties = [1, 2, 3];
const identities = new Map(parties.map((p) => [p, NodeIdentity.generate(p)]));
const peers = new PeerDirectory(new Map(parties.map((p) => [p, identities.get(p)!.publicKey])));
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
const dir = mkdtempSync(join(tmpdir(), 'mpcium-cluster-'));
let nats: NatsServer;
let redis: RedisServer;
let coordinatorConn: NatsConnection;
let coordinator: Coordinator;
let store: RedisOperationStore;
const running = new Map<number, { nc: NatsConnection; keystore: SqliteKeyStore; serve: { close(): void } }>();

async function startNode(party: number): Promise<void> {
  const nc = await connect({ servers: nats.url });
  const keystore = await SqliteKeyStore.open({
    path: join(dir, `node${party - 1}.db`),
    password: 'pw',
    testOnlyScryptLogN: 10,
  });
  const pair = safePrimePair('standard', party + 2);
  const primes = [pair.p, pair.q];
  const identity = identities.get(party)!;
  const node = new SignerNode({
    cluster: { self: party, parties, threshold: 2, profile: STANDARD_PROFILE, auxSetId: 'c1' },
    keystore,
    transports: { open: (sessionId) => openNatsSessionTransport({ nc, sessionId, identity, peers }) },
    initiatorKeys,
    primes: { take: async () => primes.shift()! },
    roundTimeoutMs: 10_000,
  });
  running.set(party, { nc, keystore, serve: serveNode(nc, `node${party - 1}`, node) });
  await nc.flush();
}

async function stopNode(party: number): Promise<void> {
  const r = running.get(party)!;
  r.serve.close();
  await r.nc.close();
  await r.keystore.close();
  running.delete(party);
}

before(async () => {
  nats = await startNats();
  redis = await startRedis();
  for (const p of parties) await startNode(p);
  coordinatorConn = await connect({ servers: nats.url });
  store = new RedisOperationStore(redis.url);
  coordinator = new Coordinator({
    threshold: 2,
    nodes: parties.map(
      (party) => new NatsNodeClient(coordinatorConn, { nodeId: `node${party - 1}`, party, pingCacheMs: 0 }),
    ),
    store,
    initiatorKeys,
  });
  await coordinator.provision();
});

after(async () => {
  for (const p of [...running.keys()]) await stopNode(p);
  await coordinatorConn.close();
  await store.close();
  await redis.stop();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
});

const createReq = (walletId: string) =>
  signIntent(
    newIntent({ case: 'createWallet', value: create(CreateWalletActionSchema, { walletId }) }),
    initiator,
  );
const signReq = (walletId: string, keyType: KeyType, message: Uint8Array) =>
  signIntent(
    newIntent({ case: 'sign', value: create(SignActionSchema, { walletId, keyType, message }) }),
    initiator,
  );

describe('cluster over NATS and Redis', () => {
  const keys = new Map<KeyType, Uint8Array>();

  test('wallet creation and ECDSA and Ed25519 signing across processes-worth of connections', async () => {
    await coordinator.createWallet(createReq('w-nats'));
    for (const k of (await coordinator.getWallet('w-nats')).keys) keys.set(k.keyType, k.publicKey);
    const digest = randomBytes(32);
    const ecdsa = (await coordinator.sign(signReq('w-nats', KeyType.ECDSA_SECP256K1, digest))).result
      .value as SignatureResult;
    assert.ok(
      secp256k1.verify(ecdsa.signature, digest, keys.get(KeyType.ECDSA_SECP256K1)!, {
        prehash: false,
        lowS: true,
      }),
    );
    const message = new TextEncoder().encode('over nats');
    const ed = (await coordinator.sign(signReq('w-nats', KeyType.ED25519, message))).result
      .value as SignatureResult;
    assert.ok(ed25519.verify(ed.signature, message, keys.get(KeyType.ED25519)!, { zip215: false }));
  });

  test('a node down: signing continues, wallet creation names it; back up, its shares sign again', async () => {
    await stopNode(2);
    const digest = randomBytes(32);
    const op = await coordinator.sign(signReq('w-nats', KeyType.ECDSA_SECP256K1, digest));
    const sig = op.result.value as SignatureResult;
    assert.deepEqual(sig.signers, ['node0', 'node2']);
    assert.ok(
      secp256k1.verify(sig.signature, digest, keys.get(KeyType.ECDSA_SECP256K1)!, {
        prehash: false,
        lowS: true,
      }),
    );
    await assert.rejects(coordinator.createWallet(createReq('w-down')), (e: unknown) => {
      assert.ok(
        e instanceof CoordinatorError && e.kind === 'unavailable' && /node1/.test(e.message),
        String(e),
      );
      return true;
    });
    await startNode(2);
    const message = new TextEncoder().encode('node1 is back');
    const ed = (await coordinator.sign(signReq('w-nats', KeyType.ED25519, message))).result
      .value as SignatureResult;
    assert.deepEqual(ed.signers, ['node0', 'node1']);
    assert.ok(ed25519.verify(ed.signature, message, keys.get(KeyType.ED25519)!, { zip215: false }));
  });
});
