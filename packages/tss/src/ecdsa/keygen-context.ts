/**
 * The per-run context of threshold key generation and its digests (cggmp21 spec/main.tex,
 * "Threshold Key Generation"): the sid bound to the participants and the threshold, the hash
 * commitment V_i = H(hash_com, sid, i, t, rid_i, F_i, A_i, u_i), the Πsch proof sid that mixes
 * in rid = XOR rid_j (the spec's Challenge^sch(sid, i, rid, ...)), and Feldman evaluation.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PartyIndex } from '../engine/index.js';
import { CURVE_ORDER, encodePoint, Point } from '../zk/sch-group.js';
import type { KeygenRound2Message } from './keygen-messages.js';
import { bindSession, digestTranscript, finish } from './session-binding.js';

/** Protocol name carried in every envelope of this protocol. */
export const ECDSA_KEYGEN_PROTOCOL = 'cggmp-ecdsa-keygen';

const SID_TAG = 'mpcium.ecdsa.keygen.sid.v1';
const COMMIT_TAG = 'mpcium.ecdsa.keygen.hash-com.v1';
const PROOF_SID_TAG = 'mpcium.ecdsa.keygen.rid.v1';

export interface KeygenContext {
  readonly protocol: string;
  readonly self: PartyIndex;
  /** Every participant, ascending. */
  readonly parties: readonly PartyIndex[];
  readonly peers: readonly PartyIndex[];
  readonly threshold: number;
  /** sid: the caller's session id bound to protocol, curve, participants and threshold. */
  readonly sid: Uint8Array;
}

export function keygenSid(
  sessionId: Uint8Array,
  parties: readonly PartyIndex[],
  threshold: number,
): Uint8Array {
  return bindSession(SID_TAG, sessionId, ECDSA_KEYGEN_PROTOCOL, parties, (t) =>
    t.bytes('curve', utf8ToBytes('secp256k1')).u32('threshold', threshold),
  );
}

function absorbPoints(t: ReturnType<typeof digestTranscript>, label: string, points: readonly Point[]): void {
  t.u32(`${label}.len`, points.length);
  for (const P of points) t.bytes(label, encodePoint(P));
}

/** V_j = H(hash_com, sid, j, rid_j, F_j, A_j, u_j); sid already holds n and t. */
export function keygenCommitment(sid: Uint8Array, party: PartyIndex, m: KeygenRound2Message): Uint8Array {
  const t = digestTranscript(COMMIT_TAG, sid, party).bytes('rid', m.rid);
  absorbPoints(t, 'F', m.vss);
  return finish(t.bytes('A', encodePoint(m.A)).bytes('u', m.u));
}

/** The sid of the round-3 Πsch proofs: sid, rid and every party's F_j in party order. */
export function keygenProofSid(
  sid: Uint8Array,
  rid: Uint8Array,
  parties: readonly PartyIndex[],
  vss: ReadonlyMap<PartyIndex, readonly Point[]>,
): Uint8Array {
  const t = digestTranscript(PROOF_SID_TAG, sid).bytes('rid', rid);
  for (const p of parties) {
    const F = vss.get(p);
    if (!F) throw new RangeError(`no commitment of party ${p}`);
    t.u32('party', p);
    absorbPoints(t, 'F', F);
  }
  return finish(t);
}

/** F(x) = sum_k x^k C_k by Horner's rule (public points, variable time). */
export function evaluateCommitment(C: readonly Point[], x: bigint): Point {
  const xr = x % CURVE_ORDER;
  let acc = Point.ZERO;
  for (let k = C.length - 1; k >= 0; k--) {
    acc = (acc.is0() || xr === 0n ? Point.ZERO : acc.multiplyUnsafe(xr)).add(C[k]!);
  }
  return acc;
}

/** f(x) = sum_k a_k x^k mod q by Horner's rule. */
export function evaluatePolynomial(a: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let k = a.length - 1; k >= 0; k--) acc = (acc * x + a[k]!) % CURVE_ORDER;
  return acc;
}
