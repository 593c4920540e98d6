/**
 * TEST-ONLY: a cheating participant of aux-info generation, written as protocol rounds so the
 * simulator runs it beside honest parties through the real session driver and wire encoding
 * (CRYPTO.md negative tests 1-5). It shows any modulus N, with whatever factors of N it knows,
 * and otherwise does its best: Πprm is made without the factorization (t = r^2, s = t^lambda
 * with lambda known, which is all Πprm needs), Πmod answers every challenge that has an answer
 * (Tonelli-Shanks modulo each known prime, also for primes = 1 mod 4), Πfac is the honest
 * prover's computation on whatever split of N it has. With an honest modulus it is an honest
 * party, so a failure in a test comes from the forgery alone. Production code must never
 * import this module.
 */

import type { AuxInfo } from '../ecdsa/aux-info.js';
import { type AuxPublic, auxCommitment, auxInfoSid, auxProofSid } from '../ecdsa/aux-info-gen-context.js';
import {
  type AuxInfoRound1Message,
  type AuxInfoRound2Message,
  auxFactorSpec,
  auxRound1Spec,
  auxRound2Spec,
  auxRound3Spec,
} from '../ecdsa/aux-info-gen-messages.js';
import { DIGEST_BYTES, proofContext, xorAll } from '../ecdsa/session-binding.js';
import {
  abort,
  broadcastTo,
  type Inbound,
  next,
  others,
  type PartyIndex,
  type Rng,
  type Round,
  type Step,
  sendTo,
} from '../engine/index.js';
import { jacobi } from '../math/jacobi.js';
import { modPow } from '../math/modpow.js';
import { gcd, mod, modInverse } from '../math/modular.js';
import { randomBelow, randomUnit } from '../math/random.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import { FacWitness, proveFac } from '../zk/fac.js';
import { type ModProof, type ModRound, modChallenges } from '../zk/mod.js';
import { type PrmProof, type PrmStatement, prmChallenges } from '../zk/prm.js';
import type { ProofContext } from '../zk/transcript.js';
import data from './fixtures/small-factor-modulus.json' with { type: 'json' };

/** N = r*P, 2048 bits, r a 32-bit Blum prime: Paillier-Blum, passes every non-proof check. */
export function smallFactorModulus(): { readonly N: bigint; readonly r: bigint; readonly P: bigint } {
  const r = BigInt(`0x${data.r}`);
  const P = BigInt(`0x${data.P}`);
  return Object.freeze({ N: r * P, r, P });
}

/** A square root of u modulo the odd prime r, or null (Tonelli-Shanks). */
function sqrtModPrime(u: bigint, r: bigint): bigint | null {
  const a = mod(u, r);
  if (a === 0n) return 0n;
  if (jacobi(a, r) !== 1) return null;
  if (r % 4n === 3n) return modPow(a, (r + 1n) / 4n, r);
  let e = 0n;
  let odd = r - 1n;
  for (; (odd & 1n) === 0n; e++) odd >>= 1n;
  let z = 2n;
  while (jacobi(z, r) !== -1) z++;
  let c = modPow(z, odd, r);
  let t = modPow(a, odd, r);
  let x = modPow(a, (odd + 1n) / 2n, r);
  while (t !== 1n) {
    let i = 0n;
    for (let t2 = t; t2 !== 1n; t2 = (t2 * t2) % r) i++;
    const b = modPow(c, 1n << (e - i - 1n), r);
    [e, c, t, x] = [i, (b * b) % r, (t * b * b) % r, (x * b) % r];
  }
  return x;
}

function fourthRootModPrime(u: bigint, r: bigint): bigint | null {
  const s = sqrtModPrime(u, r);
  if (s === null) return null;
  return sqrtModPrime(s, r) ?? sqrtModPrime(r - s, r);
}

/** x with x = residues[k] mod primes[k] (distinct primes). */
function crtAll(residues: readonly bigint[], primes: readonly bigint[]): bigint {
  const M = primes.reduce((a, b) => a * b, 1n);
  return primes.reduce((acc, r, k) => (acc + residues[k]! * (M / r) * modInverse((M / r) % r, r)) % M, 0n);
}

/** The best Πmod a prover knowing `primes` of N can make (an honest proof for a Blum N = pq). */
export function forgeModProof(
  ctx: ProofContext,
  N: bigint,
  primes: readonly bigint[],
  profile: SecurityProfile,
  rng: Rng,
): ModProof {
  // A unit with Jacobi symbol -1; for a square N none exists, and the forger takes any unit.
  let w = randomUnit(rng, N);
  for (let tries = 0; jacobi(w, N) !== -1 && tries < 64; tries++) w = randomUnit(rng, N);
  const known = primes.length > 0 && primes.reduce((a, b) => a * b, 1n) === N;
  const rounds = modChallenges(ctx, N, w, profile).map((y): ModRound => {
    if (!known) return { x: 1n, a: false, b: false, z: 1n };
    const zs = primes.map((r) =>
      gcd(N, r - 1n) === 1n ? modPow(y, modInverse(N % (r - 1n), r - 1n), r) : 1n,
    );
    const z = crtAll(zs, primes) || 1n;
    for (const a of [false, true]) {
      for (const b of [false, true]) {
        const u = mod((a ? -1n : 1n) * (b ? w : 1n) * y, N);
        const roots = primes.map((r) => fourthRootModPrime(u, r));
        if (roots.every((x) => x !== null)) return { x: crtAll(roots as bigint[], primes) || 1n, a, b, z };
      }
    }
    return { x: 1n, a: false, b: false, z }; // no 4th root exists: this round is lost
  });
  return { w, rounds };
}

/**
 * Πprm without the factorization of N: with lambda < N/2 and a_i < N/2, z_i = a_i + e_i lambda
 * needs no reduction modulo phi(N) and stays below N. Valid whenever s = t^lambda.
 */
export function provePrmWithoutFactors(
  ctx: ProofContext,
  statement: PrmStatement,
  lambda: bigint,
  profile: SecurityProfile,
  rng: Rng,
): PrmProof {
  const a = Array.from({ length: profile.repetitions }, () => randomBelow(rng, statement.N >> 1n));
  const A = a.map((ai) => modPow(statement.t, ai, statement.N));
  const e = prmChallenges(ctx, statement, A, profile);
  return { commitments: A, responses: a.map((ai, i) => (e[i] ? ai + lambda : ai)) };
}

export interface AuxForgery {
  readonly profile: SecurityProfile;
  readonly self: PartyIndex;
  readonly parties: readonly PartyIndex[];
  readonly sessionId: Uint8Array;
  /** The modulus shown in round 2. */
  readonly N: bigint;
  /** The distinct primes of N the cheater knows (empty: none). */
  readonly primes: readonly bigint[];
  /** Ring-Pedersen t (default r^2 mod N), lambda (default below N/2), s (default t^lambda). */
  readonly t?: bigint;
  readonly lambda?: bigint;
  readonly s?: bigint;
  /** Another session id: Πprm (or Πmod) is made there and replayed here. */
  readonly prmSessionId?: Uint8Array;
  readonly modSessionId?: Uint8Array;
  /** The verifier whose parameters the Πfac sent to `recipient` is made for (default: recipient). */
  readonly facFor?: (recipient: PartyIndex) => PartyIndex;
  /**
   * Without two primes of N, Πfac is made for this other modulus instead (well-formed, so it
   * reaches the verifier); without a decoy it is made with the split 1·N.
   */
  readonly decoy?: { readonly p: bigint; readonly q: bigint };
}

/** Starts the cheating party; its last round waits for nothing and ends without output. */
export function startForgedAuxInfo(f: AuxForgery, rng: Rng): Step<AuxInfo> {
  const parties = [...f.parties].sort((a, b) => a - b);
  const sid = auxInfoSid(f.sessionId, f.profile, parties);
  const { N } = f;
  const t = f.t ?? modPow(randomUnit(rng, N), 2n, N);
  const lambda = f.lambda ?? randomBelow(rng, N >> 1n);
  const s = f.s ?? modPow(t, lambda, N);
  const prmSid = f.prmSessionId ? auxInfoSid(f.prmSessionId, f.profile, parties) : sid;
  const opening: AuxInfoRound2Message = {
    N,
    s,
    t,
    prmProof: provePrmWithoutFactors(proofContext(prmSid, f.self), { N, s, t }, lambda, f.profile, rng),
    rho: rng(DIGEST_BYTES),
    u: rng(DIGEST_BYTES),
  };
  const peers = others(parties, f.self);
  const round3: Round<AuxInfo> = {
    protocol: 'forged',
    number: 3,
    peers: [],
    finalize: () => abort([], 'forged party finished'),
  };
  const round2: Round<AuxInfo, AuxInfoRound2Message> = {
    protocol: 'forged',
    number: 2,
    peers,
    broadcast: auxRound2Spec(f.profile),
    finalize(inbound: Inbound<AuxInfoRound2Message, unknown>, r: Rng) {
      const all = new Map([...inbound.broadcast, [f.self, opening]]);
      const publics = new Map<PartyIndex, AuxPublic>(
        [...all].map(([j, m]) => [j, { N: m.N, s: m.s, t: m.t }]),
      );
      const rho = xorAll(parties.map((j) => all.get(j)!.rho));
      const proofSid = auxProofSid(sid, rho, parties, publics);
      const modSid = f.modSessionId
        ? auxProofSid(auxInfoSid(f.modSessionId, f.profile, parties), rho, parties, publics)
        : proofSid;
      const modProof = forgeModProof(proofContext(modSid, f.self), N, f.primes, f.profile, r);
      const [p, q] = f.primes.length === 2 ? f.primes : f.decoy ? [f.decoy.p, f.decoy.q] : [1n, N];
      const facN = p! * q!;
      const out = [broadcastTo(auxRound3Spec(f.profile), { modProof })];
      for (const j of peers) {
        const verifier = publics.get(f.facFor?.(j) ?? j)!;
        const facProof = proveFac(
          proofContext(proofSid, f.self),
          { N: facN, verifier },
          new FacWitness(p!, q!),
          f.profile,
          r,
        );
        out.push(sendTo(auxFactorSpec(f.profile), j, { facProof }));
      }
      return next(round3, out);
    },
  };
  const round1: Round<AuxInfo, AuxInfoRound1Message> = {
    protocol: 'forged',
    number: 1,
    peers,
    broadcast: auxRound1Spec,
    finalize: () => next(round2 as Round<AuxInfo>, [broadcastTo(auxRound2Spec(f.profile), opening)]),
  };
  return next(round1 as Round<AuxInfo>, [
    broadcastTo(auxRound1Spec, { commitment: auxCommitment(sid, f.self, opening) }),
  ]);
}
