/** `modpow.4096` (BENCH.md): b^e mod m, 4096-bit odd m, 2048-bit e, through the shared modPow. */
import { modPow } from '@mpcium/tss';
import { randomBytes } from '@noble/hashes/utils.js';
import { type Benchmark, latency } from '../harness.js';

function randomBits(bits: number): bigint {
  const bytes = randomBytes(bits / 8);
  bytes[0]! |= 0x80;
  return BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

export const modpowBenchmarks: readonly Benchmark[] = [
  latency(
    'modpow.4096',
    (ctx: { m: bigint }, input: { b: bigint; e: bigint }) => modPow(input.b, input.e, ctx.m),
    {
      // One modulus, as in the protocols (a party's N^2 recurs): its OpenSSL context is cached.
      setup: () => ({ m: randomBits(4096) | 1n }),
      before: (ctx) => ({ b: randomBits(4096) % ctx.m, e: randomBits(2048) }),
      warmup: 5,
      minSamples: 50,
    },
  ),
];
