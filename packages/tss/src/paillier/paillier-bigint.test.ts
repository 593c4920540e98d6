/**
 * Cross-check against an independent implementation (CRYPTO.md "Independent verification"):
 * paillier-bigint (dev dependency) in its "simple variant" g = N + 1, lambda = phi(N),
 * mu = phi(N)^-1 mod N, built from the same fixture primes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { PrivateKey, PublicKey } from 'paillier-bigint';
import { modInverse } from '../math/modular.js';
import { randomBelow, randomUnit } from '../math/random.js';
import { safePrimePair } from '../testing/fixtures.js';
import type { PaillierCiphertext } from './ciphertext.js';
import { STANDARD_PROFILE } from './profiles.js';
import { PaillierSecretKey } from './secret-key.js';

const rng = seededRng('mpcium.test.paillier.cross');
const { p, q } = safePrimePair('standard', 5);
const sk = PaillierSecretKey.fromPrimes(p, q, STANDARD_PROFILE);
const pk = sk.publicKey;
const N = pk.N;
const theirPk = new PublicKey(N, N + 1n);
const theirSk = new PrivateKey(sk.phi, modInverse(sk.phi, N), theirPk, p, q);

describe('interoperability with paillier-bigint', () => {
  it('Enc(m; rho) is bit-identical, and each side decrypts the other’s ciphertexts', () => {
    for (let i = 0; i < 3; i++) {
      const m = randomBelow(rng, N);
      const rho = randomUnit(rng, N);
      const ours = pk.encryptWithNonce(m, rho);
      assert.equal(theirPk.encrypt(m, rho), ours, `same ciphertext #${i}`);
      assert.equal(theirSk.decrypt(ours), m, `they decrypt ours #${i}`);
      const theirs = pk.parseCiphertext(theirPk.encrypt(m, randomUnit(rng, N)));
      assert.equal(sk.decrypt(theirs), m, `we decrypt theirs #${i}`);
    }
  });

  it('their nonce recovery finds our rho', () => {
    const { c, rho } = pk.encrypt(randomBelow(rng, N), rng);
    assert.equal(theirSk.getRandomFactor(c), rho);
  });

  it('homomorphic addition agrees', () => {
    const [m1, m2] = [randomBelow(rng, N), randomBelow(rng, N)];
    const c1 = pk.encrypt(m1, rng).c;
    const c2 = pk.encrypt(m2, rng).c;
    const sum = pk.add(c1, c2);
    assert.equal(theirPk.addition(c1, c2), sum);
    assert.equal(theirSk.decrypt(sum), (m1 + m2) % N);
  });

  it('scalar multiplication agrees, including negative scalars', () => {
    const m = randomBelow(rng, N);
    const c = pk.encrypt(m, rng).c;
    for (const k of [3n, 1n << 300n, -7n, -(1n << 255n)]) {
      const ours = pk.scalarMul(c, k);
      assert.equal(theirPk.multiply(c, k), ours);
      assert.equal(theirSk.decrypt(ours), (((k * m) % N) + N) % N);
      assert.equal(sk.decrypt(theirPk.multiply(c, k) as PaillierCiphertext), (((k * m) % N) + N) % N);
    }
  });
});
