/**
 * Attacks on threshold key generation (CRYPTO.md negative tests 9-11). Tampered wire messages
 * go through the simulator (the session driver refuses malformed ones while decoding, naming
 * the sender); attacks that need a consistent forgery (a re-computed commitment, a missing or
 * replayed message) are crafted into one party's inbound with the lockstep driver. Every abort
 * must name the party that misbehaved, and never quote a secret share.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { EcdsaKeygenRound2Schema, EcdsaKeygenRound3Schema, EcdsaKeygenShareSchema } from '@mpcium/proto';
import { type Adversary, childSeed, seededRng, simulate } from '@mpcium/tss-sim';
import { bytesToHex } from '@noble/curves/utils.js';
import type { Abort, Inbound, PartyIndex, Step } from '../engine/index.js';
import { advance, inboundFor, roundOf, type Steps, startAll } from '../frost/testing/lockstep.js';
import { Point } from '../zk/sch-group.js';
import type { EcdsaKeyShare } from './key-share.js';
import { ECDSA_KEYGEN_PROTOCOL, startEcdsaKeygen } from './keygen.js';
import { keygenCommitment, keygenSid } from './keygen-context.js';
import type { KeygenRound1Message, KeygenRound2Message, KeygenRound3Message } from './keygen-messages.js';

const PARTIES = [1, 2, 3];
const T = 2;

function expectAbort(step: Step<unknown> | undefined, culprits: PartyIndex[], why: RegExp): Abort {
  assert.ok(step);
  assert.equal(step.kind, 'abort', `expected an abort, got ${step.kind}`);
  const a = step as Abort;
  assert.deepEqual(a.culprits, culprits, a.reason);
  assert.match(a.evidence?.[`party.${culprits[0]}`] ?? a.reason, why);
  return a;
}

/** Runs a 2-of-3 keygen with `adversary`; returns the results of the honest parties. */
async function attacked(seed: string, adversary: Adversary, honest: PartyIndex[] = [1, 3]) {
  const sessionId = childSeed(seed, 'session-id');
  const sim = await simulate({
    protocol: ECDSA_KEYGEN_PROTOCOL,
    parties: PARTIES,
    seed,
    adversary,
    // The cheater waits for honest parties that have already aborted; do not wait long for it.
    roundTimeoutMs: 300,
    start: (self, rng) => startEcdsaKeygen({ self, parties: PARTIES, threshold: T, sessionId }, rng),
  });
  return honest.map((p) => sim.results.get(p) as Step<unknown>);
}

/**
 * Rewrites what `party` sends in `round` (broadcasts or point-to-point messages only) to the
 * recipients `to` selects. The payload is copied first: protobuf-es decodes into views of it.
 */
function tamperKind(
  party: PartyIndex,
  round: number,
  kind: 'broadcast' | 'p2p',
  rewrite: (payload: Uint8Array) => Uint8Array,
  to: (recipient: PartyIndex) => boolean = () => true,
): Adversary {
  return {
    onMessage: (m) =>
      m.from === party && m.round === round && m.broadcast === (kind === 'broadcast') && to(m.recipient)
        ? { kind: 'replace', payload: rewrite(Uint8Array.from(m.envelope.payload)) }
        : undefined,
  };
}

/** Rewrites party 2's round-2 opening on the wire. */
const editOpening = (f: (m: ReturnType<typeof fromBinary<typeof EcdsaKeygenRound2Schema>>) => void) =>
  tamperKind(2, 2, 'broadcast', (payload) => {
    const m = fromBinary(EcdsaKeygenRound2Schema, payload);
    f(m);
    return toBinary(EcdsaKeygenRound2Schema, m);
  });

/** 33 bytes 02 || x with x^3 + 7 not a square modulo p: no point has this encoding. */
function offCurve(): Uint8Array {
  for (let x = 1; ; x++) {
    const bytes = new Uint8Array(33);
    bytes[0] = 2;
    bytes[32] = x;
    try {
      Point.fromBytes(bytes);
    } catch {
      return bytes;
    }
  }
}

/** Lockstep 2-of-3 keygen: the started parties, their round-1 results and our session sid. */
function lockstep(seed: string) {
  const sessionId = childSeed(seed, 'session-id');
  const rng = (p: PartyIndex) => seededRng(`${seed}/${p}`);
  const s0 = startAll(PARTIES, (self) =>
    startEcdsaKeygen({ self, parties: PARTIES, threshold: T, sessionId }, rng(self)),
  ) as Steps<EcdsaKeyShare>;
  const s1 = advance(s0, rng);
  const openings = (p: PartyIndex) => inboundFor(s1, p).broadcast as Map<PartyIndex, KeygenRound2Message>;
  return { rng, s0, s1, openings, sid: keygenSid(sessionId, PARTIES, T) };
}

/**
 * Party 1's round 2 given party 3's round-1 commitment and opening as `forged` (the commitment
 * recomputed over the forged opening unless `commitment` is given).
 */
function party1Round2(
  seed: string,
  forge: (m: KeygenRound2Message) => KeygenRound2Message,
  commitment?: Uint8Array,
) {
  const { rng, s0, openings, sid } = lockstep(seed);
  const forged = forge(openings(1).get(3)!);
  const in1 = inboundFor(s0, 1) as Inbound<KeygenRound1Message, never>;
  const v = commitment ?? keygenCommitment(sid, 3, forged);
  const step = roundOf(s0, 1).finalize(
    { broadcast: new Map(in1.broadcast).set(3, { commitment: v }), p2p: new Map() },
    rng(1),
  );
  assert.equal(step.kind, 'next');
  const round2 = (step as Extract<Step<EcdsaKeyShare>, { kind: 'next' }>).round;
  return round2.finalize({ broadcast: new Map(openings(1)).set(3, forged), p2p: new Map() }, rng(1));
}

describe('CRYPTO.md item 9: invalid points', () => {
  test('an off-curve point in a Feldman commitment: refused on decoding, sender named', async () => {
    const bad = offCurve();
    for (const r of await attacked(
      'kg-off-curve',
      editOpening((m) => {
        m.vssCommitment[1] = bad;
      }),
    )) {
      expectAbort(r, [2], /cggmp\.keygen\.r2.*vss_commitment\[1\]: not a valid secp256k1 point/);
    }
  });

  test('an off-curve Schnorr commitment A_j: refused on decoding, sender named', async () => {
    const bad = offCurve();
    for (const r of await attacked(
      'kg-off-curve-a',
      editOpening((m) => {
        m.schCommitment = bad;
      }),
    )) {
      expectAbort(r, [2], /sch_commitment: not a valid secp256k1 point/);
    }
  });

  test('the identity in F_j or as A_j (no wire encoding exists): refused by the round, sender named', () => {
    const identity = (m: KeygenRound2Message) => ({ ...m, vss: [m.vss[0]!, Point.ZERO] });
    expectAbort(party1Round2('kg-identity-f', identity, new Uint8Array(32)), [3], /F_j\[1\] is the identity/);
    const identityA = (m: KeygenRound2Message) => ({ ...m, A: Point.ZERO });
    expectAbort(party1Round2('kg-identity-a', identityA, new Uint8Array(32)), [3], /A_j is the identity/);
  });
});

describe('CRYPTO.md item 10: VSS', () => {
  test('wrong-length commitment vector with a matching commitment: refused by the round', () => {
    const short = (m: KeygenRound2Message) => ({ ...m, vss: m.vss.slice(0, 1) });
    expectAbort(party1Round2('kg-short', short), [3], /commitment vector has 1 entries, expected 2/);
    const long = (m: KeygenRound2Message) => ({ ...m, vss: [...m.vss, m.vss[1]!] });
    expectAbort(party1Round2('kg-long', long), [3], /commitment vector has 3 entries, expected 2/);
  });

  test('wrong-length commitment vector on the wire: refused on decoding, sender named', async () => {
    const longer = editOpening((m) => void m.vssCommitment.push(m.vssCommitment[0]!));
    for (const r of await attacked('kg-long-wire', longer)) {
      expectAbort(r, [2], /commitment vector has 3 entries, expected 2/);
    }
  });

  test('a share inconsistent with the Feldman commitment: the recipient names the dealer', async () => {
    let real = '';
    let forged = '';
    const flip = tamperKind(
      2,
      3,
      'p2p',
      (payload) => {
        const m = fromBinary(EcdsaKeygenShareSchema, payload);
        real = bytesToHex(m.share);
        m.share[31]! ^= 1;
        forged = bytesToHex(m.share);
        return toBinary(EcdsaKeygenShareSchema, m);
      },
      (recipient) => recipient === 1,
    );
    const [r1, r3] = await attacked('kg-bad-share', flip);
    const a = expectAbort(r1, [2], /share inconsistent with the sender's Feldman commitment/);
    assert.equal(real.length, 64);
    assert.ok(!JSON.stringify(a).includes(real) && !JSON.stringify(a).includes(forged));
    // Party 3 got a consistent share and completes; party 1 alone holds the evidence.
    assert.equal(r3!.kind as string, 'ok');
  });
});

describe('CRYPTO.md item 11: commitments and Schnorr proofs', () => {
  test('decommitment mismatch (u changed after committing): sender named', async () => {
    for (const r of await attacked(
      'kg-mismatch',
      editOpening((m) => {
        m.u[0]! ^= 1;
      }),
    )) {
      expectAbort(r, [2], /decommitment does not match the round-1 commitment/);
    }
  });

  test('copied commitment and opening of another party: refused (V_j is bound to j)', () => {
    const { s0, openings } = lockstep('kg-copy');
    const v2 = (inboundFor(s0, 1).broadcast as Map<PartyIndex, KeygenRound1Message>).get(2)!.commitment;
    const copy = () => openings(1).get(2)!;
    expectAbort(party1Round2('kg-copy', copy, v2), [3], /decommitment does not match/);
  });

  test("a rushing party that re-commits to another party's opening fails Πsch (bound to the prover)", () => {
    const { rng, s0, s1, openings, sid } = lockstep('kg-rushing');
    const opening2 = openings(1).get(2)!;
    // Parties 1 and 2 see party 3 commit to, and open, party 2's opening.
    const forgedV = { commitment: keygenCommitment(sid, 3, opening2) };
    const w1 = advance(s0, rng, (self, inbound) =>
      self === 3 ? undefined : { broadcast: new Map(inbound.broadcast).set(3, forgedV), p2p: inbound.p2p },
    );
    const w2 = advance(w1, rng, (self, inbound) =>
      self === 3 ? undefined : { broadcast: new Map(inbound.broadcast).set(3, opening2), p2p: inbound.p2p },
    );
    assert.ok(s1.get(1)?.kind === 'next' && w2.get(1)?.kind === 'next');
    // Party 3 replays party 2's proof and party 2's share: the share fits F_3 = F_2, the proof does not.
    const inbound = inboundFor(w2, 1) as Inbound<KeygenRound3Message, unknown>;
    const crafted = {
      broadcast: new Map(inbound.broadcast).set(3, inbound.broadcast.get(2)!),
      p2p: new Map(inbound.p2p).set(3, inbound.p2p.get(2)!),
    };
    expectAbort(roundOf(w2, 1).finalize(crafted, rng(1)), [3], /^Πsch: z·G != A \+ e·X/);
  });

  test('a wrong Schnorr proof (z changed): every recipient names the prover', async () => {
    const wrongZ = tamperKind(2, 3, 'broadcast', (payload) => {
      const m = fromBinary(EcdsaKeygenRound3Schema, payload);
      m.schProof!.z[31]! ^= 1;
      return toBinary(EcdsaKeygenRound3Schema, m);
    });
    for (const r of await attacked('kg-bad-sch', wrongZ)) expectAbort(r, [2], /^Πsch: z·G != A \+ e·X/);
  });

  test('a missing Schnorr proof or share: the silent party named', () => {
    const { rng, s1 } = lockstep('kg-missing');
    const s2 = advance(s1, rng);
    const round3 = roundOf(s2, 1);
    assert.equal(round3.number, 3);
    assert.equal(round3.broadcast?.kind, 'broadcast');
    assert.equal(round3.p2p?.kind, 'p2p');
    const inbound = inboundFor(s2, 1);
    const noProof = new Map(inbound.broadcast);
    noProof.delete(3);
    expectAbort(round3.finalize({ broadcast: noProof, p2p: inbound.p2p }, rng(1)), [3], /missing Πsch proof/);
    const noShare = new Map(inbound.p2p);
    noShare.delete(2);
    expectAbort(
      round3.finalize({ broadcast: inbound.broadcast, p2p: noShare }, rng(1)),
      [2],
      /missing share/,
    );
    // Round 3 is pure: with everything present it completes.
    assert.equal(round3.finalize(inbound, rng(1)).kind, 'done');
  });
});
