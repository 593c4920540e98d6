/**
 * The non-proof checks on a peer's Paillier or ring-Pedersen modulus (CRYPTO.md "Non-proof
 * checks": N bit length for the profile; N odd and not a prime power). They run before, and in
 * addition to, Πmod and Πfac: cheap rejections of the moduli behind BitForge (CVE-2023-33241)
 * and the May 2026 THORChain drain, and none of them can reject an honest N = pq of safe primes.
 */
import { bitLength } from '../math/bytes.js';
import { modPow } from '../math/modpow.js';
import { gcd } from '../math/modular.js';
import { isPerfectSquare } from '../math/sqrt.js';
import { modulusBitsAllowed, type SecurityProfile } from './profiles.js';

/** Product of the odd primes below 2^10, for a one-gcd trial division. */
const SMALL_PRIMES_PRODUCT = (() => {
  let product = 1n;
  for (let n = 3; n < 1024; n += 2) {
    let prime = true;
    for (let d = 3; d * d <= n; d += 2) if (n % d === 0) prime = false;
    if (prime) product *= BigInt(n);
  }
  return product;
})();

/** Why a modulus was rejected, or null when it passes every non-proof check. */
export function paillierModulusDefect(N: bigint, profile: SecurityProfile): string | null {
  if (typeof N !== 'bigint') throw new TypeError('Paillier modulus: bigint expected');
  if (N <= 0n) return 'modulus is not positive';
  const bits = bitLength(N);
  if (!modulusBitsAllowed(profile, bits)) {
    const want =
      profile.minModulusBits === profile.maxModulusBits
        ? `${profile.minModulusBits}`
        : `${profile.minModulusBits}..${profile.maxModulusBits}`;
    return `modulus has ${bits} bits, profile ${profile.name} requires ${want}`;
  }
  if ((N & 1n) === 0n) return 'modulus is even';
  if (gcd(N, SMALL_PRIMES_PRODUCT) !== 1n) return 'modulus has a factor below 1024';
  if (isPerfectSquare(N)) return 'modulus is a perfect square';
  // Prime and prime-power test: if N = r^k with r prime then 2^N = 2 (mod r) (Fermat applied k
  // times), so gcd(2^N - 2, N) > 1. For N = pq with safe primes p = 2p'+1, q = 2q'+1, 2^N = 2
  // (mod p) needs ord_p(2), a multiple of p', to divide N-1 = 2q' (mod p'): only if p = q.
  if (gcd(modPow(2n, N, N) - 2n, N) !== 1n) return 'modulus is a prime or a prime power';
  return null;
}

/** Throws a RangeError naming the defect; returns N otherwise. */
export function assertPaillierModulus(N: bigint, profile: SecurityProfile): bigint {
  const defect = paillierModulusDefect(N, profile);
  if (defect !== null) throw new RangeError(`invalid Paillier modulus: ${defect}`);
  return N;
}
