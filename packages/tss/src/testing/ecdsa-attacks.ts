/**
 * TEST-ONLY: a cheating presigning participant, written as simulator adversaries that rewrite
 * what one party sends (CRYPTO.md negative tests 5, 7, 8, 12). The cheater knows its own secret
 * key and session binding, so it builds proofs the way a real attacker would; the honest parties
 * must catch every variant and name it. Production code must never import this module.
 */
import { type Adversary, childSeed, seededRng } from '@mpcium/tss-sim';
import { PresignContext } from '../ecdsa/presign-context.js';
import {
  type PresignRound1Message,
  type PresignRound2Mta,
  presignRound1ProofSpec,
  presignRound1Spec,
  presignRound2MtaSpec,
} from '../ecdsa/presign-messages.js';
import type { PartyIndex, Rng } from '../engine/index.js';
import { randomInterval, randomSymmetric } from '../math/interval.js';
import { modPow } from '../math/modpow.js';
import { randomUnit } from '../math/random.js';
import type { SecurityProfile } from '../paillier/index.js';
import { type EncProof, EncWitness, encChallenge, proveEnc } from '../zk/enc.js';
import { pedersenCommit } from '../zk/enc-pedersen.js';
import { pow2 } from '../zk/enc-range.js';
import type { EcdsaFixture } from './ecdsa-sessions.js';
import { TEST_KEY_ID } from './ecdsa-sessions.js';

/** The cheater's own view of the session presignSim runs with `seed`. */
export function cheaterContext(
  fx: EcdsaFixture,
  signers: readonly PartyIndex[],
  seed: string,
  cheater: PartyIndex,
): PresignContext {
  return new PresignContext({
    share: fx.shares.get(cheater)!,
    aux: fx.aux.get(cheater)!,
    signers,
    sessionId: childSeed(seed, 'session-id'),
    keyId: TEST_KEY_ID,
    keyVersion: 0,
  });
}

/**
 * Πenc by Fig. 14's formulas without the honest prover's range check on k, for the statement
 * (N_cheater, K) against `verifier`'s ring-Pedersen parameters.
 */
export function forgeEncProof(
  ctx: PresignContext,
  K: bigint,
  k: bigint,
  rho: bigint,
  verifier: PartyIndex,
  rng: Rng,
): EncProof {
  const profile: SecurityProfile = ctx.profile;
  const { ell, epsilon } = profile;
  const pk = ctx.paillier(ctx.self);
  const aux = ctx.pedersen(verifier);
  const alpha = randomInterval(rng, ell + epsilon);
  const mu = randomSymmetric(rng, pow2(ell) * aux.N);
  const r = randomUnit(rng, pk.N);
  const gamma = randomSymmetric(rng, pow2(ell + epsilon) * aux.N);
  const commitment = {
    S: pedersenCommit(aux, k, mu),
    A: pk.encryptWithNonce(alpha, r),
    C: pedersenCommit(aux, alpha, gamma),
  };
  const e = encChallenge(ctx.proof('enc', ctx.self), { proverPk: pk, K }, commitment, aux, profile);
  return { ...commitment, z1: alpha + e * k, z2: (r * modPow(rho, e, pk.N)) % pk.N, z3: gamma + e * mu };
}

/**
 * The cheater replaces its round-1 (K, G) with K' = Enc(k') and sends Πenc proofs for K'
 * (forged when k' is outside ±2^ℓ, honest otherwise) to the parties `to` selects; the others get
 * the real messages. With every party selected this is a consistent lie; with some, equivocation.
 */
export function replaceK(
  ctx: PresignContext,
  kPrime: bigint,
  to: (recipient: PartyIndex) => boolean,
  seed: string,
): Adversary {
  const rng = seededRng(`${seed}/cheater`);
  const pk = ctx.paillier(ctx.self);
  const rho = randomUnit(rng, pk.N);
  const K = pk.encryptWithNonce(kPrime, rho);
  const honestRange = kPrime >= -pow2(ctx.profile.ell) && kPrime <= pow2(ctx.profile.ell);
  const r1 = presignRound1Spec(ctx.profile);
  const r1p = presignRound1ProofSpec(ctx.profile);
  return {
    onMessage: (m) => {
      if (m.from !== ctx.self || m.round !== 1 || !to(m.recipient)) return undefined;
      if (m.broadcast) {
        const real = r1.decode(m.envelope.payload);
        return { kind: 'replace', payload: r1.encode({ K, G: real.G }) };
      }
      const psi0 = honestRange
        ? proveEnc(
            ctx.proof('enc', ctx.self),
            { proverPk: pk, K },
            new EncWitness(kPrime, rho, ctx.sk),
            ctx.pedersen(m.recipient),
            ctx.profile,
            rng,
          )
        : forgeEncProof(ctx, K, kPrime, rho, m.recipient, rng);
      return { kind: 'replace', payload: r1p.encode({ psi0 }) };
    },
  };
}

/** Rewrites the cheater's round-1 broadcast (K_j, G_j) for every recipient. */
export function rewriteRound1(
  profile: SecurityProfile,
  cheater: PartyIndex,
  rewrite: (m: PresignRound1Message) => PresignRound1Message,
): Adversary {
  const spec = presignRound1Spec(profile);
  return {
    onMessage: (m) =>
      m.from === cheater && m.round === 1 && m.broadcast
        ? { kind: 'replace', payload: spec.encode(rewrite(spec.decode(m.envelope.payload))) }
        : undefined,
  };
}

/** Rewrites the cheater's round-2 MtA message to every recipient. */
export function rewriteMta(
  profile: SecurityProfile,
  cheater: PartyIndex,
  rewrite: (m: PresignRound2Mta) => PresignRound2Mta,
): Adversary {
  const spec = presignRound2MtaSpec(profile);
  return {
    onMessage: (m) =>
      m.from === cheater && m.round === 2 && !m.broadcast
        ? { kind: 'replace', payload: spec.encode(rewrite(spec.decode(m.envelope.payload))) }
        : undefined,
  };
}

/** Round-1 payloads one party sent in a session, keyed `broadcast` or by recipient. */
export type Recording = Map<string, Uint8Array>;

/** Records (and delivers) what `party` sends in round 1. */
export function recordRound1(party: PartyIndex, into: Recording): Adversary {
  return {
    onMessage: (m) => {
      if (m.from === party && m.round === 1) {
        into.set(m.broadcast ? 'broadcast' : String(m.recipient), Uint8Array.from(m.envelope.payload));
      }
      return undefined;
    },
  };
}

/** Replays recorded round-1 payloads of `party` in place of its real ones (CRYPTO.md item 5). */
export function replayRound1(party: PartyIndex, recording: Recording): Adversary {
  return {
    onMessage: (m) => {
      if (m.from !== party || m.round !== 1) return undefined;
      const old = recording.get(m.broadcast ? 'broadcast' : String(m.recipient));
      return old ? { kind: 'replace', payload: old } : undefined;
    },
  };
}
