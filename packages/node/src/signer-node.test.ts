/**
 * Three signer nodes with real SQLite keystores over the in-memory bus, driven the way the
 * coordinator drives them: aux info, wallet creation (ECDSA and Ed25519), presigning into the
 * keystore pools, ECDSA and FROST signing authorised by signed intents, each signature checked
 * independently; and the refusals: replayed intent, reused presignature, unsigned or mismatched
 * intent, wrong participants, a second key for an existing wallet.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { checkInitiatorKey, newIntent, signIntent } from '@mpcium/intent';
import { SqliteKeyStore } from '@mpcium/keystore-sqlite';
import {
  CreateWalletActionSchema,
  KeyType,
  SessionKind,
  type SessionOutcome,
  SessionProposalSchema,
  SignActionSchema,
  SignatureScheme,
  type SignedIntent,
} from '@mpcium/proto';
import { MemoryBus } from '@mpcium/transport-memory';
import { STANDARD_PROFILE } from '@mpcium/tss';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { computeAddress, hexlify, recoverAddress } from 'ethers';
import { safePrimePair } from '../../tss/src/testing/fixtures.js';
import { SignerNode } from './signer-node.js';

const parties = [1, 2, 3];
const initiatorSecret = ed25519.utils.randomSecretKey();
const initiator = { keyId: 'backend', scheme: SignatureScheme.ED25519, secretKey: initiatorSecret };
const initiatorKeys = new Map([
  [
    'backend',
    checkInitiatorKey({
      keyId: 'backend',
      scheme: SignatureScheme.ED25519,
      publicKey: ed25519.getPublicKey(initiatorSecret),
    }),
  ],
]);
const dir = mkdtempSync(join(tmpdir(), 'mpcium-node-'));
const bus = new MemoryBus();
const nodes = new Map<number, SignerNode>();
const stores: SqliteKeyStore[] = [];

before(async () => {
  for (const party of parties) {
    const keystore = await SqliteKeyStore.open({
      path: join(dir, `node${party}.db`),
      password: `pw-${party}`,
      testOnlyScryptLogN: 10,
    });
    stores.push(keystore);
    const pair = safePrimePair('standard', party + 3);
    const primes = [pair.p, pair.q];
    nodes.set(
      party,
      new SignerNode({
        cluster: { self: party, parties, threshold: 2, profile: STANDARD_PROFILE, auxSetId: 'cluster-1' },
        keystore,
        transports: { open: (sid, self) => bus.open(sid, self) },
        initiatorKeys,
        primes: { take: async () => primes.shift()! },
        roundTimeoutMs: 5_000,
      }),
    );
  }
});

after(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Ask {
  kind: SessionKind;
  participants: number[];
  walletId?: string;
  keyType?: KeyType;
  signedIntent?: SignedIntent;
  presignatureId?: string;
}

/** Proposes to every participant; when all accept, runs them together. */
async function drive(ask: Ask): Promise<{ reasons: string[]; outcomes: SessionOutcome[] }> {
  const proposal = create(SessionProposalSchema, {
    sessionId: randomBytes(32),
    kind: ask.kind,
    walletId: ask.walletId ?? '',
    keyType: ask.keyType ?? KeyType.UNSPECIFIED,
    participants: ask.participants,
    presignatureId: ask.presignatureId ?? '',
    ...(ask.signedIntent ? { signedIntent: ask.signedIntent } : {}),
  });
  const readies = await Promise.all(ask.participants.map((p) => nodes.get(p)!.propose(proposal)));
  const reasons = readies.filter((r) => !r.accepted).map((r) => r.reason);
  if (reasons.length > 0) {
    for (const p of ask.participants) nodes.get(p)!.cancel(proposal.sessionId);
    return { reasons, outcomes: [] };
  }
  return {
    reasons,
    outcomes: await Promise.all(ask.participants.map((p) => nodes.get(p)!.run(proposal.sessionId))),
  };
}

function allOk(outcomes: SessionOutcome[]): SessionOutcome[] {
  for (const o of outcomes) assert.ok(o.ok, `party ${o.party}: ${o.errorKind} ${o.error}`);
  return outcomes;
}

const createIntent = (walletId: string) =>
  signIntent(
    newIntent({ case: 'createWallet', value: create(CreateWalletActionSchema, { walletId }) }),
    initiator,
  );
const signRequest = (walletId: string, keyType: KeyType, message: Uint8Array) =>
  signIntent(
    newIntent({ case: 'sign', value: create(SignActionSchema, { walletId, keyType, message }) }),
    initiator,
  );

describe('signer nodes', () => {
  let ecdsaKey: Uint8Array;
  let edKey: Uint8Array;

  test('aux info, then wallet creation with ECDSA and Ed25519 keys', async () => {
    allOk((await drive({ kind: SessionKind.AUX_INFO, participants: parties })).outcomes);
    const intent = createIntent('wallet-1');
    const ecdsa = allOk(
      (
        await drive({
          kind: SessionKind.ECDSA_KEYGEN,
          participants: parties,
          walletId: 'wallet-1',
          signedIntent: intent,
        })
      ).outcomes,
    );
    const ed = allOk(
      (
        await drive({
          kind: SessionKind.FROST_KEYGEN,
          participants: parties,
          walletId: 'wallet-1',
          keyType: KeyType.ED25519,
          signedIntent: intent,
        })
      ).outcomes,
    );
    ecdsaKey = ecdsa[0]!.publicKey;
    edKey = ed[0]!.publicKey;
    for (const o of ecdsa) assert.deepEqual(o.publicKey, ecdsaKey);
    for (const o of ed) assert.deepEqual(o.publicKey, edKey);
    assert.equal(ecdsaKey.length, 33);
    assert.equal(edKey.length, 32);
  });

  test('presign into the pools, then sign an Ethereum digest with one online round', async () => {
    allOk(
      (
        await drive({
          kind: SessionKind.ECDSA_PRESIGN,
          participants: [1, 3],
          walletId: 'wallet-1',
          presignatureId: 'pre-1',
        })
      ).outcomes,
    );
    for (const s of [stores[0]!, stores[2]!])
      assert.equal(await s.countPooled('presignature', 'wallet-1', 'ecdsa-secp256k1', 1), 1);
    const digest = randomBytes(32);
    const intent = signRequest('wallet-1', KeyType.ECDSA_SECP256K1, digest);
    const outcomes = allOk(
      (
        await drive({
          kind: SessionKind.ECDSA_SIGN,
          participants: [1, 3],
          walletId: 'wallet-1',
          keyType: KeyType.ECDSA_SECP256K1,
          signedIntent: intent,
          presignatureId: 'pre-1',
        })
      ).outcomes,
    );
    const { signature, recoveryId } = outcomes[0]!;
    assert.ok(secp256k1.verify(signature, digest, ecdsaKey, { prehash: false, lowS: true }));
    const r = hexlify(signature.slice(0, 32));
    const s = hexlify(signature.slice(32));
    assert.equal(recoverAddress(digest, { r, s, v: 27 + recoveryId }), computeAddress(hexlify(ecdsaKey)));
    // The presignature is gone from both pools; the intent cannot be replayed.
    for (const st of [stores[0]!, stores[2]!])
      assert.equal(await st.countPooled('presignature', 'wallet-1', 'ecdsa-secp256k1', 1), 0);
    allOk(
      (
        await drive({
          kind: SessionKind.ECDSA_PRESIGN,
          participants: [1, 3],
          walletId: 'wallet-1',
          presignatureId: 'pre-2',
        })
      ).outcomes,
    );
    const replay = await drive({
      kind: SessionKind.ECDSA_SIGN,
      participants: [1, 3],
      walletId: 'wallet-1',
      keyType: KeyType.ECDSA_SECP256K1,
      signedIntent: intent,
      presignatureId: 'pre-2',
    });
    assert.ok(
      replay.reasons.every((r) => /replay/.test(r)) && replay.reasons.length === 2,
      replay.reasons.join('; '),
    );
    // A fresh intent may not reuse the spent presignature.
    const reuse = await drive({
      kind: SessionKind.ECDSA_SIGN,
      participants: [1, 3],
      walletId: 'wallet-1',
      keyType: KeyType.ECDSA_SECP256K1,
      signedIntent: signRequest('wallet-1', KeyType.ECDSA_SECP256K1, digest),
      presignatureId: 'pre-1',
    });
    assert.ok(reuse.reasons.some((r) => /no such presignature/.test(r)));
  });

  test('FROST Ed25519 signing by another pair of nodes', async () => {
    const message = new TextEncoder().encode('solana transfer');
    const intent = signRequest('wallet-1', KeyType.ED25519, message);
    const outcomes = allOk(
      (
        await drive({
          kind: SessionKind.FROST_SIGN,
          participants: [2, 3],
          walletId: 'wallet-1',
          keyType: KeyType.ED25519,
          signedIntent: intent,
        })
      ).outcomes,
    );
    assert.ok(ed25519.verify(outcomes[0]!.signature, message, edKey, { zip215: false }));
  });

  test('refusals: unsigned, mismatched intent, wrong participants, existing wallet key', async () => {
    const message = new TextEncoder().encode('x');
    const unsigned = await drive({
      kind: SessionKind.FROST_SIGN,
      participants: [1, 2],
      walletId: 'wallet-1',
      keyType: KeyType.ED25519,
    });
    assert.ok(unsigned.reasons.every((r) => /unsigned/.test(r)));
    const otherWallet = await drive({
      kind: SessionKind.FROST_SIGN,
      participants: [1, 2],
      walletId: 'wallet-1',
      keyType: KeyType.ED25519,
      signedIntent: signRequest('wallet-2', KeyType.ED25519, message),
    });
    assert.ok(otherWallet.reasons.every((r) => /does not ask for this signature/.test(r)));
    const three = await drive({
      kind: SessionKind.FROST_SIGN,
      participants: [1, 2, 3],
      walletId: 'wallet-1',
      keyType: KeyType.ED25519,
      signedIntent: signRequest('wallet-1', KeyType.ED25519, message),
    });
    assert.ok(three.reasons.every((r) => /exactly 2 nodes/.test(r)));
    const again = await drive({
      kind: SessionKind.ECDSA_KEYGEN,
      participants: parties,
      walletId: 'wallet-1',
      signedIntent: createIntent('wallet-1'),
    });
    assert.ok(again.reasons.every((r) => /already has that key/.test(r)));
  });
});
