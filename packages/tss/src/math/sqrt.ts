/** floor(sqrt(n)) for n >= 0, by Newton's iteration started above the root. */
export function isqrt(n: bigint): bigint {
  if (typeof n !== 'bigint') throw new TypeError('isqrt: bigint expected');
  if (n < 0n) throw new RangeError('isqrt: negative value');
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** CRYPTO.md "Non-proof checks": a Paillier modulus must not be a square (p = q). */
export function isPerfectSquare(n: bigint): boolean {
  if (n < 0n) return false;
  const r = isqrt(n);
  return r * r === n;
}
