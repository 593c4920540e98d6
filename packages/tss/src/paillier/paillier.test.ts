import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { modPow } from '../math/modpow.js';
import { randomBelow, randomBits } from '../math/random.js';
import { negativePrimes, safePrimePair } from '../testing/fixtures.js';
import { assertCiphertext, isCiphertext, type PaillierCiphertext } from './ciphertext.js';
import { STANDARD_PROFILE, STRONG_PROFILE } from './profiles.js';
import { PaillierSecretKey } from './secret-key.js';

const rng = seededRng('mpcium.test.paillier');
const { p, q } = safePrimePair('standard', 0);
const sk = PaillierSecretKey.fromPrimes(p, q, STANDARD_PROFILE);
const pk = sk.publicKey;
const N = pk.N;

describe('Paillier encryption and decryption (standard profile, N = 2048 bits)', () => {
  it('decrypt(encrypt(m)) = m mod N for random m in [0, N) and at the edges', () => {
    const plaintexts = [0n, 1n, 2n, N - 1n, N - 2n, N >> 1n, (N >> 1n) + 1n];
    for (let i = 0; i < 6; i++) plaintexts.push(randomBelow(rng, N));
    for (const [i, m] of plaintexts.entries()) {
      const { c, rho } = pk.encrypt(m, rng);
      assert.ok(isCiphertext(pk, c), `ciphertext #${i} in Z*_N^2`);
      assert.equal(sk.decrypt(c), m, `plaintext #${i}`);
      assert.equal(pk.encryptWithNonce(m, rho), c, `Enc(m; rho) is deterministic, #${i}`);
    }
  });

  it('decryptSigned returns the symmetric range [-(N-1)/2, (N-1)/2]; negative m encrypts as m mod N', () => {
    const half = (N - 1n) / 2n;
    for (const m of [0n, -1n, 1n, half, -half, -(1n << 256n), 1n << 1280n, -randomBits(rng, 1792)]) {
      const { c } = pk.encrypt(m, rng);
      assert.equal(sk.decryptSigned(c), m);
      assert.equal(sk.decrypt(c), ((m % N) + N) % N);
    }
    // (N+1)/2 is the first value that reads as negative.
    assert.equal(sk.decryptSigned(pk.encrypt(half + 1n, rng).c), half + 1n - N);
  });

  it('refuses plaintexts outside (-N, N) and nonces outside Z*_N', () => {
    assert.throws(() => pk.encrypt(N, rng), RangeError);
    assert.throws(() => pk.encrypt(-N, rng), RangeError);
    for (const rho of [0n, N, N + 1n, -1n, p, 3n * q]) {
      assert.throws(() => pk.encryptWithNonce(5n, rho), RangeError);
      assert.throws(() => sk.encryptWithNonce(5n, rho), RangeError);
    }
    assert.throws(() => pk.encryptWithNonce(5n, 1 as unknown as bigint), TypeError);
  });

  it('the secret key’s CRT encryption and powModN2 agree with the public computation', () => {
    for (let i = 0; i < 4; i++) {
      const m = randomBelow(rng, N) - (N >> 1n);
      const { c, rho } = pk.encrypt(m, rng);
      assert.equal(sk.encryptWithNonce(m, rho), c, `Enc^crt #${i}`);
      const e = randomBits(rng, 3000) - (1n << 2999n);
      assert.equal(sk.powModN2(c, e), modPow(c, e, pk.N2), `powModN2 #${i}`);
    }
    assert.throws(() => sk.powModN2(p, 5n), RangeError);
  });
});

describe('homomorphic operations', () => {
  it('add: Dec(C1 ⊕ C2) = m1 + m2 mod N', () => {
    for (let i = 0; i < 4; i++) {
      const m1 = randomBelow(rng, N);
      const m2 = randomBelow(rng, N);
      const c = pk.add(pk.encrypt(m1, rng).c, pk.encrypt(m2, rng).c);
      assert.equal(sk.decrypt(c), (m1 + m2) % N, `case ${i}`);
    }
  });

  it('scalarMul: Dec(k ⊙ C) = k·m mod N, for negative, zero and large k', () => {
    const m = randomBelow(rng, N);
    const c = pk.encrypt(m, rng).c;
    for (const k of [
      0n,
      1n,
      -1n,
      2n,
      -(1n << 256n),
      randomBits(rng, 2048),
      -randomBits(rng, 4096),
      N,
      N + 3n,
    ]) {
      const d = pk.scalarMul(c, k);
      assert.equal(sk.decrypt(d), (((k * m) % N) + N) % N);
    }
  });

  it('MtA shape: Dec(C^x ⊕ Enc(-beta)) = k·x - beta, read signed', () => {
    const k = randomBits(rng, 256);
    const x = randomBits(rng, 256);
    const beta = randomBits(rng, 1280);
    const K = pk.encrypt(k, rng).c;
    const D = pk.add(pk.scalarMul(K, x), pk.encrypt(-beta, rng).c);
    assert.equal(sk.decryptSigned(D), k * x - beta);
  });
});

describe('ciphertext validation (CRYPTO.md negative test 8)', () => {
  const bad: [string, bigint][] = [
    ['0', 0n],
    ['negative', -5n],
    ['N^2', N * N],
    ['N^2 + 1', N * N + 1n],
    ['N', N],
    ['a multiple of p', p * 12345n],
    ['a multiple of q', q * 777n],
    ['p itself', p],
  ];
  for (const [name, c] of bad) {
    it(`rejects a ciphertext that is ${name}`, () => {
      assert.equal(isCiphertext(pk, c), false);
      assert.throws(() => assertCiphertext(pk, c), RangeError);
      assert.throws(() => pk.parseCiphertext(c), RangeError);
      assert.throws(() => sk.decrypt(c as PaillierCiphertext), RangeError);
      assert.throws(() => pk.add(c as PaillierCiphertext, pk.encrypt(1n, rng).c), RangeError);
      assert.throws(() => pk.scalarMul(c as PaillierCiphertext, 3n), RangeError);
    });
  }

  it('accepts 1 (= Enc(0; 1)) and N^2 - 1, and refuses non-bigints', () => {
    assert.equal(sk.decrypt(pk.parseCiphertext(1n)), 0n);
    assert.ok(isCiphertext(pk, N * N - 1n));
    assert.throws(() => assertCiphertext(pk, '5'), TypeError);
    assert.equal(isCiphertext(pk, 5), false);
  });
});

describe('secret key construction and redaction', () => {
  it('refuses p = q, unequal lengths, non-Blum, non-safe primes and the wrong profile', () => {
    const { blumNotSafe1024, nonBlum1024 } = negativePrimes();
    const other = safePrimePair('standard', 1);
    assert.throws(() => PaillierSecretKey.fromPrimes(p, p, STANDARD_PROFILE), RangeError);
    assert.throws(() => PaillierSecretKey.fromPrimes(p, nonBlum1024, STANDARD_PROFILE), /3 mod 4/);
    assert.throws(() => PaillierSecretKey.fromPrimes(p, blumNotSafe1024, STANDARD_PROFILE), /safe primes/);
    assert.throws(() => PaillierSecretKey.fromPrimes(p, other.q, STRONG_PROFILE), /2048 bits/);
    assert.throws(
      () => PaillierSecretKey.fromPrimes(p, safePrimePair('strong', 0).q, STRONG_PROFILE),
      /equal bit/,
    );
    assert.throws(
      () => PaillierSecretKey.fromPrimes(1n, 2 as unknown as bigint, STANDARD_PROFILE),
      TypeError,
    );
  });

  it('prints as <redacted> in toString, toJSON, util.inspect and template strings', () => {
    const secrets = [p, q, sk.phi].flatMap((x) => [x.toString(10), x.toString(16)]);
    const outputs = [
      String(sk),
      `${sk}`,
      JSON.stringify(sk),
      JSON.stringify({ key: sk }),
      inspect(sk, { showHidden: true, depth: 10 }),
      inspect({ nested: [sk] }, { depth: 10 }),
    ];
    for (const [i, out] of outputs.entries()) {
      assert.ok(out.includes('<redacted>'), `output #${i} is redacted`);
      assert.ok(!secrets.some((s) => out.includes(s.slice(0, 40))), `output #${i} leaks no prime`);
    }
    const enc = pk.encrypt(5n, rng);
    assert.ok(
      inspect(enc).includes('<redacted>') && !inspect(enc).includes(enc.rho.toString(16).slice(0, 40)),
    );
    assert.ok(Object.isFrozen(sk));
  });

  it('strong profile: a 3072-bit key encrypts, decrypts and multiplies', () => {
    const strong = safePrimePair('strong', 0);
    const ssk = PaillierSecretKey.fromPrimes(strong.p, strong.q, STRONG_PROFILE);
    assert.equal(ssk.publicKey.bits, 3072);
    const m = randomBits(rng, 1078) - (1n << 1077n);
    const c = ssk.publicKey.encrypt(m, rng).c;
    assert.equal(ssk.decryptSigned(c), m);
    assert.equal(ssk.decryptSigned(ssk.publicKey.scalarMul(c, -3n)), -3n * m);
  });
});
