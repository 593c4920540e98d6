import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { seededRng } from '@mpcium/tss-sim';
import { bitLength } from '../math/bytes.js';
import { isProbablePrime } from '../math/prime.js';
import { paillierModulusDefect } from '../paillier/modulus.js';
import { STANDARD_PROFILE, STRONG_PROFILE } from '../paillier/profiles.js';
import { generateRingPedersen } from '../paillier/ring-pedersen.js';
import { PaillierSecretKey } from '../paillier/secret-key.js';
import { negativePrimes, safePrimePair } from '../testing/fixtures.js';
import type { ProofCheck } from './check.js';
import { type FacProof, FacWitness, facBounds, proveFac, proveFacTagged, verifyFac } from './fac.js';
import { decodeFacProof, encodeFacProof } from './fac-codec.js';

const rng = seededRng('mpcium.test.zk.fac');
const ctx = { sessionId: new Uint8Array(32).fill(0x41), prover: 3 };
const prover = safePrimePair('standard', 2);
const N0 = prover.p * prover.q;
const witness = new FacWitness(prover.p, prover.q);
/** Ring-Pedersen parameters of verifiers B and C (each verifier gets its own proof). */
function verifierParams(fixture: number) {
  const { p, q } = safePrimePair('standard', fixture);
  return generateRingPedersen(PaillierSecretKey.fromPrimes(p, q, STANDARD_PROFILE), rng).params;
}
const B = verifierParams(3);
const C = verifierParams(4);
const statement = { N: N0, verifier: B };
const proof = proveFac(ctx, statement, witness, STANDARD_PROFILE, rng);

/**
 * A 1921-bit prime, generated once with crypto.generatePrimeSync(1921) for these tests. It is far
 * above 2^(l+eps)·sqrt(N0) = 2^1792, so no split of f·M into two factors keeps both in range.
 */
const M = BigInt(
  '0x1e7104645a4dc45a1999dc5ecef806568346a0a98571241ea958997026626daa8fc76821ee1da93a39c81f3609f5d922' +
    'a133fc79f288994ed3c756388a479926ef83789c5501a8a6e917a093f60782a42110be0531a37659f9e4e78e47012fc878' +
    '1a82ca9e7ea599050ce4a882352c81751b1aa000ac64fbcc0c300ac4b6cd3227eb17226bc7884278d551c6504db01d95e3' +
    '7e4cc24bd3e6cfc730f6f628ced07594a05a12c506f6d34c5572c32de4cd3b7fd7bf783caf25dd6d137fb563ee0eac046e' +
    '1da4a1b6c1280c1fbce258ca75e5f67ce8140f462c730d6c08a0c18495bc5e099bd5997495f0661f7a8ea2caa19',
);
/** BitForge's shape: a product of 16-bit primes (above the trial-division bound of 1024). */
const SMALL_PRIMES = [57037n, 57041n, 57047n, 57059n, 57073n, 57077n, 57089n, 57097n];
const F = SMALL_PRIMES.reduce((a, b) => a * b, 1n);
const MERSENNE_127 = (1n << 127n) - 1n;

function rejects(check: ProofCheck, pattern: RegExp): void {
  assert.equal(check.ok, false, 'proof must be rejected');
  if (!check.ok) assert.match(check.reason, pattern);
}

describe('Πfac honest proofs (cggmp21 spec/main.tex "Πfac: No Small Factor Proof")', () => {
  it("an honest proof verifies against the verifier's own parameters and round-trips", () => {
    assert.deepEqual(verifyFac(ctx, statement, proof, STANDARD_PROFILE), { ok: true });
    const bytes = encodeFacProof(proof);
    const decoded = decodeFacProof(bytes, STANDARD_PROFILE);
    assert.deepEqual(decoded, proof);
    assert.deepEqual(encodeFacProof(decoded), bytes);
    assert.deepEqual(verifyFac(ctx, statement, decoded, STANDARD_PROFILE), { ok: true });
  });

  it('strong profile (l = 256, eps = 230, e in ±2^128) verifies after a round trip', () => {
    const [a, b] = [safePrimePair('strong', 1), safePrimePair('strong', 2)];
    const verifier = generateRingPedersen(PaillierSecretKey.fromPrimes(b.p, b.q, STRONG_PROFILE), rng).params;
    const st = { N: a.p * a.q, verifier };
    const strong = proveFac(ctx, st, new FacWitness(a.p, a.q), STRONG_PROFILE, rng);
    const decoded = decodeFacProof(encodeFacProof(strong), STRONG_PROFILE);
    assert.deepEqual(verifyFac(ctx, st, decoded, STRONG_PROFILE), { ok: true });
    rejects(verifyFac(ctx, statement, proof, STRONG_PROFILE), /N0: modulus has 2048 bits/);
  });

  it('the witness redacts itself; the prover refuses factors that do not multiply to N0', () => {
    for (const text of [String(witness), JSON.stringify({ witness }), inspect(witness)]) {
      assert.ok(text.includes('<redacted>') && !text.includes(prover.p.toString()), text);
    }
    const wrong = new FacWitness(prover.p, prover.q + 2n);
    assert.throws(() => proveFac(ctx, statement, wrong, STANDARD_PROFILE, rng), /p\*q != N0/);
  });
});

describe('Πfac rejects small factors (CRYPTO.md negative test 1; BitForge, CVE-2023-33241)', () => {
  it('BitForge: N0 = eight 16-bit primes × a 1921-bit prime, every split the prover tries fails', () => {
    const N = F * M;
    assert.equal(bitLength(N), 2048);
    assert.ok(isProbablePrime(M));
    assert.equal(paillierModulusDefect(N, STANDARD_PROFILE), null, 'passes every non-proof check');
    const st = { N, verifier: B };
    const splits: [bigint, bigint, RegExp][] = [
      [F, M, /z2 outside/],
      [M, F, /z1 outside/],
      [SMALL_PRIMES[0]!, N / SMALL_PRIMES[0]!, /z2 outside/],
      [SMALL_PRIMES[0]! * SMALL_PRIMES[1]! * M, F / (SMALL_PRIMES[0]! * SMALL_PRIMES[1]!), /z1 outside/],
    ];
    for (const [p, q, reason] of splits) {
      assert.equal(p * q, N);
      const forged = proveFac(ctx, st, new FacWitness(p, q), STANDARD_PROFILE, rng);
      rejects(verifyFac(ctx, st, forged, STANDARD_PROFILE), reason);
    }
  });

  it("N0 = p·q' with a 127-bit prime factor (2^127 - 1) is rejected", () => {
    const N = MERSENNE_127 * M;
    assert.equal(bitLength(N), 2048);
    assert.equal(paillierModulusDefect(N, STANDARD_PROFILE), null, 'passes every non-proof check');
    const st = { N, verifier: B };
    rejects(
      verifyFac(
        ctx,
        st,
        proveFac(ctx, st, new FacWitness(MERSENNE_127, M), STANDARD_PROFILE, rng),
        STANDARD_PROFILE,
      ),
      /z2 outside/,
    );
  });

  it('the bound is 2^(l+eps)·sqrt(N0): 2^1792 for the standard profile', () => {
    const bounds = facBounds(N0, B.N, STANDARD_PROFILE);
    assert.equal(bitLength(bounds.z), 256 + 512 + 1024);
    assert.equal(bounds.e, 1n << 256n);
  });

  it('N0 too short, even or prime is rejected (CRYPTO.md negative test 3)', () => {
    rejects(verifyFac(ctx, { N: N0 + 1n, verifier: B }, proof, STANDARD_PROFILE), /N0: modulus is even/);
    rejects(
      verifyFac(ctx, { N: prover.p * 7n, verifier: B }, proof, STANDARD_PROFILE),
      /N0: modulus has \d+ bits/,
    );
    rejects(verifyFac(ctx, { N: negativePrimes().prime2048, verifier: B }, proof, STANDARD_PROFILE), /prime/);
  });
});

describe('Πfac binding, replay, tampering and ranges (CRYPTO.md negative tests 4-6)', () => {
  it('a proof made for another verifier is rejected (one proof per verifier)', () => {
    rejects(
      verifyFac(ctx, { N: N0, verifier: C }, proof, STANDARD_PROFILE),
      /s\^z1 t\^w1 != A·P\^e|Z\*_N_hat/,
    );
    const forC = proveFac(ctx, { N: N0, verifier: C }, witness, STANDARD_PROFILE, rng);
    assert.deepEqual(verifyFac(ctx, { N: N0, verifier: C }, forC, STANDARD_PROFILE), { ok: true });
    rejects(verifyFac(ctx, statement, forC, STANDARD_PROFILE), /s\^z1|Z\*_N_hat/);
  });

  it("the verifier's own parameters must be sound: s = 1 or t outside Z*_N_hat is refused", () => {
    rejects(
      verifyFac(ctx, { N: N0, verifier: { ...B, s: 1n } }, proof, STANDARD_PROFILE),
      /verifier s is ±1/,
    );
    rejects(
      verifyFac(ctx, { N: N0, verifier: { ...B, t: 0n } }, proof, STANDARD_PROFILE),
      /verifier t not in Z\*_N/,
    );
  });

  it('a proof replayed under another session id, prover index or domain tag is rejected', () => {
    rejects(
      verifyFac({ ...ctx, sessionId: new Uint8Array(32) }, statement, proof, STANDARD_PROFILE),
      /s\^z1/,
    );
    rejects(verifyFac({ ...ctx, prover: 1 }, statement, proof, STANDARD_PROFILE), /s\^z1/);
    const foreign = proveFacTagged('mpcium.zk.enc.v1', ctx, statement, witness, STANDARD_PROFILE, rng);
    rejects(verifyFac(ctx, statement, foreign, STANDARD_PROFILE), /s\^z1/);
  });

  it('tampering with any of P, Q, A, B, T, sigma, z1, z2, w1, w2, v is rejected', () => {
    const fields = ['P', 'Q', 'A', 'B', 'T', 'sigma', 'z1', 'z2', 'w1', 'w2', 'v'] as const;
    for (const field of fields) {
      const value = proof[field];
      const tampered = ['P', 'Q', 'A', 'B', 'T'].includes(field) ? (value * B.s) % B.N : value + 1n;
      rejects(verifyFac(ctx, statement, { ...proof, [field]: tampered }, STANDARD_PROFILE), /!=/);
    }
  });

  it('out-of-range responses and commitments are rejected before any exponentiation', () => {
    const b = facBounds(N0, B.N, STANDARD_PROFILE);
    const cases: [Partial<FacProof>, RegExp][] = [
      [{ z1: b.z + 1n }, /z1 outside ±2\^\(l\+eps\)·sqrt\(N0\)/],
      [{ z2: -b.z - 1n }, /z2 outside/],
      [{ sigma: b.sigma + 1n }, /sigma outside/],
      [{ w1: b.w + 1n }, /w1 outside/],
      [{ w2: -b.w - 1n }, /w2 outside/],
      [{ v: b.v + 1n }, /v outside/],
      [{ P: proof.P + B.N }, /not in Z\*_N_hat/],
      [{ T: 0n }, /not in Z\*_N_hat/],
      [{ Q: safePrimePair('standard', 3).p }, /not in Z\*_N_hat/],
    ];
    for (const [patch, reason] of cases) {
      rejects(verifyFac(ctx, statement, { ...proof, ...patch }, STANDARD_PROFILE), reason);
    }
  });

  it('decoding rejects malformed bytes and oversized integers', () => {
    const bytes = encodeFacProof(proof);
    assert.throws(() => decodeFacProof(bytes.subarray(0, 10), STANDARD_PROFILE));
    assert.throws(() => decodeFacProof(Uint8Array.of(...bytes, 0x60, 0x01), STANDARD_PROFILE), RangeError);
    assert.throws(
      () => decodeFacProof(encodeFacProof({ ...proof, z1: 1n << 3000n }), STANDARD_PROFILE),
      /z1: integer longer/,
    );
    assert.throws(
      () => decodeFacProof(encodeFacProof({ ...proof, P: -proof.P }), STANDARD_PROFILE),
      /P: negative/,
    );
    assert.throws(
      () => decodeFacProof(encodeFacProof({ ...proof, v: 1n << 9000n }), STRONG_PROFILE),
      /v: integer longer/,
    );
  });
});
