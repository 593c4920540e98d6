/**
 * Aux-info round 2 (cggmp21 spec/main.tex, "Provisioning Protocol", round 3): every peer has
 * opened V_j. For each j, in order of cost, the opening must match V_j, N_j must pass the
 * profile's non-proof checks (bit length, odd, no factor below 1024, not a square, not a prime
 * power), s_j and t_j must be units other than ±1, and Πprm_j must verify under (sid, j). A
 * failure names j. Then rho = XOR rho_j, and we prove Πmod for our N (one broadcast) and Πfac
 * against each verifier's R_j (point to point), both under the round-3 proof sid.
 *
 * Reuse (CRYPTO.md item 3). An honest party samples (s, t) afresh in every run and commits to
 * them before anyone reveals, so a peer that shows our s or t, or two peers that show the same
 * value, cannot all be honest: they are named here. A modulus, however, is long-lived and
 * public: a peer may copy an honest party's N from an earlier run, and the two holders of one
 * N look alike now. Those findings go to round 3, where only the party that knows the
 * factorization passes Πmod and Πfac; the owner of the copied N continues too, so every honest
 * party reaches the same verdict (see AuxInfoRound3).
 */
import {
  abort,
  broadcastTo,
  type Inbound,
  type MessageSpec,
  next,
  type Outbound,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  type Step,
  sendTo,
} from '../engine/index.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { modulusDefect } from '../zk/check.js';
import { FacWitness, proveFac } from '../zk/fac.js';
import { ModWitness, proveMod } from '../zk/mod.js';
import { ringPedersenDefect, verifyPrm } from '../zk/prm.js';
import type { AuxInfo } from './aux-info.js';
import { type AuxGenContext, type AuxPublic, auxCommitment, auxProofSid } from './aux-info-gen-context.js';
import { type AuxInfoRound2Message, auxRound2Spec } from './aux-info-gen-messages.js';
import { AuxInfoRound3, type ModulusReuse } from './aux-info-gen-round3.js';
import { proofContext, sameBytes, xorAll } from './session-binding.js';

export class AuxInfoRound2 implements Round<AuxInfo, AuxInfoRound2Message, never> {
  readonly protocol: string;
  readonly number = 2;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<AuxInfoRound2Message>;
  readonly #ctx: AuxGenContext;
  readonly #paillier: PaillierSecretKey;
  readonly #opening: AuxInfoRound2Message;
  readonly #commitments: ReadonlyMap<PartyIndex, Uint8Array>;

  constructor(
    ctx: AuxGenContext,
    paillier: PaillierSecretKey,
    opening: AuxInfoRound2Message,
    commitments: ReadonlyMap<PartyIndex, Uint8Array>,
  ) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.broadcast = auxRound2Spec(ctx.profile);
    this.#ctx = ctx;
    this.#paillier = paillier;
    this.#opening = opening;
    this.#commitments = commitments;
    redacted(this, 'AuxInfoRound2');
    Object.freeze(this);
  }

  /** The first defect of peer j's opening, or null. */
  #defect(j: PartyIndex, m: AuxInfoRound2Message | undefined): string | null {
    const { profile, sid } = this.#ctx;
    if (!m) return 'missing decommitment';
    if (!sameBytes(auxCommitment(sid, j, m), this.#commitments.get(j)!)) {
      return 'decommitment does not match the round-1 commitment V_j';
    }
    const bad = modulusDefect('N', m.N, profile) ?? ringPedersenDefect('ring-Pedersen', m);
    if (bad !== null) return bad;
    const prm = verifyPrm(proofContext(sid, j), { N: m.N, s: m.s, t: m.t }, m.prmProof, profile);
    return prm.ok ? null : `Πprm: ${prm.reason}`;
  }

  finalize(inbound: Inbound<AuxInfoRound2Message, never>, rng: Rng): Step<AuxInfo> {
    const { self, parties, profile } = this.#ctx;
    const own = this.#opening;
    const culprits: PartyIndex[] = [];
    const evidence: Record<string, string> = {};
    const openings = new Map<PartyIndex, AuxInfoRound2Message>([[self, own]]);
    for (const j of this.peers) {
      const m = inbound.broadcast.get(j);
      const defect = this.#defect(j, m);
      if (defect === null) openings.set(j, m!);
      else {
        culprits.push(j);
        evidence[`party.${j}`] = defect;
      }
    }
    if (culprits.length > 0) return abort(culprits, 'invalid aux-info decommitment', evidence);

    // Ring-Pedersen values are fresh per run: any collision with ours or between peers is named.
    const holders = new Map<bigint, PartyIndex[]>();
    for (const [j, m] of openings) {
      for (const v of new Set([m.s, m.t])) holders.set(v, [...(holders.get(v) ?? []), j]);
    }
    for (const group of holders.values()) {
      if (group.length < 2) continue;
      for (const j of group.filter((p) => p !== self)) {
        culprits.push(j);
        evidence[`party.${j}`] = group.includes(self)
          ? 'reuses our ring-Pedersen parameters'
          : `shares ring-Pedersen parameters with parties ${group.join(', ')}`;
      }
    }
    if (culprits.length > 0) return abort(culprits, 'reused ring-Pedersen parameters', evidence);

    const reuse = modulusReuse(self, openings);
    const publics = new Map<PartyIndex, AuxPublic>(
      [...openings].map(([j, m]) => [j, Object.freeze({ N: m.N, s: m.s, t: m.t })]),
    );
    const rho = xorAll(parties.map((j) => openings.get(j)!.rho));
    const proofSid = auxProofSid(this.#ctx.sid, rho, parties, publics);
    const ctx = proofContext(proofSid, self);
    const round3 = new AuxInfoRound3(this.#ctx, this.#paillier, publics, proofSid, reuse);
    // psi_i = Πmod((sid, i, rho), N_i) to everyone; phi_i^j = Πfac((sid, i, rho), R_j, N_i) to j.
    const modProof = proveMod(ctx, { N: own.N }, ModWitness.fromSecretKey(this.#paillier), profile, rng);
    const out: Outbound[] = [broadcastTo(round3.broadcast, { modProof })];
    const witness = FacWitness.fromSecretKey(this.#paillier);
    for (const j of this.peers) {
      const facProof = proveFac(ctx, { N: own.N, verifier: publics.get(j)! }, witness, profile, rng);
      out.push(sendTo(round3.p2p, j, { facProof }));
    }
    return next(round3, out);
  }
}

/** Peers that show our N, and groups of peers that show one N (decided in round 3). */
function modulusReuse(
  self: PartyIndex,
  openings: ReadonlyMap<PartyIndex, AuxInfoRound2Message>,
): ModulusReuse {
  const byN = new Map<bigint, PartyIndex[]>();
  for (const [j, m] of openings) byN.set(m.N, [...(byN.get(m.N) ?? []), j]);
  const ours: PartyIndex[] = [];
  const shared: PartyIndex[][] = [];
  for (const group of byN.values()) {
    if (group.length < 2) continue;
    if (group.includes(self)) ours.push(...group.filter((p) => p !== self));
    else shared.push(group);
  }
  return Object.freeze({ ours: Object.freeze(ours), shared: Object.freeze(shared) });
}
