import type { PartyIndex } from '@mpcium/tss';
import type { SessionResult } from './result.js';

/**
 * CRYPTO.md item 17: failures caused by the same peer are counted, and once a peer has caused
 * `threshold` failures within `windowMs` it is reported and excluded: the caller must not retry
 * silently with it. An abort blames its culprits; a timeout blames the parties that never
 * answered. Pure bookkeeping: the clock is injected.
 */
export interface BlameLedgerOptions {
  /** Failures within the window after which a peer is reported (default 2). */
  readonly threshold?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

export interface BlameDecision {
  /** Parties blamed by this result. */
  readonly blamed: readonly PartyIndex[];
  /** Parties that have now reached the threshold: report them and leave them out. */
  readonly reported: readonly PartyIndex[];
  /** False when a retry would include a reported party. */
  readonly retryWithSameParties: boolean;
}

export class BlameLedger {
  readonly #threshold: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #failures = new Map<PartyIndex, number[]>();

  constructor(options: BlameLedgerOptions = {}) {
    this.#threshold = options.threshold ?? 2;
    this.#windowMs = options.windowMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
    if (!Number.isSafeInteger(this.#threshold) || this.#threshold < 1)
      throw new RangeError('threshold must be >= 1');
  }

  /** Records a session's result among `participants` and says what to do next. */
  record(result: SessionResult<unknown>): BlameDecision {
    const blamed =
      result.kind === 'abort' ? result.culprits : result.kind === 'timeout' ? result.missing : [];
    const now = this.#now();
    const reported: PartyIndex[] = [];
    for (const party of blamed) {
      const times = this.#recent(party, now);
      times.push(now);
      this.#failures.set(party, times);
      if (times.length >= this.#threshold) reported.push(party);
    }
    return Object.freeze({
      blamed: Object.freeze([...blamed]),
      reported: Object.freeze(reported),
      retryWithSameParties: reported.length === 0,
    });
  }

  /** Parties currently over the threshold, to leave out of new sessions. */
  excluded(): PartyIndex[] {
    const now = this.#now();
    return [...this.#failures.keys()]
      .filter((p) => this.#recent(p, now).length >= this.#threshold)
      .sort((a, b) => a - b);
  }

  /** Forgets a party's failures (an operator cleared it). */
  clear(party: PartyIndex): void {
    this.#failures.delete(party);
  }

  #recent(party: PartyIndex, now: number): number[] {
    return (this.#failures.get(party) ?? []).filter((t) => now - t < this.#windowMs);
  }
}
