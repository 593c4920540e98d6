/** What secret-holding objects print instead of themselves (STYLE.md rule 8). */
export const REDACTED = '<redacted>';

export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Makes `toString`, `toJSON` and `util.inspect` of `value` print `label(<redacted>)`. */
export function redacted<T extends object>(value: T, label: string): T {
  const text = `${label}(${REDACTED})`;
  Object.defineProperties(value, {
    toString: { value: () => text, enumerable: false },
    toJSON: { value: () => text, enumerable: false },
    [INSPECT]: { value: () => text, enumerable: false },
  });
  return value;
}
