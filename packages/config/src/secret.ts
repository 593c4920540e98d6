/**
 * A secret read by the configuration (password, data key, shared secret, identity key). It
 * prints as `<redacted>` in `toString`, `toJSON` and `util.inspect` (STYLE.md rule 8), so a
 * config object that reaches a log line or a JSON dump does not carry it along.
 */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export const REDACTED = '<redacted>';

export class Secret {
  readonly #bytes: Uint8Array;

  constructor(value: string | Uint8Array) {
    this.#bytes = typeof value === 'string' ? new TextEncoder().encode(value) : Uint8Array.from(value);
    Object.freeze(this);
  }

  /** A fresh copy of the secret's bytes; the caller wipes it when done. */
  bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  /** The secret as UTF-8 text. */
  text(): string {
    return new TextDecoder().decode(this.#bytes);
  }

  get length(): number {
    return this.#bytes.length;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return REDACTED;
  }
}
