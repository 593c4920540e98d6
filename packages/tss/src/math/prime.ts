/**
 * Primality for key validation. `crypto.checkPrimeSync` is OpenSSL's Miller-Rabin (BN_check_prime,
 * rounds chosen by OpenSSL for the size); the brief allows it next to modPow as the second native
 * call. It is slow for big candidates (~17 ms at 1024 bits, ~50 ms at 1536), so call it when a key
 * is validated, never per message.
 */
import { checkPrimeSync } from 'node:crypto';

/** True when n is (with overwhelming probability) prime. Negative numbers, 0 and 1 are not. */
export function isProbablePrime(n: bigint): boolean {
  if (typeof n !== 'bigint') throw new TypeError('isProbablePrime: bigint expected');
  if (n < 2n) return false;
  return checkPrimeSync(n);
}

/** p and (p-1)/2 both prime: the primes of a Paillier-Blum modulus in CGGMP aux info. */
export function isSafePrime(p: bigint): boolean {
  if (typeof p !== 'bigint') throw new TypeError('isSafePrime: bigint expected');
  if (p < 5n || (p & 1n) === 0n) return false;
  return isProbablePrime((p - 1n) >> 1n) && isProbablePrime(p);
}
