/**
 * The per-run context of aux-info generation and its digests (cggmp21 spec/main.tex,
 * "Provisioning Protocol"): the sid every proof and commitment is bound to, the hash commitment
 * V_i of round 1, and the round-3 proof sid that mixes in rho = XOR rho_j and every party's
 * (N_j, s_j, t_j), the spec's (sid, i, rho).
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PartyIndex } from '../engine/index.js';
import type { SecurityProfile } from '../paillier/profiles.js';
import { encodePrmProof } from '../zk/prm-codec.js';
import type { AuxInfoRound2Message } from './aux-info-gen-messages.js';
import { bindSession, digestTranscript, finish } from './session-binding.js';

/** Protocol name carried in every envelope of this protocol. */
export const AUX_INFO_PROTOCOL = 'cggmp-aux-info';

const SID_TAG = 'mpcium.ecdsa.aux-info.sid.v1';
const COMMIT_TAG = 'mpcium.ecdsa.aux-info.hash-com.v1';
const PROOF_SID_TAG = 'mpcium.ecdsa.aux-info.rho.v1';

export interface AuxGenContext {
  readonly protocol: string;
  readonly profile: SecurityProfile;
  readonly self: PartyIndex;
  /** Every participant, ascending. */
  readonly parties: readonly PartyIndex[];
  readonly peers: readonly PartyIndex[];
  /** sid: the caller's session id bound to protocol, profile and participants. */
  readonly sid: Uint8Array;
}

/** One party's ring-Pedersen parameters R_j = (N_j, s_j, t_j). */
export interface AuxPublic {
  readonly N: bigint;
  readonly s: bigint;
  readonly t: bigint;
}

/** sid = H(sessionId, protocol, participants, profile and its proof parameters). */
export function auxInfoSid(
  sessionId: Uint8Array,
  profile: SecurityProfile,
  parties: readonly PartyIndex[],
): Uint8Array {
  return bindSession(SID_TAG, sessionId, AUX_INFO_PROTOCOL, parties, (t) =>
    t
      .bytes('profile', utf8ToBytes(profile.name))
      .u32('m', profile.repetitions)
      .u32('l', profile.ell)
      .u32('eps', profile.epsilon),
  );
}

/** V_j = H(hash_com, sid, j, N_j, s_j, t_j, Πprm_j, rho_j, u_j) (spec round 1). */
export function auxCommitment(sid: Uint8Array, party: PartyIndex, m: AuxInfoRound2Message): Uint8Array {
  return finish(
    digestTranscript(COMMIT_TAG, sid, party)
      .int('N', m.N)
      .int('s', m.s)
      .int('t', m.t)
      .bytes('prm', encodePrmProof(m.prmProof))
      .bytes('rho', m.rho)
      .bytes('u', m.u),
  );
}

/**
 * The sid of the round-3 proofs: sid, rho and every R_j in party order. The spec binds Πmod and
 * Πfac to (sid, i, rho); absorbing R_j too ties each proof to the exact aux info it certifies.
 */
export function auxProofSid(
  sid: Uint8Array,
  rho: Uint8Array,
  parties: readonly PartyIndex[],
  publics: ReadonlyMap<PartyIndex, AuxPublic>,
): Uint8Array {
  const t = digestTranscript(PROOF_SID_TAG, sid).bytes('rho', rho);
  for (const p of parties) {
    const R = publics.get(p);
    if (!R) throw new RangeError(`no aux info for party ${p}`);
    t.u32('party', p).int('N', R.N).int('s', R.s).int('t', R.t);
  }
  return finish(t);
}
