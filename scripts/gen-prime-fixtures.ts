/**
 * Generates the safe-prime pairs that tests use to build Paillier-Blum moduli quickly
 * (packages/tss/src/testing/fixtures/safe-primes.json). TEST FIXTURES ONLY: these primes are
 * published in the repository, so any key built from them is broken by construction.
 *
 * Run: npx tsx scripts/gen-prime-fixtures.ts  (1536-bit safe primes take tens of seconds each)
 */
import { checkPrimeSync, generatePrime } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(
  dirname(fileURLToPath(import.meta.url)),
  '../packages/tss/src/testing/fixtures/safe-primes.json',
);

/** Pairs per profile: the standard profile's N is exactly 2048 bits, the strong one's 3072. */
const PLAN = [
  { profile: 'standard', bits: 1024, pairs: 8 },
  { profile: 'strong', bits: 1536, pairs: 3 },
] as const;

function prime(bits: number, options: { safe?: boolean; add?: bigint; rem?: bigint }): Promise<bigint> {
  return new Promise((resolve, reject) => {
    generatePrime(bits, { ...options, bigint: true }, (err, p) => (err ? reject(err) : resolve(p)));
  });
}

function safePrime(bits: number): Promise<bigint> {
  return prime(bits, { safe: true });
}

/** A prime = 3 mod 4 whose (p-1)/2 is composite: a Blum prime that is not safe. */
async function blumNotSafe(bits: number): Promise<bigint> {
  for (;;) {
    const p = await prime(bits, { add: 4n, rem: 3n });
    if (!checkPrimeSync((p - 1n) / 2n)) return p;
  }
}

/** A pair is usable for a Paillier-Blum modulus of exactly 2*bits bits with p != q. */
async function pair(bits: number): Promise<{ p: string; q: string }> {
  for (;;) {
    // Two at a time: generatePrime runs on the libuv pool, and the build machines have 2 cores.
    const [p, q] = await Promise.all([safePrime(bits), safePrime(bits)]);
    if (p === q || (p * q).toString(2).length !== 2 * bits) continue;
    if (p % 4n !== 3n || q % 4n !== 3n) throw new Error('safe prime not 3 mod 4');
    return { p: p.toString(16), q: q.toString(16) };
  }
}

const started = Date.now();
const out: Record<string, unknown> = {
  warning: 'TEST FIXTURES ONLY, never for production: these primes are public.',
  generator: 'scripts/gen-prime-fixtures.ts (crypto.generatePrime, safe: true)',
};
for (const { profile, bits, pairs } of PLAN) {
  const list: { p: string; q: string }[] = [];
  for (let i = 0; i < pairs; i++) {
    list.push(await pair(bits));
    console.log(`${profile}: pair ${i + 1}/${pairs} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  out[profile] = { primeBits: bits, pairs: list };
}
// Primes that must be refused, for the negative tests of CRYPTO.md items 2 and 3.
out.negative = {
  prime2048: (await prime(2048, {})).toString(16),
  prime3072: (await prime(3072, {})).toString(16),
  blumNotSafe1024: (await blumNotSafe(1024)).toString(16),
  nonBlum1024: (await prime(1024, { add: 4n, rem: 1n })).toString(16),
};
writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${OUT}`);
