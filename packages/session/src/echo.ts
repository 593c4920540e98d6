import { create } from '@bufbuild/protobuf';
import { type BroadcastEcho, BroadcastEchoSchema, EchoDigestSchema } from '@mpcium/proto';
import type { PartyIndex } from '@mpcium/tss';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const TAG = utf8ToBytes('mpcium.session.echo.v1');

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

/** Digest of one party's broadcast payload in one round, bound to session and protocol. */
export function broadcastDigest(
  sessionId: Uint8Array,
  protocol: string,
  round: number,
  from: PartyIndex,
  payload: Uint8Array,
): Uint8Array {
  const p = utf8ToBytes(protocol);
  return sha256(
    concatBytes(TAG, u32(sessionId.length), sessionId, u32(p.length), p, u32(round), u32(from), payload),
  );
}

export function makeEcho(round: number, digests: ReadonlyMap<PartyIndex, Uint8Array>): BroadcastEcho {
  const sorted = [...digests.entries()].sort(([a], [b]) => a - b);
  return create(BroadcastEchoSchema, {
    round,
    digests: sorted.map(([party, digest]) => create(EchoDigestSchema, { party, digest })),
  });
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Compares a peer's echo with our own view of the reliable round. Returns the parties whose
 * broadcast the peer saw differently (they equivocated), or the echoing peer itself when its
 * echo is missing or malformed.
 */
export function checkEcho(
  echoer: PartyIndex,
  echo: BroadcastEcho | undefined,
  round: number,
  ours: ReadonlyMap<PartyIndex, Uint8Array>,
): { readonly culprits: PartyIndex[]; readonly reason: string } | undefined {
  if (!echo || echo.round !== round) {
    return { culprits: [echoer], reason: `missing reliable-broadcast echo for round ${round}` };
  }
  const theirs = new Map<PartyIndex, Uint8Array>();
  for (const d of echo.digests) {
    if (theirs.has(d.party)) return { culprits: [echoer], reason: 'malformed echo: duplicate party' };
    theirs.set(d.party, d.digest);
  }
  if (theirs.size !== ours.size) return { culprits: [echoer], reason: 'malformed echo: wrong party count' };
  const differing: PartyIndex[] = [];
  for (const [party, digest] of ours) {
    const other = theirs.get(party);
    if (!other) return { culprits: [echoer], reason: 'malformed echo: party missing' };
    if (!equalBytes(other, digest)) differing.push(party);
  }
  return differing.length
    ? { culprits: differing, reason: `broadcast equivocation in round ${round} seen by party ${echoer}` }
    : undefined;
}
