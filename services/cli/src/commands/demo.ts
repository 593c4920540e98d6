/**
 * `mpcium demo`: starts the embedded 2-of-3 cluster, creates a wallet, signs an Ethereum-style
 * digest and an Ed25519 message, verifies both independently and prints them.
 */
import { createPublicKey, verify as opensslVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { newIntent, signIntent } from '@mpcium/intent';
import { CreateWalletActionSchema, KeyType, SignActionSchema, type SignatureResult } from '@mpcium/proto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { startEmbeddedCluster } from '../embedded.js';

/** EIP-191 personal_sign digest: keccak256("\x19Ethereum Signed Message:\n" || len || message). */
function ethereumDigest(message: string): Uint8Array {
  const m = utf8ToBytes(message);
  return keccak_256(concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${m.length}`), m));
}

function ethereumAddress(publicKey: Uint8Array): string {
  const uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
  return `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`;
}

export async function demo(options: { json: boolean; dataDir?: string }): Promise<number> {
  const started = performance.now();
  const log = (m: string) => {
    if (!options.json)
      console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${m}`);
  };
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mpcium-demo-'));
  log(`starting the embedded cluster: 3 nodes, threshold 2, keystores in ${dataDir}`);
  const cluster = await startEmbeddedCluster({ dataDir, onProgress: log });
  try {
    const { coordinator, initiator } = cluster;
    const walletId = `demo-${Date.now()}`;
    log(`creating wallet ${walletId} (ECDSA secp256k1 + Ed25519)`);
    await coordinator.createWallet(
      signIntent(
        newIntent({ case: 'createWallet', value: create(CreateWalletActionSchema, { walletId }) }),
        initiator,
      ),
    );
    const wallet = await coordinator.getWallet(walletId);
    const ecdsaKey = wallet.keys.find((k) => k.keyType === KeyType.ECDSA_SECP256K1)!.publicKey;
    const edKey = wallet.keys.find((k) => k.keyType === KeyType.ED25519)!.publicKey;
    log(`  Ethereum address  ${ethereumAddress(ecdsaKey)}`);
    log(`  Ed25519 key       ${bytesToHex(edKey)}`);

    const text = 'Hello from mpcium for TypeScript';
    const digest = ethereumDigest(text);
    log(`signing the Ethereum message "${text}" (presign + one online round)`);
    const ecdsaOp = await coordinator.sign(
      signIntent(
        newIntent({
          case: 'sign',
          value: create(SignActionSchema, { walletId, keyType: KeyType.ECDSA_SECP256K1, message: digest }),
        }),
        initiator,
      ),
    );
    const ecdsa = ecdsaOp.result.value as SignatureResult;
    const recovered = secp256k1.Signature.fromBytes(ecdsa.signature)
      .addRecoveryBit(ecdsa.recoveryId)
      .recoverPublicKey(digest)
      .toBytes(true);
    const ecdsaOk = ethereumAddress(recovered) === ethereumAddress(ecdsaKey);
    log(`  r || s            ${bytesToHex(ecdsa.signature)}`);
    log(`  v                 ${27 + ecdsa.recoveryId}   signed by ${ecdsa.signers.join(', ')}`);
    log(
      `  ecrecover         ${ethereumAddress(recovered)} ${ecdsaOk ? 'matches the wallet' : 'DOES NOT MATCH'}`,
    );

    const message = utf8ToBytes('transfer 1 SOL to alice');
    log('signing an Ed25519 message (FROST, two rounds)');
    const edOp = await coordinator.sign(
      signIntent(
        newIntent({
          case: 'sign',
          value: create(SignActionSchema, { walletId, keyType: KeyType.ED25519, message }),
        }),
        initiator,
      ),
    );
    const ed = edOp.result.value as SignatureResult;
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), edKey]);
    const edOk = opensslVerify(
      null,
      message,
      createPublicKey({ key: spki, format: 'der', type: 'spki' }),
      ed.signature,
    );
    log(`  signature         ${bytesToHex(ed.signature)}`);
    log(`  OpenSSL verify    ${edOk ? 'valid (RFC 8032)' : 'INVALID'}   signed by ${ed.signers.join(', ')}`);
    if (options.json) {
      console.log(
        JSON.stringify({
          walletId,
          ethereumAddress: ethereumAddress(ecdsaKey),
          ed25519PublicKey: bytesToHex(edKey),
          ecdsa: {
            digest: bytesToHex(digest),
            signature: bytesToHex(ecdsa.signature),
            v: 27 + ecdsa.recoveryId,
            valid: ecdsaOk,
          },
          ed25519: { message: bytesToHex(message), signature: bytesToHex(ed.signature), valid: edOk },
        }),
      );
    }
    log(ecdsaOk && edOk ? 'both signatures verified' : 'VERIFICATION FAILED');
    return ecdsaOk && edOk ? 0 : 1;
  } finally {
    await cluster.close();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
