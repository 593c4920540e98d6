import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { PeerEnvelopeSchema } from '@mpcium/proto';
import type { PartyIndex } from '@mpcium/tss';
import {
  type Adversary,
  childSeed,
  equivocate,
  SimHub,
  seededRng,
  stall,
  startToy,
  TOY_PROTOCOL,
  tamper,
} from '@mpcium/tss-sim';
import type { DropReason, SessionEvent, SessionResult } from './index.js';
import { describeResult, runSession } from './index.js';

interface Run {
  readonly results: Map<PartyIndex, SessionResult<bigint>>;
  readonly drops: Map<PartyIndex, DropReason[]>;
  readonly events: Map<PartyIndex, SessionEvent[]>;
}

/** Runs the toy protocol through the real driver over the in-memory hub. */
async function runToy(opts: {
  parties?: PartyIndex[];
  adversary?: Adversary;
  seed?: string;
  timeoutMs?: number;
  sessionIdFor?: (p: PartyIndex, id: Uint8Array) => Uint8Array;
  onEvent?: (hub: SimHub, self: PartyIndex, e: SessionEvent) => void;
}): Promise<Run> {
  const parties = opts.parties ?? [1, 2, 3];
  const seed = opts.seed ?? 'session-test';
  const hub = new SimHub(parties, seededRng(childSeed(seed, 'hub')), opts.adversary);
  const sessionId = childSeed(seed, 'sid');
  const drops = new Map<PartyIndex, DropReason[]>(parties.map((p) => [p, []]));
  const events = new Map<PartyIndex, SessionEvent[]>(parties.map((p) => [p, []]));
  const results = await Promise.all(
    parties.map(async (self) => {
      const r = await runSession<bigint>({
        sessionId: opts.sessionIdFor?.(self, sessionId) ?? sessionId,
        protocol: TOY_PROTOCOL,
        self,
        parties,
        start: (rng) => startToy(self, parties, rng),
        transport: hub.transport(self),
        rng: seededRng(childSeed(seed, `p${self}`)),
        roundTimeoutMs: opts.timeoutMs ?? 5_000,
        onEvent: (e) => {
          events.get(self)!.push(e);
          if (e.type === 'dropped') drops.get(self)!.push(e.reason);
          opts.onEvent?.(hub, self, e);
        },
      });
      return [self, r] as const;
    }),
  );
  return { results: new Map(results), drops, events };
}

function assertAllOk(run: Run): bigint {
  const values = [...run.results.values()].map((r) => {
    assert.equal(r.kind, 'ok', describeResult(r));
    return (r as { output: bigint }).output;
  });
  assert.ok(
    values.every((v) => v === values[0]),
    'every party has the same output',
  );
  return values[0]!;
}

function culprits(r: SessionResult<unknown>): readonly PartyIndex[] {
  assert.equal(r.kind, 'abort', describeResult(r));
  return r.kind === 'abort' ? r.culprits : [];
}

describe('session driver', () => {
  test('honest parties finish with equal outputs (2, 3 and 5 parties)', async () => {
    for (const parties of [
      [1, 2],
      [1, 2, 3],
      [2, 4, 5, 7, 9],
    ]) {
      assertAllOk(await runToy({ parties }));
    }
  });

  test('duplicates are dropped before any cryptography and the session completes', async () => {
    const run = await runToy({ adversary: { onMessage: () => ({ kind: 'duplicate', times: 2 }) } });
    assertAllOk(run);
    for (const d of run.drops.values()) assert.ok(d.includes('duplicate'));
  });

  test('out-of-order delivery: future-round messages are buffered, reordering is harmless', async () => {
    // Party 1's round-1 broadcast reaches party 2 late, after party 3's round-2 message.
    const late: Adversary = {
      reorder: true,
      onMessage: (m) =>
        m.from === 1 && m.recipient === 2 && m.round === 1 ? { kind: 'delay', ms: 30 } : undefined,
    };
    const run = await runToy({ adversary: late });
    assertAllOk(run);
    assert.ok(run.events.get(2)!.some((e) => e.type === 'buffered' && e.round === 2 && e.from === 3));
  });

  test('a message for another session is dropped; the party using it times out named', async () => {
    const run = await runToy({
      timeoutMs: 300,
      sessionIdFor: (p, id) => (p === 3 ? childSeed(id, 'other') : id),
    });
    for (const p of [1, 2]) {
      const r = run.results.get(p)!;
      assert.deepEqual(r, { kind: 'timeout', round: 1, missing: [3] });
      assert.ok(run.drops.get(p)!.includes('wrong-session'));
    }
  });

  test('envelopes from non-members, misrouted, malformed or oversized are dropped', async () => {
    const seedEnv = (from: number, to: number) =>
      toBinary(
        PeerEnvelopeSchema,
        create(PeerEnvelopeSchema, {
          sessionId: childSeed('session-test', 'sid'),
          protocol: TOY_PROTOCOL,
          round: 1,
          from,
          to,
          payload: new Uint8Array(16),
        }),
      );
    let injected = false;
    const run = await runToy({
      onEvent: (hub, self, e) => {
        if (injected || self !== 1 || e.type !== 'round') return;
        injected = true;
        hub.inject(1, seedEnv(9, 0)); // non-member
        hub.inject(1, seedEnv(2, 3)); // addressed to party 3
        hub.inject(1, Uint8Array.of(0xff, 0xff, 0xff)); // not a protobuf envelope
        hub.inject(1, new Uint8Array(5 * 1024 * 1024)); // larger than the envelope limit
      },
    });
    assertAllOk(run);
    const d = run.drops.get(1)!;
    for (const reason of ['non-member', 'misrouted', 'malformed-envelope', 'oversized'] as const) {
      assert.ok(d.includes(reason), `expected a ${reason} drop, got ${d.join(',')}`);
    }
  });

  test('a replayed past-round message is dropped', async () => {
    let saved: Uint8Array | undefined;
    const capture: Adversary = {
      onMessage: (m) => {
        if (m.from === 2 && m.recipient === 1 && m.round === 1) {
          saved = toBinary(PeerEnvelopeSchema, m.envelope);
        }
        return undefined;
      },
    };
    const run = await runToy({
      adversary: capture,
      onEvent: (hub, self, e) => {
        if (self === 1 && e.type === 'round' && e.round === 3 && saved) hub.inject(1, saved);
      },
    });
    assertAllOk(run);
    assert.ok(run.drops.get(1)!.includes('past-round'));
  });

  test('a stalled party times out with its name', async () => {
    const run = await runToy({ parties: [1, 2, 3, 4], adversary: stall(2, 2), timeoutMs: 200 });
    for (const p of [1, 3, 4])
      assert.deepEqual(run.results.get(p), { kind: 'timeout', round: 2, missing: [2] });
  });

  test('broadcast equivocation in a reliable round is caught and the equivocator named', async () => {
    const run = await runToy({
      parties: [1, 2, 3, 4],
      adversary: equivocate(1, 1, [3], (payload) => payload.map((b) => b ^ 1)),
    });
    for (const p of [2, 3, 4]) {
      const r = run.results.get(p)!;
      assert.equal(r.kind, 'abort', describeResult(r));
      assert.deepEqual(culprits(r), [1]);
      assert.match((r as { reason: string }).reason, /equivocation/);
    }
  });

  test('a malformed payload aborts naming its sender', async () => {
    const run = await runToy({ adversary: tamper(2, 1, (p) => p.slice(0, 3)), timeoutMs: 300 });
    for (const p of [1, 3]) {
      const r = run.results.get(p)!;
      assert.equal(r.kind, 'abort');
      assert.deepEqual(culprits(r), [2]);
    }
  });

  test('a second, different message from the same sender in a round aborts naming it', async () => {
    const conflicting = await runToy({
      timeoutMs: 300,
      onEvent: (hub, self, e) => {
        if (self === 1 && e.type === 'round' && e.round === 3) {
          const forged = create(PeerEnvelopeSchema, {
            sessionId: childSeed('session-test', 'sid'),
            protocol: TOY_PROTOCOL,
            round: 3,
            from: 3,
            to: 0,
            payload: new Uint8Array(8).fill(9),
          });
          hub.inject(1, toBinary(PeerEnvelopeSchema, forged));
        }
      },
    });
    const r = conflicting.results.get(1)!;
    assert.equal(r.kind, 'abort', describeResult(r));
    assert.deepEqual(culprits(r), [3]);
  });
});

describe('session driver buffer', () => {
  test('a future-round message sent twice is buffered once; a different second one aborts naming its sender', async () => {
    const forged = (payload: Uint8Array) =>
      toBinary(
        PeerEnvelopeSchema,
        create(PeerEnvelopeSchema, {
          sessionId: childSeed('session-test', 'sid'),
          protocol: TOY_PROTOCOL,
          round: 3,
          from: 2,
          to: 0,
          payload,
        }),
      );
    let injected = false;
    const run = await runToy({
      timeoutMs: 300,
      onEvent: (hub, self, e) => {
        if (injected || self !== 1 || e.type !== 'round' || e.round !== 1) return;
        injected = true;
        hub.inject(1, forged(new Uint8Array(8).fill(1)));
        hub.inject(1, forged(new Uint8Array(8).fill(1)));
        hub.inject(1, forged(new Uint8Array(8).fill(2)));
      },
    });
    const r = run.results.get(1)!;
    assert.deepEqual(culprits(r), [2]);
    assert.ok(run.drops.get(1)!.includes('duplicate'));
  });
});
