/**
 * Presignatures waiting for a digest (CGGMP's "presign offline, sign in one round"). The pool
 * hands each one out exactly once: `take` removes it atomically, so two concurrent requests for
 * the same presignature get one presignature and one error (CRYPTO.md negative test 15). Pure
 * and in memory; the key store persists the removal before the share made with it is sent.
 */
import { bytesToHex } from '@noble/curves/utils.js';
import { Presignature } from './presignature.js';

/** Upper bound on stored presignatures, to keep a mistaken producer from exhausting memory. */
const MAX_POOL = 100_000;

export class PresignaturePool {
  readonly #available = new Map<string, Presignature>();

  /** Number of presignatures still available. */
  get size(): number {
    return this.#available.size;
  }

  /** Adds an unspent presignature; a spent one or a second copy of one id is refused. */
  add(p: Presignature): void {
    if (!(p instanceof Presignature)) throw new TypeError('expected a validated Presignature');
    if (p.spent) throw new Error('presignature already used');
    const id = bytesToHex(p.id);
    if (this.#available.has(id)) throw new Error('presignature already in the pool');
    if (this.#available.size >= MAX_POOL) throw new RangeError('presignature pool is full');
    this.#available.set(id, p);
  }

  has(id: Uint8Array): boolean {
    return this.#available.has(bytesToHex(id));
  }

  /** Ids of every presignature still available, in insertion order. */
  ids(): Uint8Array[] {
    return [...this.#available.values()].map((p) => Uint8Array.from(p.id));
  }

  /**
   * Removes and returns the presignature with this id. Throws if it is unknown or was already
   * taken: each presignature is handed out at most once.
   */
  take(id: Uint8Array): Presignature {
    const key = bytesToHex(id);
    const p = this.#available.get(key);
    if (!p) throw new Error('presignature not available (unknown or already taken)');
    this.#available.delete(key);
    return p;
  }

  toString(): string {
    return `PresignaturePool(${this.size} available)`;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
