import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { jacobi } from '../math/jacobi.js';
import { modPow } from '../math/modpow.js';
import { randomBits } from '../math/random.js';
import { safePrimePair } from '../testing/fixtures.js';
import { STANDARD_PROFILE } from './profiles.js';
import { generateRingPedersen, RingPedersenParams } from './ring-pedersen.js';
import { PaillierSecretKey } from './secret-key.js';

const { p, q } = safePrimePair('standard', 6);
const sk = PaillierSecretKey.fromPrimes(p, q, STANDARD_PROFILE);
const N = sk.N;
const { params, secret } = generateRingPedersen(sk, seededRng('mpcium.test.ring-pedersen'));
const [p1, q1] = [(p - 1n) / 2n, (q - 1n) / 2n];

describe('ring-Pedersen parameters (CGGMP aux info)', () => {
  it('t is a square generating QR_N, and s = t^lambda also generates it', () => {
    assert.equal(params.N, N);
    for (const x of [params.t, params.s]) {
      assert.equal(jacobi(x, p), 1);
      assert.equal(jacobi(x, q), 1);
      assert.equal(modPow(x, p1 * q1, N), 1n, "order divides p'q'");
      assert.notEqual(modPow(x, p1, N), 1n, "order is not p'");
      assert.notEqual(modPow(x, q1, N), 1n, "order is not q'");
    }
    assert.equal(modPow(params.t, secret.lambda, N), params.s, 's in <t> with the trapdoor');
    assert.ok(secret.lambda >= 0n && secret.lambda < sk.phi);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateRingPedersen(sk, seededRng('mpcium.test.ring-pedersen'));
    assert.ok(again.params.equals(params));
    const other = generateRingPedersen(sk, seededRng('mpcium.test.ring-pedersen.other'));
    assert.ok(!other.params.equals(params));
  });

  it('commit(x, y) = s^x t^y mod N, for negative exponents too, and is additively homomorphic', () => {
    for (let i = 0; i < 4; i++) {
      const x = randomBits(seededRng(`x${i}`), 1792) - (1n << 1791n);
      const y = randomBits(seededRng(`y${i}`), 2560) - (1n << 2559n);
      const c = params.commit(x, y);
      assert.equal(c, (modPow(params.s, x, N) * modPow(params.t, y, N)) % N, `case ${i}`);
      assert.equal(c, modPow(params.t, secret.lambda * x + y, N), `t^(lambda x + y), case ${i}`);
      assert.equal((c * params.commit(-x, 5n)) % N, params.commit(0n, y + 5n), `homomorphic, case ${i}`);
    }
    assert.equal(params.commit(0n, 0n), 1n);
  });

  it('rejects s or t outside Z*_N or equal to ±1 (CRYPTO.md negative test 4)', () => {
    const pk = sk.publicKey;
    const { s, t } = params;
    for (const [name, bad] of [
      ['0', 0n],
      ['1', 1n],
      ['N-1', N - 1n],
      ['N', N],
      ['N+2', N + 2n],
      ['-2', -2n],
      ['a multiple of p', 2n * p],
      ['a multiple of q', q],
    ] as const) {
      assert.throws(() => RingPedersenParams.fromPublicKey(pk, bad, t), RangeError, `s = ${name}`);
      assert.throws(() => RingPedersenParams.fromPublicKey(pk, s, bad), RangeError, `t = ${name}`);
    }
    assert.throws(() => RingPedersenParams.fromPublicKey(pk, 5 as unknown as bigint, t), TypeError);
    assert.ok(RingPedersenParams.fromPublicKey(pk, s, t).equals(params));
    assert.ok(Object.isFrozen(params));
  });

  it('the trapdoor lambda prints as <redacted>', () => {
    const lambda = secret.lambda.toString(16).slice(0, 40);
    for (const out of [String(secret), JSON.stringify({ secret }), inspect(secret, { showHidden: true })]) {
      assert.ok(out.includes('<redacted>') && !out.includes(lambda));
    }
  });
});
