/**
 * Attacks on Πmod (CRYPTO.md negative test 2). Each modulus below passes the cheap non-proof
 * checks, so Πmod is what must reject it. The cheating prover knows every prime factor and
 * answers each challenge as well as it can: it finds (a, b) with a 4th root of (-1)^a w^b y
 * whenever one exists (Tonelli-Shanks, also for primes = 1 mod 4) and the N-th root z.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '@mpcium/tss-sim';
import { bitLength } from '../math/bytes.js';
import { jacobi } from '../math/jacobi.js';
import { modPow } from '../math/modpow.js';
import { gcd, mod, modInverse } from '../math/modular.js';
import { randomUnit } from '../math/random.js';
import { paillierModulusDefect } from '../paillier/modulus.js';
import { type SecurityProfile, STANDARD_PROFILE, STRONG_PROFILE } from '../paillier/profiles.js';
import { negativePrimes, safePrimePair } from '../testing/fixtures.js';
import type { ProofCheck } from './check.js';
import { type ModProof, type ModRound, modChallenges, verifyMod } from './mod.js';

const rng = seededRng('mpcium.test.zk.mod.attacks');
const ctx = { sessionId: new Uint8Array(32).fill(0x21), prover: 4 };

function rejects(check: ProofCheck, pattern: RegExp): void {
  assert.equal(check.ok, false, 'forged proof must be rejected');
  if (!check.ok) assert.match(check.reason, pattern);
}

/** A square root of u modulo the odd prime r, or null (Tonelli-Shanks). */
function sqrtModPrime(u: bigint, r: bigint): bigint | null {
  const a = mod(u, r);
  if (a === 0n) return 0n;
  if (jacobi(a, r) !== 1) return null;
  if (r % 4n === 3n) return modPow(a, (r + 1n) / 4n, r);
  let s = 0n;
  let odd = r - 1n;
  while ((odd & 1n) === 0n) {
    odd >>= 1n;
    s++;
  }
  let z = 2n;
  while (jacobi(z, r) !== -1) z++;
  let [m, c, t, x] = [s, modPow(z, odd, r), modPow(a, odd, r), modPow(a, (odd + 1n) / 2n, r)];
  while (t !== 1n) {
    let i = 0n;
    for (let t2 = t; t2 !== 1n; t2 = (t2 * t2) % r) i++;
    const b = modPow(c, 1n << (m - i - 1n), r);
    [m, c, t, x] = [i, (b * b) % r, (t * b * b) % r, (x * b) % r];
  }
  return x;
}

/** Some x with x^4 = u mod r, or null when u is not a 4th power modulo r. */
function fourthRootModPrime(u: bigint, r: bigint): bigint | null {
  const s = sqrtModPrime(u, r);
  if (s === null) return null;
  return sqrtModPrime(s, r) ?? sqrtModPrime(r - s, r);
}

/** The unique x modulo the product with x = residues[i] mod primes[i] (distinct primes). */
function crt(residues: readonly bigint[], primes: readonly bigint[]): bigint {
  const M = primes.reduce((a, b) => a * b, 1n);
  let x = 0n;
  for (const [i, r] of primes.entries()) {
    const Mi = M / r;
    x += residues[i]! * Mi * modInverse(Mi, r);
  }
  return x % M;
}

/** The cheating prover: best answers to the real challenges for N = product of `primes`. */
function forgeMod(primes: readonly bigint[], w: bigint, profile: SecurityProfile): ModProof {
  const N = primes.reduce((a, b) => a * b, 1n);
  const ys = modChallenges(ctx, N, w, profile);
  const rounds = ys.map((y): ModRound => {
    const z = crt(
      primes.map((r) => modPow(y, modInverse(N % (r - 1n), r - 1n), r)),
      primes,
    );
    for (const a of [false, true]) {
      for (const b of [false, true]) {
        const u = mod((a ? -1n : 1n) * (b ? w : 1n) * y, N);
        const roots = primes.map((r) => fourthRootModPrime(u, r));
        if (roots.every((x) => x !== null)) return { x: crt(roots as bigint[], primes) || 1n, a, b, z };
      }
    }
    return { x: 1n, a: false, b: false, z }; // no 4th root exists: this round is lost
  });
  return { w, rounds };
}

/** w in Z*_N with Jacobi symbol (w/N) = -1, as an honest prover would choose it. */
function honestW(N: bigint): bigint {
  for (;;) {
    const w = randomUnit(rng, N);
    if (jacobi(w, N) === -1) return w;
  }
}

const blum = safePrimePair('standard', 6);
const nonBlum = negativePrimes().nonBlum1024;
/** The cheating prover run on a genuine Paillier-Blum modulus. */
const blumProof = forgeMod([blum.p, blum.q], honestW(blum.p * blum.q), STANDARD_PROFILE);

describe('CVE-2025-66016: the Πmod verifier checks w (ePrint 2021/060, CGGMP24 revision)', () => {
  it('CVE-2025-66016: Πmod verifier checks gcd(w, N) = 1 (w = 0 mod p forges every round)', () => {
    // N = p·q with p = 1 mod 4: not Paillier-Blum, yet it passes every non-proof check.
    const N = nonBlum * blum.p;
    assert.equal(bitLength(N), 2048);
    assert.equal(paillierModulusDefect(N, STANDARD_PROFILE), null);
    // w = p makes (-1)^a·w·y = 0 mod p, whose 4th root is 0: only the Blum prime q matters.
    const w = nonBlum;
    const forged = forgeMod([nonBlum, blum.p], w, STANDARD_PROFILE);
    const ys = modChallenges(ctx, N, w, STANDARD_PROFILE);
    for (const [i, { x, a, b, z }] of forged.rounds.entries()) {
      const y = ys[i]!;
      assert.equal(modPow(x, 4n, N), mod((a ? -1n : 1n) * (b ? w : 1n) * y, N), `x^4 holds, round ${i}`);
      assert.equal(modPow(z, N, N), y, `z^N = y holds, round ${i}`);
    }
    // Every equation of the original paper's verifier holds; the gcd check is what rejects it.
    rejects(verifyMod(ctx, { N }, forged, STANDARD_PROFILE), /gcd\(w, N\) != 1/);
    assert.ok(
      forged.rounds.some((r) => r.b && gcd(r.x, N) !== 1n),
      'the rounds that need w have x_i = 0 mod p: not units either',
    );
  });

  it('CVE-2025-66016: Πmod verifier checks Jacobi(w, N) = -1', () => {
    const N = blum.p * blum.q;
    // w = -r^2: a non-residue modulo both primes, so (w/N) = +1 and gcd(w, N) = 1.
    const r = randomUnit(rng, N);
    const w = N - ((r * r) % N);
    assert.equal(jacobi(w, N), 1);
    rejects(
      verifyMod(ctx, { N }, forgeMod([blum.p, blum.q], w, STANDARD_PROFILE), STANDARD_PROFILE),
      /Jacobi/,
    );
    // Also for a non-Blum N, where ±1, ±w then cover every residuosity pattern.
    const Nn = nonBlum * blum.p;
    let wn = randomUnit(rng, Nn);
    while (jacobi(wn, nonBlum) !== -1 || jacobi(wn, blum.p) !== -1) wn = randomUnit(rng, Nn);
    rejects(
      verifyMod(ctx, { N: Nn }, forgeMod([nonBlum, blum.p], wn, STANDARD_PROFILE), STANDARD_PROFILE),
      /Jacobi/,
    );
  });
});

describe('Πmod rejects moduli that are not Paillier-Blum (CRYPTO.md negative test 2)', () => {
  it('a non-Blum prime factor (p = 1 mod 4): the cheating prover loses a round', () => {
    assert.equal(nonBlum % 4n, 1n);
    const N = nonBlum * blum.p;
    const forged = forgeMod([nonBlum, blum.p], honestW(N), STANDARD_PROFILE);
    rejects(verifyMod(ctx, { N }, forged, STANDARD_PROFILE), /round \d+: x\^4/);
  });

  it('three prime factors (p·q·r, 3072 bits, strong profile): the cheating prover loses a round', () => {
    const [a, b] = [safePrimePair('standard', 0), safePrimePair('standard', 1)];
    const primes = [a.p, a.q, b.p];
    const N = a.p * a.q * b.p;
    assert.equal(bitLength(N), 3072);
    assert.equal(paillierModulusDefect(N, STRONG_PROFILE), null);
    rejects(
      verifyMod(ctx, { N }, forgeMod(primes, honestW(N), STRONG_PROFILE), STRONG_PROFILE),
      /round \d+: x\^4/,
    );
  });

  it('N = p^2 is rejected (no N-th roots: gcd(N, phi(N)) = p)', () => {
    const N = blum.p * blum.p;
    assert.equal(bitLength(N), 2048);
    rejects(verifyMod(ctx, { N }, blumProof, STANDARD_PROFILE), /perfect square/);
  });

  it('the cheating prover is not a strawman: for a Paillier-Blum N it produces a valid proof', () => {
    assert.deepEqual(verifyMod(ctx, { N: blum.p * blum.q }, blumProof, STANDARD_PROFILE), { ok: true });
  });
});
