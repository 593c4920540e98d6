/**
 * FROST through the real session driver (@mpcium/tss-sim): DKG, then two-round and precommitted
 * signing over a matrix of (threshold, n), every threshold-sized signer set of the smaller
 * configurations, messages from empty to 1 MiB, every signature checked by an independent
 * verifier. Then the attacks that need the driver: broadcast equivocation and tampered messages.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionResult } from '@mpcium/session';
import { equivocate, outputs, seededRng, simulate, tamper } from '@mpcium/tss-sim';
import { concatBytes, equalBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { PartyIndex } from '../engine/index.js';
import { frostDkgProtocol, startFrostDkg } from './dkg.js';
import { dkgRound1Spec } from './dkg-messages.js';
import type { FrostKeyShare } from './key-share.js';
import { FrostNoncePool } from './nonce-pool.js';
import { frostSignProtocol, startFrostSign } from './sign.js';
import { signRound2Spec } from './sign-messages.js';
import { frostPrecommittedSignProtocol, startFrostSignPrecommitted } from './sign-precommitted.js';
import { FROST_ED25519, FROST_SUITES, type FrostSuite } from './suite.js';
import { verifyBip340, verifyEd25519 } from './testing/verifiers.js';

const CONFIGS: readonly (readonly [number, number])[] = [
  [2, 2],
  [2, 3],
  [3, 4],
  [3, 5],
  [4, 7],
];
const MIB = 1 << 20;

/** A deterministic message of `length` bytes (SHA-256 in counter mode, linear time). */
function bigMessage(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const key = seededRng(seed)(32);
  for (let offset = 0, k = 0; offset < length; offset += 32, k++) {
    const block = sha256(
      concatBytes(key, Uint8Array.of(k >>> 24, (k >>> 16) & 0xff, (k >>> 8) & 0xff, k & 0xff)),
    );
    out.set(block.subarray(0, Math.min(32, length - offset)), offset);
  }
  return out;
}

/** Parties that stop hearing from aborted peers time out; keep that short in attack runs. */
const ATTACK_TIMEOUT_MS = 1500;

const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

function subsets(items: readonly number[], k: number): number[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [head, ...rest] = items as [number, ...number[]];
  return [...subsets(rest, k - 1).map((s) => [head, ...s]), ...subsets(rest, k)];
}

const independent = (suite: FrostSuite) => (suite === FROST_ED25519 ? verifyEd25519 : verifyBip340);

async function dkg(suite: FrostSuite, threshold: number, n: number, seed: string) {
  const parties = range(n);
  const sim = await simulate({
    protocol: frostDkgProtocol(suite),
    parties,
    start: (self, rng) => startFrostDkg({ suite, self, parties, threshold }, rng),
    seed,
  });
  return outputs(sim);
}

async function sign(
  shares: Map<PartyIndex, FrostKeyShare>,
  signers: number[],
  message: Uint8Array,
  seed: string,
): Promise<Uint8Array> {
  const share = shares.get(signers[0]!)!;
  const sim = await simulate({
    protocol: frostSignProtocol(share.suite),
    parties: signers,
    start: (self, rng) => startFrostSign({ share: shares.get(self)!, signers, message }, rng),
    seed,
  });
  const sigs = outputs(sim);
  const sig = sigs.get(signers[0]!)!;
  for (const s of sigs.values()) assert.ok(equalBytes(s, sig), 'signers disagree on the signature');
  return sig;
}

for (const suite of FROST_SUITES) {
  describe(`FROST matrix (${suite.name})`, () => {
    for (const [t, n] of CONFIGS) {
      test(`${t}-of-${n}: DKG, then two-round and precommitted signing`, async () => {
        const seed = `frost-matrix/${suite.name}/${t}-of-${n}`;
        const shares = await dkg(suite, t, n, seed);
        const pk = shares.get(1)!.publicKey;
        for (const share of shares.values()) {
          assert.ok(equalBytes(share.publicKey, pk));
          assert.deepEqual(share.parties, range(n));
        }
        const random = seededRng(`${seed}/messages`);
        const all = subsets(range(n), t);
        // Every signer set for n <= 5; for 4-of-7 (35 sets) a spread of them.
        const sets = n <= 5 ? all : all.filter((_, k) => k % 7 === 0 || k === all.length - 1);
        const runs: [number[], Uint8Array][] = [
          [sets[0]!, new Uint8Array(0)],
          [sets[sets.length - 1]!, bigMessage(`${seed}/mib`, MIB)],
          ...sets.map((s): [number[], Uint8Array] => [s, random(1 + (random(2)[0]! << 4))]),
        ];
        for (const [k, [signers, message]] of runs.entries()) {
          const sig = await sign(shares, signers, message, `${seed}/sign-${k}`);
          assert.ok(independent(suite)(sig, message, pk), `signers ${signers}, ${message.length} bytes`);
        }

        // One online round with pooled nonces; the coordinator hands every signer the same list.
        const signers = sets[0]!;
        const pools = new Map(signers.map((p) => [p, new FrostNoncePool(shares.get(p)!)]));
        const published = new Map(
          signers.map((p) => [p, pools.get(p)!.generate(2, seededRng(`${seed}/pool-${p}`))]),
        );
        const commitments = signers.map((p) => published.get(p)![1]!);
        const message = bigMessage(`${seed}/precommitted-mib`, MIB);
        const sim = await simulate({
          protocol: frostPrecommittedSignProtocol(suite),
          parties: signers,
          start: (self) =>
            startFrostSignPrecommitted({
              share: shares.get(self)!,
              signers,
              message,
              commitments,
              nonce: pools.get(self)!.take(commitments.find((c) => c.party === self)!),
            }),
          seed: `${seed}/precommitted`,
        });
        for (const sig of outputs(sim).values()) assert.ok(independent(suite)(sig, message, pk));
      });
    }
  });

  describe(`FROST attacks through the session driver (${suite.name})`, () => {
    const expectAborted = (
      results: ReadonlyMap<PartyIndex, SessionResult<unknown>>,
      who: PartyIndex[],
      culprit: PartyIndex,
    ) => {
      for (const p of who) {
        const r = results.get(p)!;
        assert.equal(r.kind, 'abort', `party ${p}: ${JSON.stringify(r)}`);
        assert.deepEqual(r.culprits, [culprit], `party ${p}: ${r.reason}`);
      }
    };

    test('DKG round-1 equivocation (a different valid package to one peer) is caught and named', async () => {
      const parties = [1, 2, 3, 4];
      const other = startFrostDkg({ suite, self: 3, parties, threshold: 3 }, seededRng('other'));
      assert.equal(other.kind, 'next');
      const sim = await simulate({
        protocol: frostDkgProtocol(suite),
        parties,
        start: (self, rng) => startFrostDkg({ suite, self, parties, threshold: 3 }, rng),
        seed: 'dkg-equivocation',
        roundTimeoutMs: ATTACK_TIMEOUT_MS,
        adversary: equivocate(3, 1, [1], () => other.out[0]!.payload),
      });
      expectAborted(sim.results, [1, 2, 4], 3);
      assert.notEqual(sim.results.get(3)!.kind, 'ok');
    });

    test('DKG round-1 package with a wrong-length commitment vector: sender named', async () => {
      const parties = [1, 2, 3];
      const spec = dkgRound1Spec(suite, 2);
      const sim = await simulate({
        protocol: frostDkgProtocol(suite),
        parties,
        start: (self, rng) => startFrostDkg({ suite, self, parties, threshold: 2 }, rng),
        seed: 'dkg-short',
        roundTimeoutMs: ATTACK_TIMEOUT_MS,
        adversary: tamper(2, 1, (payload) => {
          const m = spec.decode(payload);
          return spec.encode({ ...m, commitment: m.commitment.slice(0, 1) });
        }),
      });
      expectAborted(sim.results, [1, 3], 2);
    });

    test('signing: a tampered z_i is named by every receiver; nonce-commitment equivocation too', async () => {
      const shares = await dkg(suite, 3, 4, 'attack-keys');
      const signers = [1, 2, 4];
      const message = new TextEncoder().encode('attack');
      const start = (self: PartyIndex, rng: ReturnType<typeof seededRng>) =>
        startFrostSign({ share: shares.get(self)!, signers, message }, rng);
      const protocol = frostSignProtocol(suite);
      const spec = signRound2Spec(suite);
      const Fn = suite.frost.utils.Fn;
      const badShare = await simulate({
        protocol,
        parties: signers,
        start,
        seed: 'bad-z',
        roundTimeoutMs: ATTACK_TIMEOUT_MS,
        adversary: tamper(2, 2, (payload) => {
          const m = spec.decode(payload);
          return spec.encode({
            ...m,
            signatureShare: Fn.toBytes(Fn.add(Fn.fromBytes(m.signatureShare), 1n)),
          });
        }),
      });
      expectAborted(badShare.results, [1, 4], 2);

      const other = startFrostSign({ share: shares.get(2)!, signers, message }, seededRng('other-nonce'));
      assert.equal(other.kind, 'next');
      const equivocation = await simulate({
        protocol,
        parties: signers,
        start,
        seed: 'commit-equivocation',
        roundTimeoutMs: ATTACK_TIMEOUT_MS,
        adversary: equivocate(2, 1, [4], () => other.out[0]!.payload),
      });
      expectAborted(equivocation.results, [1, 4], 2);
      for (const r of equivocation.results.values()) assert.notEqual(r.kind, 'ok');
    });
  });
}
