import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { PeerEnvelopeSchema } from '@mpcium/proto';
import type { Transport } from '@mpcium/session';
import type { PartyIndex, Rng } from '@mpcium/tss';
import type { Action, Adversary } from './adversary.js';

interface Delivery {
  readonly recipient: PartyIndex;
  readonly bytes: Uint8Array;
}

export interface HubStats {
  messages: number;
  bytes: number;
}

/**
 * An in-memory bus for n parties. Every envelope crosses it as encoded bytes and is decoded by
 * the receiving session driver; the adversary sees each (envelope, recipient) copy and decides
 * its fate. Deliveries are asynchronous and, unless reordered, first in first out.
 */
export class SimHub {
  readonly #parties: readonly PartyIndex[];
  readonly #adversary: Adversary | undefined;
  readonly #rng: Rng;
  readonly #handlers = new Map<PartyIndex, (bytes: Uint8Array) => void>();
  #batch: Delivery[] = [];
  #scheduled = false;
  readonly stats: HubStats = { messages: 0, bytes: 0 };

  constructor(parties: readonly PartyIndex[], rng: Rng, adversary?: Adversary) {
    this.#parties = parties;
    this.#rng = rng;
    this.#adversary = adversary;
  }

  transport(self: PartyIndex): Transport {
    return {
      send: (to, bytes) => this.#route(self, to, bytes),
      subscribe: (handler) => {
        this.#handlers.set(self, handler);
        return () => this.#handlers.delete(self);
      },
    };
  }

  /** Delivers raw bytes to a party as if they came off the wire (foreign or crafted envelopes). */
  inject(recipient: PartyIndex, bytes: Uint8Array): void {
    this.#enqueue({ recipient, bytes });
  }

  #route(from: PartyIndex, to: PartyIndex | null, bytes: Uint8Array): void {
    this.stats.messages++;
    this.stats.bytes += bytes.length;
    const envelope = fromBinary(PeerEnvelopeSchema, bytes);
    const recipients = to === null ? this.#parties.filter((p) => p !== from) : [to];
    for (const recipient of recipients) {
      const action: Action = this.#adversary?.onMessage?.({
        from,
        recipient,
        round: envelope.round,
        broadcast: to === null,
        envelope: fromBinary(PeerEnvelopeSchema, bytes),
      }) ?? { kind: 'deliver' };
      this.#act(action, recipient, bytes);
    }
  }

  #act(action: Action, recipient: PartyIndex, bytes: Uint8Array): void {
    switch (action.kind) {
      case 'deliver':
        return this.#enqueue({ recipient, bytes });
      case 'drop':
        return;
      case 'delay':
        setTimeout(() => this.#enqueue({ recipient, bytes }), action.ms);
        return;
      case 'duplicate':
        for (let i = 0; i <= action.times; i++) this.#enqueue({ recipient, bytes });
        return;
      case 'replace': {
        const env = fromBinary(PeerEnvelopeSchema, bytes);
        const replaced = create(PeerEnvelopeSchema, { ...env, payload: action.payload });
        return this.#enqueue({ recipient, bytes: toBinary(PeerEnvelopeSchema, replaced) });
      }
      case 'raw':
        return this.#enqueue({ recipient, bytes: action.bytes });
    }
  }

  #enqueue(d: Delivery): void {
    this.#batch.push(d);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#batch;
    this.#batch = [];
    if (this.#adversary?.reorder) shuffle(batch, this.#rng);
    for (const d of batch) this.#handlers.get(d.recipient)?.(d.bytes);
  }
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const r = rng(4);
    const j = (((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 0) % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
