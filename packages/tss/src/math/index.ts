export { bigintToBytes, bitLength, byteLength, bytesToBigint } from './bytes.js';
export { crt2 } from './crt.js';
export { inInterval, inSymmetric, randomInterval, randomSymmetric } from './interval.js';
export { jacobi } from './jacobi.js';
export { MODPOW_OPENSSL_MAX_BITS, MODPOW_OPENSSL_MIN_BITS, modPow } from './modpow.js';
export { gcd, mod, modInverse } from './modular.js';
export { isProbablePrime, isSafePrime } from './prime.js';
export { randomBelow, randomBits, randomUnit } from './random.js';
export { isPerfectSquare, isqrt } from './sqrt.js';
