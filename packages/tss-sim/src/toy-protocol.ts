import {
  abort,
  broadcastTo,
  done,
  type MessageSpec,
  next,
  others,
  type PartyIndex,
  type Rng,
  type Round,
  type Step,
  sendTo,
} from '@mpcium/tss';

/**
 * A small three-round protocol for exercising the session driver and the simulator without
 * cryptography: round 1 broadcasts a random 16-byte value reliably, round 2 sends each peer
 * a p2p value, round 3 broadcasts the total. Its output is the same on every honest party.
 */
export const TOY_PROTOCOL = 'toy.sum';

function bytesSpec(
  name: string,
  kind: 'broadcast' | 'p2p',
  reliable: boolean,
  length: number,
): MessageSpec<Uint8Array> {
  return Object.freeze({
    name,
    kind,
    reliable,
    encode: (m: Uint8Array) => m,
    decode: (b: Uint8Array) => {
      if (b.length !== length) throw new RangeError(`${name}: expected ${length} bytes, got ${b.length}`);
      return b;
    },
  });
}

export const toyR1 = bytesSpec('toy.r1', 'broadcast', true, 16);
export const toyR2 = bytesSpec('toy.r2', 'p2p', false, 4);
export const toyR3 = bytesSpec('toy.r3', 'broadcast', false, 8);

function sum(values: Iterable<Uint8Array>): bigint {
  let s = 0n;
  for (const v of values) for (const b of v) s += BigInt(b);
  return s;
}

function u64(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
}

export function startToy(self: PartyIndex, parties: readonly PartyIndex[], rng: Rng): Step<bigint> {
  const peers = others(parties, self);
  const mine = rng(16);
  const round3 = (total: bigint): Round<bigint, Uint8Array> => ({
    protocol: TOY_PROTOCOL,
    number: 3,
    peers,
    broadcast: toyR3,
    finalize: (inbound) => {
      const liars = [...inbound.broadcast].filter(([, t]) => sum([t]) !== sum([u64(total)])).map(([p]) => p);
      return liars.length ? abort(liars, 'totals differ') : done(total);
    },
  });
  const round2 = (all: Uint8Array[]): Round<bigint, unknown, Uint8Array> => ({
    protocol: TOY_PROTOCOL,
    number: 2,
    peers,
    p2p: toyR2,
    finalize: (inbound) => {
      const expected = (p: PartyIndex) => u32(p * 7 + self);
      const bad = [...inbound.p2p].filter(([p, v]) => sum([v]) !== sum([expected(p)])).map(([p]) => p);
      if (bad.length) return abort(bad, 'wrong p2p value');
      const total = sum(all);
      return next(round3(total), [broadcastTo(toyR3, u64(total))]);
    },
  });
  const round1: Round<bigint, Uint8Array> = {
    protocol: TOY_PROTOCOL,
    number: 1,
    peers,
    broadcast: toyR1,
    finalize: (inbound) => {
      const all = [mine, ...inbound.broadcast.values()];
      return next(
        round2(all),
        peers.map((p) => sendTo(toyR2, p, u32(self * 7 + p))),
      );
    },
  };
  return next(round1, [broadcastTo(toyR1, mine)]);
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}
