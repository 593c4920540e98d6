/**
 * Secret-holding values redact themselves in `toString`, `toJSON` and `util.inspect`
 * (STYLE.md rule 8). Use `redacted(obj, label)` on any object that holds key shares or nonces.
 */
const inspect = Symbol.for('nodejs.util.inspect.custom');

export const REDACTED = '<redacted>';

export function redacted<T extends object>(value: T, label: string): T {
  const text = `${label}(${REDACTED})`;
  Object.defineProperties(value, {
    toString: { value: () => text, enumerable: false },
    toJSON: { value: () => text, enumerable: false },
    [inspect]: { value: () => text, enumerable: false },
  });
  return value;
}

/** A byte string that must never be printed: the bytes are reachable only through `expose()`. */
export class SecretBytes {
  readonly #bytes: Uint8Array;
  #wiped = false;

  constructor(bytes: Uint8Array) {
    this.#bytes = Uint8Array.from(bytes);
  }

  get length(): number {
    return this.#bytes.length;
  }

  /** Returns a copy of the secret bytes. Throws after `wipe()`. */
  expose(): Uint8Array {
    if (this.#wiped) throw new Error('secret was wiped');
    return Uint8Array.from(this.#bytes);
  }

  /** Best-effort erasure; JavaScript may keep copies elsewhere. */
  wipe(): void {
    this.#bytes.fill(0);
    this.#wiped = true;
  }

  toString(): string {
    return `SecretBytes(${REDACTED})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect](): string {
    return this.toString();
  }
}
