/**
 * TEST-ONLY: presigning and signing sessions through the simulator (every message round-tripped
 * through its wire encoding, seeded randomness), and the independent checks of CRYPTO.md
 * "Independent verification": @noble/curves ECDSA (`prehash: false, lowS: true`) and Ethereum
 * address recovery with ethers. Production code must never import this module.
 */
import assert from 'node:assert/strict';
import { type Adversary, childSeed, type Simulation, seededRng, simulate } from '@mpcium/tss-sim';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes } from '@noble/curves/utils.js';
import { computeAddress, hexlify, recoverAddress } from 'ethers';
import type { AuxInfo } from '../ecdsa/aux-info.js';
import type { EcdsaKeyShare } from '../ecdsa/key-share.js';
import { ECDSA_PRESIGN_PROTOCOL, startPresign } from '../ecdsa/presign.js';
import type { Presignature } from '../ecdsa/presignature.js';
import { ECDSA_SIGN_PROTOCOL, startEcdsaSign } from '../ecdsa/sign.js';
import { type EcdsaSignature, ecdsaSignatureCompact } from '../ecdsa/sign-output.js';
import type { PartyIndex } from '../engine/index.js';
import { dealEcdsaKey, fixtureAuxInfo } from './ecdsa-dealer.js';
import type { FixtureProfile } from './fixtures.js';

export const TEST_KEY_ID = new TextEncoder().encode('wallet-1');

export interface EcdsaFixture {
  readonly shares: Map<PartyIndex, EcdsaKeyShare>;
  readonly aux: Map<PartyIndex, AuxInfo>;
}

/** A dealt key of `threshold`-of-`parties` and fixture aux info for every party. */
export function ecdsaFixture(
  parties: readonly PartyIndex[],
  threshold: number,
  profile: FixtureProfile,
  seed: string,
): EcdsaFixture {
  return {
    shares: dealEcdsaKey(parties, threshold, seededRng(`${seed}/key`)),
    aux: fixtureAuxInfo(parties, profile, seededRng(`${seed}/aux`)),
  };
}

export interface PresignOptions {
  readonly adversary?: Adversary;
  readonly roundTimeoutMs?: number;
  readonly keyVersion?: number;
}

/** Runs presigning among `signers`; the protocol session id is the simulator's own. */
export function presignSim(
  fx: EcdsaFixture,
  signers: readonly PartyIndex[],
  seed: string,
  options: PresignOptions = {},
): Promise<Simulation<Presignature>> {
  const sessionId = childSeed(seed, 'session-id');
  return simulate({
    protocol: ECDSA_PRESIGN_PROTOCOL,
    parties: signers,
    seed,
    start: (self, rng) =>
      startPresign(
        {
          share: fx.shares.get(self)!,
          aux: fx.aux.get(self)!,
          signers,
          sessionId,
          keyId: TEST_KEY_ID,
          keyVersion: options.keyVersion ?? 0,
        },
        rng,
      ),
    roundTimeoutMs: options.roundTimeoutMs ?? 60_000,
    ...(options.adversary ? { adversary: options.adversary } : {}),
  });
}

/** Runs one-round signing; `digest` may differ per signer (CRYPTO.md item 16). */
export function signSim(
  shares: ReadonlyMap<PartyIndex, EcdsaKeyShare>,
  presignatures: ReadonlyMap<PartyIndex, Presignature>,
  signers: readonly PartyIndex[],
  digest: Uint8Array | ((self: PartyIndex) => Uint8Array),
  seed: string,
  adversary?: Adversary,
): Promise<Simulation<EcdsaSignature>> {
  return simulate({
    protocol: ECDSA_SIGN_PROTOCOL,
    parties: signers,
    seed,
    start: (self, rng) =>
      startEcdsaSign(
        {
          share: shares.get(self)!,
          presignature: presignatures.get(self)!,
          signers,
          digest: typeof digest === 'function' ? digest(self) : digest,
        },
        rng,
      ),
    roundTimeoutMs: 10_000,
    ...(adversary ? { adversary } : {}),
  });
}

/** The Ethereum address of X (keccak-256 of the uncompressed key), by ethers. */
export function ethereumAddress(publicKey: Uint8Array): string {
  return computeAddress(hexlify(publicKey));
}

/**
 * Two independent verdicts on a released signature: noble's ECDSA verify (`prehash: false`,
 * `lowS: true`) against X, and ethers' ecrecover-style address recovery from (r, s, 27 + v).
 * Also asserts low-S and that s, r are canonical 32-byte scalars.
 */
export function assertIndependentlyValid(
  sig: EcdsaSignature,
  digest: Uint8Array,
  publicKey: Uint8Array,
): void {
  const q = secp256k1.Point.Fn.ORDER;
  const s = BigInt(hexlify(sig.s));
  assert.equal(sig.r.length, 32);
  assert.equal(sig.s.length, 32);
  assert.ok(s > 0n && s <= q >> 1n, 'low-S');
  assert.ok([0, 1, 2, 3].includes(sig.recovery));
  assert.ok(
    secp256k1.verify(ecdsaSignatureCompact(sig), digest, publicKey, { prehash: false, lowS: true }),
    'noble verify',
  );
  const recovered = recoverAddress(digest, { r: hexlify(sig.r), s: hexlify(sig.s), v: 27 + sig.recovery });
  assert.equal(recovered, ethereumAddress(publicKey), 'ethers recovers the address of X');
}

/** r || s as one byte string (for comparing signatures). */
export function signatureBytes(sig: EcdsaSignature): Uint8Array {
  return concatBytes(sig.r, sig.s, Uint8Array.of(sig.recovery));
}
