import type { PartyIndex } from './types.js';

/**
 * Validates a session's participant list: distinct, sorted, positive safe integers (CRYPTO.md
 * item 9: identifiers distinct and non-zero), containing `self`.
 */
export function assertParties(parties: readonly PartyIndex[], self: PartyIndex): readonly PartyIndex[] {
  if (parties.length < 2) throw new RangeError(`a session needs at least 2 parties, got ${parties.length}`);
  for (const p of parties) {
    if (!Number.isSafeInteger(p) || p < 1 || p > 0xffff) throw new RangeError(`invalid party index ${p}`);
  }
  if (new Set(parties).size !== parties.length) throw new RangeError('duplicate party index');
  if (!parties.includes(self)) throw new RangeError(`party ${self} is not a participant`);
  return Object.freeze([...parties].sort((a, b) => a - b));
}

/** Threshold rule of ARCHITECTURE.md: floor(n/2)+1 <= threshold <= n, n >= 2. */
export function assertThreshold(threshold: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`need at least 2 parties, got ${n}`);
  if (!Number.isSafeInteger(threshold) || threshold < Math.floor(n / 2) + 1 || threshold > n) {
    throw new RangeError(`threshold ${threshold} outside [${Math.floor(n / 2) + 1}, ${n}] for ${n} parties`);
  }
}

export function others(parties: readonly PartyIndex[], self: PartyIndex): readonly PartyIndex[] {
  return Object.freeze(parties.filter((p) => p !== self));
}
