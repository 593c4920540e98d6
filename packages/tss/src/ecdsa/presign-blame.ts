/**
 * Collects the peers a round rejects, with one public reason each, and turns them into an Abort
 * that names them (STYLE.md rule 7; CRYPTO.md "negative tests ... each names the culprit"). The
 * reasons come from message checks and proof verifiers, which never include secrets.
 */
import { type Abort, abort, type PartyIndex } from '../engine/index.js';

export class Blame {
  readonly #culprits: PartyIndex[] = [];
  readonly #evidence: Record<string, string> = {};

  /** Records `party` with its first reason; later reasons for the same party are dropped. */
  add(party: PartyIndex, reason: string): void {
    if (this.#culprits.includes(party)) return;
    this.#culprits.push(party);
    this.#evidence[`party.${party}`] = reason;
  }

  get any(): boolean {
    return this.#culprits.length > 0;
  }

  abort(reason: string): Abort {
    return abort(this.#culprits, reason, this.#evidence);
  }
}
