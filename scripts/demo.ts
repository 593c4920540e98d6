/**
 * `npm run demo` until the cluster lands: an in-process FROST example. Three parties run a
 * 2-of-3 DKG for Ed25519 and for Taproot through the real session driver (every message
 * encoded to its protobuf wire form), then two of them sign and the signature is verified.
 */
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import {
  FROST_ED25519,
  FROST_TAPROOT,
  type FrostKeyShare,
  type FrostSuite,
  frostDkgProtocol,
  frostSignProtocol,
  startFrostDkg,
  startFrostSign,
} from '@mpcium/tss';
import { outputs, simulate } from '@mpcium/tss-sim';
import { schnorr } from '@noble/curves/secp256k1.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const parties = [1, 2, 3];

/** Independent check: OpenSSL for Ed25519 (strict RFC 8032), noble's BIP-340 for Taproot. */
function independentlyValid(suite: FrostSuite, sig: Uint8Array, msg: Uint8Array, pk: Uint8Array): boolean {
  if (suite === FROST_TAPROOT) return schnorr.verify(sig, msg, pk);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pk]);
  return nodeVerify(null, msg, createPublicKey({ key: spki, format: 'der', type: 'spki' }), sig);
}

async function demo(suite: FrostSuite, label: string, message: Uint8Array): Promise<void> {
  console.log(`\n== ${label}: 2-of-3 distributed key generation`);
  let t0 = performance.now();
  const shares: Map<number, FrostKeyShare> = outputs(
    await simulate({
      protocol: frostDkgProtocol(suite),
      parties,
      start: (self, rng) => startFrostDkg({ suite, self, parties, threshold: 2 }, rng),
    }),
  );
  const publicKey = shares.get(1)!.publicKey;
  console.log(`   group public key  ${hex(publicKey)}  (${(performance.now() - t0).toFixed(1)} ms)`);
  console.log(`   party 2's share   ${shares.get(2)}`);

  const signers = [1, 3];
  console.log(`== ${label}: parties ${signers.join(' and ')} sign "${new TextDecoder().decode(message)}"`);
  t0 = performance.now();
  const sigs = outputs(
    await simulate({
      protocol: frostSignProtocol(suite),
      parties: signers,
      start: (self, rng) => startFrostSign({ share: shares.get(self)!, signers, message }, rng),
    }),
  );
  const signature = sigs.get(1)!;
  console.log(`   signature         ${hex(signature)}  (${(performance.now() - t0).toFixed(1)} ms)`);
  const ok = independentlyValid(suite, signature, message, publicKey);
  console.log(
    `   verified          ${ok ? 'yes' : 'NO'} (${suite === FROST_TAPROOT ? 'BIP-340' : 'RFC 8032, OpenSSL'})`,
  );
  if (!ok) process.exitCode = 1;
}

console.log('mpcium for TypeScript: in-process FROST demo (the cluster demo arrives with the cluster issue)');
await demo(FROST_ED25519, 'Ed25519', new TextEncoder().encode('transfer 1 SOL to alice'));
await demo(FROST_TAPROOT, 'Taproot', new TextEncoder().encode('spend taproot output 0'));
