/**
 * Precomputed signing nonces for one-round FROST signing (RFC 9591 section 5.1 notes that
 * commitments may be generated ahead of the message). The pool publishes the commitments and
 * hands each nonce out exactly once: `take` removes it atomically, so two concurrent requests for
 * the same commitment get one nonce and one error (CRYPTO.md negative test 15).
 *
 * Persistence is the caller's job: the pool must be stored (with the nonce removed) before the
 * signature share that spends it leaves the node (CRYPTO.md, FROST signing).
 */
import type { Rng } from '../engine/index.js';
import type { FrostKeyShare } from './key-share.js';
import { commitmentId, type FrostCommitment, type FrostNonce, generateFrostNonce } from './nonce.js';

/** Upper bound per generate call, to keep a mistaken count from exhausting memory. */
const MAX_BATCH = 10_000;

export class FrostNoncePool {
  readonly #share: FrostKeyShare;
  readonly #available = new Map<string, FrostNonce>();

  constructor(share: FrostKeyShare) {
    this.#share = share;
  }

  /** Number of nonces still available. */
  get size(): number {
    return this.#available.size;
  }

  /** Generates `count` fresh nonces with `rng` and returns their public commitments. */
  generate(count: number, rng: Rng): FrostCommitment[] {
    if (!Number.isSafeInteger(count) || count < 1 || count > MAX_BATCH) {
      throw new RangeError(`nonce count must be in [1, ${MAX_BATCH}], got ${count}`);
    }
    const out: FrostCommitment[] = [];
    for (let i = 0; i < count; i++) {
      const nonce = generateFrostNonce(this.#share, rng);
      const id = commitmentId(nonce.commitment);
      // A repeated commitment means a broken rng; never keep two handles on one nonce.
      if (this.#available.has(id)) throw new Error('nonce generation repeated a commitment');
      this.#available.set(id, nonce);
      out.push(nonce.commitment);
    }
    return out;
  }

  /** The public commitments of every nonce still available. */
  commitments(): FrostCommitment[] {
    return [...this.#available.values()].map((n) => n.commitment);
  }

  has(commitment: FrostCommitment): boolean {
    return this.#available.has(commitmentId(commitment));
  }

  /**
   * Removes and returns the nonce behind `commitment`. Throws if it is unknown or was already
   * taken: each nonce is handed out at most once.
   */
  take(commitment: FrostCommitment): FrostNonce {
    const id = commitmentId(commitment);
    const nonce = this.#available.get(id);
    if (!nonce) throw new Error('FROST nonce not available (unknown or already taken)');
    this.#available.delete(id);
    return nonce;
  }

  toString(): string {
    return `FrostNoncePool(${this.#share.suite.name}, party ${this.#share.party}, ${this.size} available)`;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
