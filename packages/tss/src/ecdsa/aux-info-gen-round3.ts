/**
 * Aux-info round 3 (cggmp21 spec/main.tex, "Provisioning Protocol", Output): every peer j has
 * sent psi_j = Πmod for N_j (broadcast) and phi_j^i = Πfac for N_j against our own R_i (to us).
 * Both are verified under (sid, j, rho); a failure names j. Πmod rejects moduli that are not
 * Paillier-Blum (three factors, p^2, non-Blum primes), Πfac rejects small factors (BitForge,
 * CVE-2023-33241) and proofs made for another verifier, since they are checked against the
 * parameters we generated ourselves.
 *
 * Moduli shown by two parties (from round 2): only a party that knows the factorization of N
 * passes both proofs, and a modulus has one legitimate owner. So a peer that shows our N is
 * named; in a group of peers sharing one N, those whose proofs fail are named, and if more than
 * one passes, all that pass are named (they share the factorization). Output: `AuxInfo`, which
 * re-validates every N_j and refuses any reuse of N or (s, t).
 */
import {
  abort,
  done,
  type Inbound,
  type MessageSpec,
  type PartyIndex,
  type Rng,
  type Round,
  redacted,
  type Step,
} from '../engine/index.js';
import type { PaillierSecretKey } from '../paillier/secret-key.js';
import { verifyFac } from '../zk/fac.js';
import { verifyMod } from '../zk/mod.js';
import { type AuxInfo, auxInfoFromParts } from './aux-info.js';
import type { AuxGenContext, AuxPublic } from './aux-info-gen-context.js';
import {
  type AuxInfoFactorMessage,
  type AuxInfoRound3Message,
  auxFactorSpec,
  auxRound3Spec,
} from './aux-info-gen-messages.js';
import { proofContext } from './session-binding.js';

/** Round 2's findings about moduli shown by more than one party. */
export interface ModulusReuse {
  /** Peers that showed our own N. */
  readonly ours: readonly PartyIndex[];
  /** Groups of peers that showed one N (not ours). */
  readonly shared: readonly (readonly PartyIndex[])[];
}

export class AuxInfoRound3 implements Round<AuxInfo, AuxInfoRound3Message, AuxInfoFactorMessage> {
  readonly protocol: string;
  readonly number = 3;
  readonly peers: readonly PartyIndex[];
  readonly broadcast: MessageSpec<AuxInfoRound3Message>;
  readonly p2p: MessageSpec<AuxInfoFactorMessage>;
  readonly #ctx: AuxGenContext;
  readonly #paillier: PaillierSecretKey;
  readonly #publics: ReadonlyMap<PartyIndex, AuxPublic>;
  readonly #proofSid: Uint8Array;
  readonly #reuse: ModulusReuse;

  constructor(
    ctx: AuxGenContext,
    paillier: PaillierSecretKey,
    publics: ReadonlyMap<PartyIndex, AuxPublic>,
    proofSid: Uint8Array,
    reuse: ModulusReuse,
  ) {
    this.protocol = ctx.protocol;
    this.peers = ctx.peers;
    this.broadcast = auxRound3Spec(ctx.profile);
    this.p2p = auxFactorSpec(ctx.profile);
    this.#ctx = ctx;
    this.#paillier = paillier;
    this.#publics = publics;
    this.#proofSid = proofSid;
    this.#reuse = reuse;
    redacted(this, 'AuxInfoRound3');
    Object.freeze(this);
  }

  /** The first failed check of peer j's proofs, or null. */
  #defect(
    j: PartyIndex,
    mod: AuxInfoRound3Message | undefined,
    fac: AuxInfoFactorMessage | undefined,
  ): string | null {
    const { profile, self } = this.#ctx;
    if (!mod) return 'missing Πmod proof';
    if (!fac) return 'missing Πfac proof';
    const ctx = proofContext(this.#proofSid, j);
    const N = this.#publics.get(j)!.N;
    const modCheck = verifyMod(ctx, { N }, mod.modProof, profile);
    if (!modCheck.ok) return `Πmod: ${modCheck.reason}`;
    const facCheck = verifyFac(ctx, { N, verifier: this.#publics.get(self)! }, fac.facProof, profile);
    return facCheck.ok ? null : `Πfac: ${facCheck.reason}`;
  }

  finalize(inbound: Inbound<AuxInfoRound3Message, AuxInfoFactorMessage>, _rng: Rng): Step<AuxInfo> {
    const { self, profile } = this.#ctx;
    const culprits = new Set<PartyIndex>();
    const evidence: Record<string, string> = {};
    const blame = (j: PartyIndex, reason: string) => {
      culprits.add(j);
      const key = `party.${j}`;
      evidence[key] = evidence[key] ? `${evidence[key]}; ${reason}` : reason;
    };
    for (const j of this.peers) {
      const defect = this.#defect(j, inbound.broadcast.get(j), inbound.p2p.get(j));
      if (defect !== null) blame(j, defect);
    }
    for (const j of this.#reuse.ours) blame(j, 'reuses our Paillier modulus');
    for (const group of this.#reuse.shared) {
      const proved = group.filter((j) => !culprits.has(j));
      if (proved.length > 1) {
        for (const j of proved) blame(j, `proves the Paillier modulus shared by parties ${group.join(', ')}`);
      }
      // Exactly one holder proved the modulus: it is the owner, the others are already named.
    }
    if (culprits.size > 0) return abort([...culprits], 'invalid aux-info proof', evidence);

    const publics = new Map([...this.#publics].map(([j, R]) => [j, { N: R.N, s: R.s, t: R.t }]));
    return done(auxInfoFromParts({ profile, self, publics, paillierSecret: this.#paillier }));
  }
}
