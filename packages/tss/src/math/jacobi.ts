/**
 * Jacobi symbol (a/n) for odd n > 0, by quadratic reciprocity (binary method, no factoring).
 * CGGMP Πmod (ePrint 2021/060, the Paillier-Blum modulus proof) needs it twice: the prover's w must have (w/N) = -1, and
 * the verifier must check it (CVE-2025-66016 was a verifier skipping that check).
 */
export function jacobi(a: bigint, n: bigint): -1 | 0 | 1 {
  if (typeof a !== 'bigint' || typeof n !== 'bigint') throw new TypeError('jacobi: bigint expected');
  if (n <= 0n || (n & 1n) === 0n) throw new RangeError('jacobi: n must be odd and positive');
  let x = a % n;
  if (x < 0n) x += n;
  let m = n;
  let sign: 1 | -1 = 1;
  while (x !== 0n) {
    // (2/m) = -1 exactly when m = 3 or 5 (mod 8).
    while ((x & 1n) === 0n) {
      x >>= 1n;
      const r = m & 7n;
      if (r === 3n || r === 5n) sign = sign === 1 ? -1 : 1;
    }
    // Reciprocity: (x/m)(m/x) = -1 exactly when x = m = 3 (mod 4).
    [x, m] = [m, x];
    if ((x & 3n) === 3n && (m & 3n) === 3n) sign = sign === 1 ? -1 : 1;
    x %= m;
  }
  return m === 1n ? sign : 0;
}
