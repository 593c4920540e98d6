/**
 * The NATS transport against a real nats-server: FROST key generation and signing run through
 * the session driver over NATS with signed envelopes and encrypted point-to-point payloads;
 * forged, unsigned and foreign envelopes are dropped before the protocol sees them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { PeerEnvelopeSchema } from '@mpcium/proto';
import { runSession, type SessionResult } from '@mpcium/session';
import { type NatsServer, startNats } from '@mpcium/testkit';
import {
  NodeIdentity,
  openNatsSessionTransport,
  PeerDirectory,
  sealEnvelope,
  sessionSubjects,
  type TransportDropReason,
} from '@mpcium/transport-nats';
import {
  FROST_ED25519,
  type FrostKeyShare,
  frostDkgProtocol,
  frostSignProtocol,
  type PartyIndex,
  type Step,
  startFrostDkg,
  startFrostSign,
} from '@mpcium/tss';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';

const parties = [1, 2, 3];
const identities = new Map(parties.map((p) => [p, NodeIdentity.generate(p)]));
const peers = new PeerDirectory(new Map(parties.map((p) => [p, identities.get(p)!.publicKey])));

let nats: NatsServer;
const conns = new Map<PartyIndex, NatsConnection>();

before(async () => {
  nats = await startNats();
  for (const p of parties) conns.set(p, await connect({ servers: nats.url }));
});

after(async () => {
  for (const nc of conns.values()) await nc.close();
  await nats.stop();
});

async function runOverNats<O>(
  protocol: string,
  members: readonly PartyIndex[],
  start: (self: PartyIndex) => (rng: (n?: number) => Uint8Array) => Step<O>,
  hooks: { beforeStart?: (sessionId: Uint8Array) => Promise<void>; drops?: TransportDropReason[] } = {},
): Promise<Map<PartyIndex, SessionResult<O>>> {
  const sessionId = randomBytes(32);
  // Every participant subscribes before anyone sends (the coordinator's barrier).
  const transports = await Promise.all(
    members.map((self) =>
      openNatsSessionTransport({
        nc: conns.get(self)!,
        sessionId,
        identity: identities.get(self)!,
        peers,
        onDrop: (r) => hooks.drops?.push(r),
      }),
    ),
  );
  await hooks.beforeStart?.(sessionId);
  const results = await Promise.all(
    members.map((self, k) =>
      runSession<O>({
        sessionId,
        protocol,
        self,
        parties: members,
        start: start(self),
        transport: transports[k]!,
        rng: (n = 32) => randomBytes(n),
        roundTimeoutMs: 5_000,
      }),
    ),
  );
  for (const t of transports) t.close();
  return new Map(members.map((p, k) => [p, results[k]!]));
}

function okOutputs<O>(results: Map<PartyIndex, SessionResult<O>>): Map<PartyIndex, O> {
  return new Map(
    [...results].map(([p, r]) => {
      assert.equal(r.kind, 'ok', `party ${p}: ${r.kind === 'abort' ? r.reason : r.kind}`);
      return [p, (r as { output: O }).output];
    }),
  );
}

describe('NATS transport', () => {
  let shares: Map<PartyIndex, FrostKeyShare>;

  test('FROST DKG and signing over NATS with signed, encrypted envelopes', async () => {
    const suite = FROST_ED25519;
    const captured: Uint8Array[] = [];
    const spy = await connect({ servers: nats.url });
    spy.subscribe('mpcium.peer.>', {
      callback: (_e, m) => {
        captured.push(m.data);
      },
    });
    await spy.flush();
    shares = okOutputs(
      await runOverNats(
        frostDkgProtocol(suite),
        parties,
        (self) => (rng) => startFrostDkg({ suite, self, parties, threshold: 2 }, rng),
      ),
    );
    const message = new TextEncoder().encode('over nats');
    const sigs = okOutputs(
      await runOverNats(
        frostSignProtocol(suite),
        [1, 3],
        (self) => (rng) => startFrostSign({ share: shares.get(self)!, signers: [1, 3], message }, rng),
      ),
    );
    assert.ok(ed25519.verify(sigs.get(1)!, message, shares.get(1)!.publicKey, { zip215: false }));
    await spy.flush();
    await spy.close();
    // Every envelope on the wire is signed; p2p payloads (the DKG shares) are ciphertext with a
    // 24-byte nonce and a 16-byte tag around the 32-byte share.
    const envelopes = captured.map((b) => fromBinary(PeerEnvelopeSchema, b));
    assert.ok(envelopes.length > 0);
    for (const env of envelopes) assert.equal(env.signature.length, 64);
    const p2p = envelopes.filter((e) => e.to !== 0);
    assert.ok(p2p.length >= 6);
    for (const env of p2p) assert.ok(env.payload.length >= 24 + 16 + 32, 'encrypted p2p payload');
  });

  test('forged, unsigned and unknown-sender envelopes are dropped; the session still completes', async () => {
    const suite = FROST_ED25519;
    const drops: TransportDropReason[] = [];
    const outsider = NodeIdentity.generate(2); // claims to be party 2 with a key nobody listed
    const attacker = await connect({ servers: nats.url });
    const message = new TextEncoder().encode('under attack');
    const results = await runOverNats(
      frostSignProtocol(suite),
      [1, 2],
      (self) => (rng) => startFrostSign({ share: shares.get(self)!, signers: [1, 2], message }, rng),
      {
        drops,
        beforeStart: async (sessionId) => {
          const subjects = sessionSubjects('mpcium.peer', sessionId);
          const raw = (from: number) =>
            toBinary(
              PeerEnvelopeSchema,
              create(PeerEnvelopeSchema, {
                sessionId,
                protocol: frostSignProtocol(suite),
                round: 1,
                from,
                to: 0,
                payload: new Uint8Array(10),
              }),
            );
          const bogusPeers = new PeerDirectory(new Map([[2, outsider.publicKey]]));
          attacker.publish(subjects.broadcast, sealEnvelope(raw(2), outsider, bogusPeers)); // wrong key for party 2
          attacker.publish(subjects.broadcast, raw(2)); // unsigned
          attacker.publish(subjects.broadcast, sealEnvelope(raw(9), NodeIdentity.generate(9), bogusPeers)); // non-member
          attacker.publish(subjects.to(1), Uint8Array.of(1, 2, 3)); // garbage
          await attacker.flush();
        },
      },
    );
    await attacker.close();
    const sigs = okOutputs(results);
    assert.ok(ed25519.verify(sigs.get(1)!, message, shares.get(1)!.publicKey, { zip215: false }));
    assert.ok(drops.includes('bad-signature'));
    assert.ok(drops.includes('unknown-sender'));
    assert.ok(drops.includes('malformed'));
  });
});
