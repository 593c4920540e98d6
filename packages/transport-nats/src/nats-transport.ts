/**
 * The session driver's Transport port over core NATS (STYLE.md rule 11): each session has one
 * subject per recipient and one broadcast subject, `<prefix>.<session id hex>.<party|all>`.
 * Outbound envelopes are sealed (signed, p2p payloads encrypted); inbound ones are opened
 * (signature checked first, then decrypted) and only then handed to the driver, so nothing
 * forged or unreadable reaches protocol code. Subscriptions are made and flushed before
 * `openNatsSessionTransport` resolves: a coordinator that waits for every participant's
 * transport to be open before the session starts loses no first-round message.
 */
import type { Transport } from '@mpcium/session';
import type { PartyIndex } from '@mpcium/tss';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { openEnvelope, sealEnvelope } from './envelope-crypto.js';
import type { NodeIdentity, PeerDirectory } from './identity.js';

export type TransportDropReason =
  | 'malformed'
  | 'unknown-sender'
  | 'bad-signature'
  | 'undecryptable'
  | 'overflow';

export interface NatsSessionTransportOptions {
  readonly nc: NatsConnection;
  readonly sessionId: Uint8Array;
  readonly identity: NodeIdentity;
  readonly peers: PeerDirectory;
  readonly subjectPrefix?: string;
  /** Envelopes held until the driver subscribes; more are dropped. */
  readonly maxPending?: number;
  readonly onDrop?: (reason: TransportDropReason) => void;
}

export function sessionSubjects(prefix: string, sessionId: Uint8Array) {
  const base = `${prefix}.${Buffer.from(sessionId).toString('hex')}`;
  return { broadcast: `${base}.all`, to: (party: PartyIndex) => `${base}.${party}` };
}

export class NatsSessionTransport implements Transport {
  readonly #o: NatsSessionTransportOptions;
  readonly #subjects: ReturnType<typeof sessionSubjects>;
  readonly #subs: Subscription[] = [];
  #handler: ((bytes: Uint8Array) => void) | undefined;
  #pending: Uint8Array[] = [];

  private constructor(o: NatsSessionTransportOptions) {
    this.#o = o;
    this.#subjects = sessionSubjects(o.subjectPrefix ?? 'mpcium.peer', o.sessionId);
  }

  static async open(o: NatsSessionTransportOptions): Promise<NatsSessionTransport> {
    const t = new NatsSessionTransport(o);
    for (const subject of [t.#subjects.broadcast, t.#subjects.to(o.identity.party)]) {
      t.#subs.push(
        o.nc.subscribe(subject, { callback: (err, msg) => (err ? undefined : t.#receive(msg.data)) }),
      );
    }
    await o.nc.flush();
    return t;
  }

  send(to: PartyIndex | null, envelope: Uint8Array): void {
    const sealed = sealEnvelope(envelope, this.#o.identity, this.#o.peers);
    this.#o.nc.publish(to === null ? this.#subjects.broadcast : this.#subjects.to(to), sealed);
  }

  subscribe(handler: (envelope: Uint8Array) => void): () => void {
    this.#handler = handler;
    const pending = this.#pending;
    this.#pending = [];
    for (const bytes of pending) handler(bytes);
    return () => {
      if (this.#handler === handler) this.#handler = undefined;
    };
  }

  /** Unsubscribes from the session's subjects. */
  close(): void {
    for (const s of this.#subs.splice(0)) s.unsubscribe();
    this.#handler = undefined;
    this.#pending = [];
  }

  #receive(data: Uint8Array): void {
    const opened = openEnvelope(data, this.#o.identity, this.#o.peers);
    if (!opened.ok) return opened.reason === 'own' ? undefined : this.#o.onDrop?.(opened.reason);
    if (this.#handler) return this.#handler(opened.envelope);
    if (this.#pending.length >= (this.#o.maxPending ?? 256)) return this.#o.onDrop?.('overflow');
    this.#pending.push(opened.envelope);
  }
}

export const openNatsSessionTransport = NatsSessionTransport.open;
