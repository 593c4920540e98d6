import type { Rng } from '@mpcium/tss';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * A deterministic random source for tests and simulations: SHA-256 in counter mode over a seed.
 * Never use it for real keys.
 */
export function seededRng(seed: string | Uint8Array): Rng {
  const key = sha256(
    concatBytes(utf8ToBytes('mpcium.sim.rng.v1'), typeof seed === 'string' ? utf8ToBytes(seed) : seed),
  );
  let counter = 0;
  let pool = new Uint8Array(0);
  return (n = 32) => {
    while (pool.length < n) {
      const c = new Uint8Array(8);
      new DataView(c.buffer).setBigUint64(0, BigInt(counter++));
      pool = concatBytes(pool, sha256(concatBytes(key, c)));
    }
    const out = pool.slice(0, n);
    pool = pool.slice(n);
    return out;
  };
}

/** Derives an independent child seed, e.g. one per party. */
export function childSeed(seed: string | Uint8Array, label: string): Uint8Array {
  return seededRng(
    concatBytes(typeof seed === 'string' ? utf8ToBytes(seed) : seed, utf8ToBytes(`/${label}`)),
  )(32);
}
