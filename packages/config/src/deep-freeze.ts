/**
 * Freezes a configuration tree: plain objects and arrays, recursively. Config objects hold only
 * strings, numbers, booleans, arrays, plain objects and `Secret`s (which freeze themselves), so
 * this freezes all of it. Typed arrays and Maps cannot be frozen, which is why public keys are
 * kept as hex strings and turned into bytes by the helpers in cluster-keys.ts.
 */
export function deepFreeze<T>(value: T, seen: WeakSet<object> = new WeakSet()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  if (ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set)
    throw new TypeError('config values must be plain data (no typed arrays, Maps or Sets)');
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  return Object.freeze(value);
}
