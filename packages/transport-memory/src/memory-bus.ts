/**
 * The embedded mode's transport (ARCHITECTURE.md "Embedded default vs cluster"): an in-process
 * bus carrying the same encoded PeerEnvelope bytes as NATS, delivered asynchronously. Sessions
 * are keyed by id; a party's inbound envelopes wait until its driver subscribes.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { PeerEnvelopeSchema } from '@mpcium/proto';
import type { SessionTransport } from '@mpcium/session';
import type { PartyIndex } from '@mpcium/tss';

interface Endpoint {
  handler?: (bytes: Uint8Array) => void;
  pending: Uint8Array[];
}

export class MemoryBus {
  readonly #sessions = new Map<string, Map<PartyIndex, Endpoint>>();

  /** Joins `party` to session `sessionId`. */
  open(sessionId: Uint8Array, party: PartyIndex): SessionTransport {
    const key = Buffer.from(sessionId).toString('hex');
    const members = this.#sessions.get(key) ?? new Map<PartyIndex, Endpoint>();
    this.#sessions.set(key, members);
    const self: Endpoint = members.get(party) ?? { pending: [] };
    members.set(party, self);
    return {
      send: (to, bytes) => {
        const from = fromBinary(PeerEnvelopeSchema, bytes).from;
        const targets = to === null ? [...members.keys()].filter((p) => p !== from) : [to];
        for (const t of targets) {
          let ep = members.get(t);
          if (!ep) {
            ep = { pending: [] };
            members.set(t, ep);
          }
          const target = ep;
          setImmediate(() => {
            if (target.handler) target.handler(bytes);
            else if (target.pending.length < 1024) target.pending.push(bytes);
          });
        }
      },
      subscribe: (handler) => {
        self.handler = handler;
        for (const b of self.pending.splice(0)) handler(b);
        return () => {
          if (self.handler === handler) self.handler = undefined;
        };
      },
      close: () => {
        members.delete(party);
        if (members.size === 0) this.#sessions.delete(key);
      },
    };
  }
}
