import type { PeerEnvelope } from '@mpcium/proto';
import type { PartyIndex } from '@mpcium/tss';

/** One envelope on its way to one recipient (a broadcast is one in-flight copy per recipient). */
export interface InFlight {
  readonly from: PartyIndex;
  readonly recipient: PartyIndex;
  readonly round: number;
  readonly broadcast: boolean;
  /** Decoded copy of the envelope; mutate-free: return `replace` to change what is delivered. */
  readonly envelope: PeerEnvelope;
}

/** What happens to an in-flight copy. */
export type Action =
  | { readonly kind: 'deliver' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'duplicate'; readonly times: number }
  /** Delivers a different payload in place of the real one (re-encoded into the envelope). */
  | { readonly kind: 'replace'; readonly payload: Uint8Array }
  /** Delivers raw bytes instead of the envelope (malformed wire data, foreign sessions...). */
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

/**
 * Adversary hooks of the simulator: drop, delay, duplicate, reorder, replace a party's outgoing
 * message, or send different broadcasts to different peers (replace for some recipients only).
 */
export interface Adversary {
  onMessage?(message: InFlight): Action | undefined;
  /** Shuffle each delivery batch with the seeded random source. */
  readonly reorder?: boolean;
}

export const deliver: Action = Object.freeze({ kind: 'deliver' });
export const drop: Action = Object.freeze({ kind: 'drop' });

/** Drops everything a party sends from `round` on: the party looks stalled to its peers. */
export function stall(party: PartyIndex, fromRound = 1): Adversary {
  return { onMessage: (m) => (m.from === party && m.round >= fromRound ? drop : undefined) };
}

/** Rewrites the payload `party` sends in `round` (to every recipient, or those `to` selects). */
export function tamper(
  party: PartyIndex,
  round: number,
  rewrite: (payload: Uint8Array, recipient: PartyIndex) => Uint8Array | undefined,
): Adversary {
  return {
    onMessage: (m) => {
      if (m.from !== party || m.round !== round) return undefined;
      const payload = rewrite(m.envelope.payload, m.recipient);
      return payload ? { kind: 'replace', payload } : undefined;
    },
  };
}

/** Sends `party`'s round broadcast unchanged to some peers and `other` to the rest. */
export function equivocate(
  party: PartyIndex,
  round: number,
  victims: readonly PartyIndex[],
  other: (payload: Uint8Array) => Uint8Array,
): Adversary {
  return tamper(party, round, (payload, recipient) =>
    victims.includes(recipient) ? other(payload) : undefined,
  );
}

/** Applies several adversaries in order; the first that returns an action wins. */
export function combine(...adversaries: Adversary[]): Adversary {
  return {
    reorder: adversaries.some((a) => a.reorder),
    onMessage: (m) => {
      for (const a of adversaries) {
        const action = a.onMessage?.(m);
        if (action) return action;
      }
      return undefined;
    },
  };
}
