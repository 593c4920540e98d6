/**
 * Ring-Pedersen parameters (N, s, t) of CGGMP (ePrint 2021/060, "ring-Pedersen commitments";
 * cggmp21 spec/main.tex, Provisioning Protocol): t = r^2 mod N for r in Z*_N, s = t^lambda mod N,
 * over the party's own Paillier-Blum N. Peers commit to their witnesses with s^x t^y mod N, which
 * binds them only while nobody but the owner knows the factorization of N or lambda; Πprm proves
 * s in <t>. lambda is secret and redacted.
 */
import { redacted } from '../engine/secret.js';
import type { Rng } from '../engine/types.js';
import { modPow } from '../math/modpow.js';
import { gcd } from '../math/modular.js';
import { randomBelow, randomUnit } from '../math/random.js';
import type { PaillierPublicKey } from './public-key.js';
import type { PaillierSecretKey } from './secret-key.js';

export class RingPedersenParams {
  readonly N: bigint;
  readonly s: bigint;
  readonly t: bigint;

  private constructor(N: bigint, s: bigint, t: bigint) {
    this.N = N;
    this.s = s;
    this.t = t;
    Object.freeze(this);
  }

  /**
   * CRYPTO.md "Non-proof checks": s, t in Z*_N and not 1. We also refuse N-1: -1 is not a square
   * modulo a Blum integer, so an honest t = r^2 (and s = t^lambda) never equals it, and it has
   * order 2, which would make commitments trivially non-hiding. N comes from a validated key.
   */
  static fromPublicKey(pk: PaillierPublicKey, s: bigint, t: bigint): RingPedersenParams {
    for (const [name, x] of [
      ['s', s],
      ['t', t],
    ] as const) {
      if (typeof x !== 'bigint') throw new TypeError(`ring-Pedersen ${name}: bigint expected`);
      if (x <= 0n || x >= pk.N || gcd(x, pk.N) !== 1n)
        throw new RangeError(`ring-Pedersen ${name} not in Z*_N`);
      if (x === 1n || x === pk.N - 1n) throw new RangeError(`ring-Pedersen ${name} is ±1`);
    }
    return new RingPedersenParams(pk.N, s, t);
  }

  /** s^x · t^y mod N; x and y may be negative (s and t are units). */
  commit(x: bigint, y: bigint): bigint {
    return (modPow(this.s, x, this.N) * modPow(this.t, y, this.N)) % this.N;
  }

  equals(other: RingPedersenParams): boolean {
    return this.N === other.N && this.s === other.s && this.t === other.t;
  }
}

/** The owner's trapdoor lambda with s = t^lambda mod N: the Πprm witness. */
export class RingPedersenSecret {
  readonly #lambda: bigint;

  constructor(lambda: bigint) {
    this.#lambda = lambda;
    redacted(this, 'RingPedersenSecret');
    Object.freeze(this);
  }

  get lambda(): bigint {
    return this.#lambda;
  }
}

/**
 * Samples (s, t) over the key's N: r uniform in Z*_N, t = r^2 mod N, lambda uniform in [0, phi(N))
 * (the cggmp21 spec's lambda <- Z_phi, the range the Πprm responses are reduced in), s = t^lambda.
 * With p = 2p'+1 and q = 2q'+1 the squares form a cyclic group of order p'q'; we resample until t
 * and s generate it (t, s != 1 modulo p and modulo q), so s in <t> holds with every lambda mod
 * p'q' possible and neither is 1.
 */
export function generateRingPedersen(
  sk: PaillierSecretKey,
  rng: Rng,
): { readonly params: RingPedersenParams; readonly secret: RingPedersenSecret } {
  const { N, p, q } = sk;
  const generates = (x: bigint) => x % p !== 1n && x % q !== 1n;
  let t: bigint;
  do {
    const r = randomUnit(rng, N);
    t = (r * r) % N;
  } while (!generates(t));
  const phi = sk.phi;
  for (;;) {
    const lambda = randomBelow(rng, phi);
    const s = modPow(t, lambda, N);
    if (!generates(s)) continue;
    const params = RingPedersenParams.fromPublicKey(sk.publicKey, s, t);
    return Object.freeze({ params, secret: new RingPedersenSecret(lambda) });
  }
}
