/**
 * RFC 9591 appendix E test vectors (and the frost-rs DKG / Taproot / big-identifier vectors),
 * reproduced through our own rounds, message specs and key-share validation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { bytesToHex, hexToBytes, numberToBytesBE, numberToBytesLE } from '@noble/curves/utils.js';
import {
  broadcastTo,
  type Inbound,
  next,
  type PartyIndex,
  type Rng,
  SecretBytes,
  type Step,
} from '../engine/index.js';
import { startFrostDkg } from './dkg.js';
import { dkgRound1Spec, dkgRound2Spec, type FrostDkgRound1Message } from './dkg-messages.js';
import {
  encodeFrostKeyShare,
  type FrostKeyShare,
  frostKeyShareFromParts,
  parseFrostKeyShare,
} from './key-share.js';
import { generateFrostNonce } from './nonce.js';
import { verifyProofOfKnowledge } from './proof-of-knowledge.js';
import { frostSignProtocol, startFrostSign } from './sign.js';
import { FrostSignCommitRound } from './sign-commit-round.js';
import { signingContext } from './sign-context.js';
import { signRound1Spec, signRound2Spec } from './sign-messages.js';
import { FROST_ED25519, FROST_TAPROOT, type FrostSuite } from './suite.js';
import { verifyBip340, verifyEd25519 } from './testing/verifiers.js';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'));

/** An rng that returns exactly the given chunks, in order, and checks the requested lengths. */
function scriptedRng(chunks: Uint8Array[]): Rng {
  let k = 0;
  return (n = 32) => {
    const chunk = chunks[k++];
    assert.ok(chunk, 'rng called more often than scripted');
    assert.equal(n, chunk.length, 'rng asked for an unexpected length');
    return Uint8Array.from(chunk);
  };
}

function outOf<O>(step: Step<O> | undefined): Extract<Step<O>, { kind: 'next' }> {
  assert.equal(step?.kind, 'next');
  return step as Extract<Step<O>, { kind: 'next' }>;
}

const independentVerify = (suite: FrostSuite) => (suite === FROST_ED25519 ? verifyEd25519 : verifyBip340);

interface SigningVector {
  inputs: {
    participant_list: number[];
    group_secret_key: string;
    verifying_key_key: string;
    message: string;
    share_polynomial_coefficients: string[];
    participant_shares: { identifier: number; participant_share: string }[];
  };
  round_one_outputs: { outputs: Record<string, string | number>[] };
  round_two_outputs: { outputs: { identifier: number; sig_share: string }[] };
  final_output: { sig: string };
}

/** Key shares of the vector's trusted-dealer key (RFC 9591 appendix C.1), for `parties`. */
function dealerShares(
  suite: FrostSuite,
  v: SigningVector,
  parties: PartyIndex[],
): Map<PartyIndex, FrostKeyShare> {
  const Fn = suite.frost.utils.Fn;
  const secret = Fn.fromBytes(hexToBytes(v.inputs.group_secret_key));
  const groupKey = hexToBytes(v.inputs.verifying_key_key);
  assert.equal(bytesToHex(suite.base.multiply(secret).toBytes()), v.inputs.verifying_key_key);
  const coefficients = v.inputs.share_polynomial_coefficients.map((c) => Fn.fromBytes(hexToBytes(c)));
  const commitments = [groupKey, ...coefficients.map((c) => suite.base.multiply(c).toBytes())];
  const shareOf = (p: PartyIndex) => {
    const entry = v.inputs.participant_shares.find((s) => s.identifier === p);
    assert.ok(entry, `no share for ${p}`);
    return hexToBytes(entry.participant_share);
  };
  const verifyingShares = new Map(
    parties.map((p) => [p, suite.base.multiply(Fn.fromBytes(shareOf(p))).toBytes()]),
  );
  return new Map(
    parties.map((party) => {
      const share = frostKeyShareFromParts({
        suite,
        party,
        threshold: commitments.length,
        commitments,
        verifyingShares,
        signingShare: shareOf(party),
      });
      // Through the storage encoding and back: the parse path validates everything again.
      return [party, parseFrostKeyShare(encodeFrostKeyShare(share))];
    }),
  );
}

function runSigningVector(suite: FrostSuite, v: SigningVector, keyParties: PartyIndex[]): void {
  const shares = dealerShares(suite, v, keyParties);
  const signers = v.inputs.participant_list;
  const message = hexToBytes(v.inputs.message);
  const out1 = new Map<PartyIndex, Step<Uint8Array>>();
  for (const self of signers) {
    const r1 = v.round_one_outputs.outputs.find((o) => o.identifier === self)!;
    // nonce_generate(secret) = H3(random_bytes(32) || SerializeScalar(secret)), RFC 9591 4.1.
    const rng = scriptedRng([
      hexToBytes(r1.hiding_nonce_randomness as string),
      hexToBytes(r1.binding_nonce_randomness as string),
    ]);
    const share = shares.get(self)!;
    let step: Step<Uint8Array>;
    if (signers.length === share.threshold) {
      step = startFrostSign({ share, signers, message }, rng);
    } else {
      // More signers than the threshold (RFC 9591 allows it; our protocol API does not).
      const ctx = signingContext(share, signers, message, false);
      const nonce = generateFrostNonce(share, rng);
      const round = new FrostSignCommitRound(ctx, frostSignProtocol(suite), nonce);
      step = next(round, [broadcastTo(round.broadcast, { commitment: nonce.commitment })]);
    }
    assert.equal(step.kind, 'next');
    const sent = signRound1Spec(suite).decode(step.out[0]!.payload);
    assert.equal(sent.commitment.party, self);
    assert.equal(bytesToHex(sent.commitment.hiding), r1.hiding_nonce_commitment);
    assert.equal(bytesToHex(sent.commitment.binding), r1.binding_nonce_commitment);
    out1.set(self, step);
  }
  const inboundOf = (
    steps: Map<PartyIndex, Step<Uint8Array>>,
    self: PartyIndex,
    decode: (b: Uint8Array) => unknown,
  ) =>
    ({
      broadcast: new Map(
        signers.filter((p) => p !== self).map((p) => [p, decode(outOf(steps.get(p)).out[0]!.payload)]),
      ),
      p2p: new Map(),
    }) as Inbound<unknown, unknown>;
  const out2 = new Map<PartyIndex, Step<Uint8Array>>();
  for (const self of signers) {
    const step = out1.get(self)!;
    assert.equal(step.kind, 'next');
    const step2 = step.round.finalize(
      inboundOf(out1, self, signRound1Spec(suite).decode),
      seededRng('unused'),
    );
    assert.equal(step2.kind, 'next');
    const z = signRound2Spec(suite).decode(step2.out[0]!.payload).signatureShare;
    const expected = v.round_two_outputs.outputs.find((o) => o.identifier === self)!;
    assert.equal(bytesToHex(z), expected.sig_share);
    out2.set(self, step2);
  }
  for (const self of signers) {
    const step = out2.get(self)!;
    assert.equal(step.kind, 'next');
    const final = step.round.finalize(
      inboundOf(out2, self, signRound2Spec(suite).decode),
      seededRng('unused'),
    );
    assert.equal(final.kind, 'done');
    assert.equal(bytesToHex(final.output), v.final_output.sig);
    const pk = shares.get(self)!.publicKey;
    assert.ok(independentVerify(suite)(final.output, message, pk));
  }
}

describe('RFC 9591 E.1 FROST(Ed25519, SHA-512)', () => {
  test('nonce commitments, signature shares and signature match the vector', () => {
    runSigningVector(FROST_ED25519, load('frost-ed25519.vectors.json'), [1, 2, 3]);
  });

  test('big identifiers (129, 256, 257; three signers of a 2-of-3 key)', () => {
    runSigningVector(FROST_ED25519, load('frost-ed25519.vectors-big-identifier.json'), [129, 256, 257]);
  });
});

describe('FROST(secp256k1, SHA-256) Taproot vector (frost-secp256k1-tr)', () => {
  test('nonce commitments, signature shares and BIP-340 signature match the vector', () => {
    runSigningVector(FROST_TAPROOT, load('frost-secp256k1-tr.vectors.json'), [1, 2, 3]);
  });
});

interface DkgParty {
  signing_key: string;
  coefficient: string;
  vss_commitments: string[];
  proof_of_knowledge: string;
  signing_shares: Record<string, string>;
  verifying_share: string;
  signing_share: string;
}

/** The 48 rng bytes that make noble's mapHashToField (x mod (n-1)) + 1 return `scalar`. */
function rngBytesFor(suite: FrostSuite, scalar: bigint): Uint8Array {
  return suite === FROST_ED25519 ? numberToBytesLE(scalar - 1n, 48) : numberToBytesBE(scalar - 1n, 48);
}

function runDkgVector(suite: FrostSuite, file: string): void {
  const v = load(file).inputs as Record<string, DkgParty> & { verifying_key: string };
  const parties = [1, 2, 3];
  const threshold = 2;
  const Fn = suite.frost.utils.Fn;
  const r1 = dkgRound1Spec(suite, threshold);
  const r2 = dkgRound2Spec(suite);
  const packageOf = (j: PartyIndex): FrostDkgRound1Message =>
    r1.decode(
      r1.encode({
        commitment: v[j]!.vss_commitments.map(hexToBytes),
        proofOfKnowledge: hexToBytes(v[j]!.proof_of_knowledge),
      }),
    );
  for (const self of parties) {
    const mine = v[self]!;
    // Round 1 with the vector's polynomial (a_{i,0}, a_{i,1}); the proof nonce is our own.
    const rng = scriptedRng([
      rngBytesFor(suite, Fn.fromBytes(hexToBytes(mine.signing_key))),
      rngBytesFor(suite, Fn.fromBytes(hexToBytes(mine.coefficient))),
      seededRng(`pok-${self}`)(48),
    ]);
    const step1 = startFrostDkg({ suite, self, parties, threshold }, rng);
    assert.equal(step1.kind, 'next');
    const sent = r1.decode(step1.out[0]!.payload);
    assert.deepEqual(sent.commitment.map(bytesToHex), mine.vss_commitments);
    const phi = suite.decodeElement(sent.commitment[0]!, 'phi');
    assert.ok(verifyProofOfKnowledge(suite, self, phi, sent.proofOfKnowledge));

    // Round 1 finalize: the vector's packages of the peers; our shares f_i(j) must match.
    const peers = parties.filter((p) => p !== self);
    const inbound1 = { broadcast: new Map(peers.map((j) => [j, packageOf(j)])), p2p: new Map() };
    const step2 = step1.round.finalize(inbound1 as Inbound<unknown, unknown>, seededRng('unused'));
    assert.equal(step2.kind, 'next');
    for (const out of step2.out) {
      assert.ok(out.to !== null);
      const share = r2.decode(out.payload).signingShare.expose();
      assert.equal(bytesToHex(share), v[out.to]!.signing_shares[String(self)]);
    }

    // Round 2 finalize: the vector's shares f_j(i); the key share must match.
    const inbound2 = {
      broadcast: new Map(),
      p2p: new Map(
        peers.map((j) => [j, { signingShare: new SecretBytes(hexToBytes(mine.signing_shares[String(j)]!)) }]),
      ),
    };
    const step3 = step2.round.finalize(inbound2 as Inbound<unknown, unknown>, seededRng('unused'));
    assert.equal(step3.kind, 'done');
    const key = step3.output;
    assert.equal(bytesToHex(key.signingShare.expose()), mine.signing_share);
    assert.equal(bytesToHex(key.groupKey), v.verifying_key);
    for (const j of parties) assert.equal(bytesToHex(key.verifyingShare(j)), v[j]!.verifying_share);
    assert.deepEqual(parseFrostKeyShare(encodeFrostKeyShare(key)).parties, parties);
  }
}

describe('FROST DKG vectors (frost-rs vectors_dkg)', () => {
  for (const [suite, file] of [
    [FROST_ED25519, 'frost-ed25519.vectors_dkg.json'],
    [FROST_TAPROOT, 'frost-secp256k1-tr.vectors_dkg.json'],
  ] as const) {
    test(`${suite.name}: proofs of knowledge verify and bind the prover's identifier`, () => {
      const v = load(file).inputs;
      for (const j of [1, 2, 3]) {
        const phi = suite.decodeElement(hexToBytes(v[j].vss_commitments[0]), 'phi');
        const proof = hexToBytes(v[j].proof_of_knowledge);
        assert.ok(verifyProofOfKnowledge(suite, j, phi, proof));
        assert.equal(verifyProofOfKnowledge(suite, (j % 3) + 1, phi, proof), false);
      }
    });

    test(`${suite.name}: commitments, shares, verifying shares and group key reproduced`, () => {
      runDkgVector(suite, file);
    });
  }
});
