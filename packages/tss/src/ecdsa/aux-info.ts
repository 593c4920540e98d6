/**
 * Per-node auxiliary information of CGGMP (ePrint 2021/060 Fig. 6, "auxiliary info"; cggmp21
 * spec/main.tex "Provisioning"): every party's Paillier-Blum modulus N_j and ring-Pedersen
 * parameters (N_j, s_j, t_j), plus our own Paillier secret key. Made once per node set and reused
 * for every wallet. Validated once on construction (STYLE.md rule 9): every N_j passes the
 * profile's modulus checks, s_j and t_j are valid, and no party reuses another party's N or
 * (s, t) (CRYPTO.md item 3). The proofs (Πmod, Πprm, Πfac) are checked by the aux-info protocol
 * before its output reaches this constructor.
 */
import { assertParties, type PartyIndex, REDACTED } from '../engine/index.js';
import {
  assertPaillierModulus,
  PaillierPublicKey,
  type PaillierSecretKey,
  RingPedersenParams,
  type SecurityProfile,
} from '../paillier/index.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const TOKEN: unique symbol = Symbol('AuxInfo');

/** One party's public aux info. */
export interface PartyAux {
  readonly party: PartyIndex;
  readonly paillier: PaillierPublicKey;
  readonly pedersen: RingPedersenParams;
}

export interface AuxInfoParts {
  readonly profile: SecurityProfile;
  readonly self: PartyIndex;
  /** Every party's (N, s, t), keyed by party; its keys are the participant list. */
  readonly publics: ReadonlyMap<PartyIndex, { readonly N: bigint; readonly s: bigint; readonly t: bigint }>;
  /** Our own Paillier secret key; its N must equal our public N. */
  readonly paillierSecret: PaillierSecretKey;
}

export class AuxInfo {
  readonly profile: SecurityProfile;
  readonly self: PartyIndex;
  readonly parties: readonly PartyIndex[];
  readonly #publics: ReadonlyMap<PartyIndex, PartyAux>;
  readonly #secret: PaillierSecretKey;

  /** Not for direct use: call `auxInfoFromParts`. */
  constructor(
    token: typeof TOKEN,
    parts: AuxInfoParts,
    parties: readonly PartyIndex[],
    publics: Map<PartyIndex, PartyAux>,
  ) {
    if (token !== TOKEN) throw new TypeError('use auxInfoFromParts');
    this.profile = parts.profile;
    this.self = parts.self;
    this.parties = parties;
    this.#publics = publics;
    this.#secret = parts.paillierSecret;
    Object.freeze(this);
  }

  /** Party j's public aux info. */
  of(party: PartyIndex): PartyAux {
    const a = this.#publics.get(party);
    if (!a) throw new RangeError(`party ${party} has no aux info`);
    return a;
  }

  /** Our own Paillier secret key (decryption, CRT in proofs). */
  get paillierSecret(): PaillierSecretKey {
    return this.#secret;
  }

  toString(): string {
    return `AuxInfo(${this.profile.name}, party ${this.self} of ${this.parties.length}, paillierSecret=${REDACTED})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect](): string {
    return this.toString();
  }
}

/** Validates the parts and returns branded aux info; throws on any problem. */
export function auxInfoFromParts(parts: AuxInfoParts): AuxInfo {
  const parties = assertParties([...parts.publics.keys()], parts.self);
  const publics = new Map<PartyIndex, PartyAux>();
  const seenN = new Set<bigint>();
  const seenST = new Set<bigint>();
  for (const party of parties) {
    const { N, s, t } = parts.publics.get(party)!;
    assertPaillierModulus(N, parts.profile);
    if (seenN.has(N)) throw new RangeError(`party ${party} reuses another party's Paillier modulus`);
    if (seenST.has(s) || seenST.has(t))
      throw new RangeError(`party ${party} reuses ring-Pedersen parameters`);
    seenN.add(N);
    seenST.add(s);
    seenST.add(t);
    const paillier = PaillierPublicKey.fromModulus(N, parts.profile);
    publics.set(
      party,
      Object.freeze({ party, paillier, pedersen: RingPedersenParams.fromPublicKey(paillier, s, t) }),
    );
  }
  if (parts.paillierSecret.N !== publics.get(parts.self)!.paillier.N) {
    throw new RangeError('our Paillier secret key does not match our public modulus');
  }
  return new AuxInfo(TOKEN, parts, parties, publics);
}
