/**
 * Session binding for the ECDSA protocols (CRYPTO.md "Fiat-Shamir"; cggmp21 spec/main.tex,
 * "Non-Interactive Challenge Derivation": every proof is bound to a context separation string
 * sid). A round cannot see the session driver's envelope id, so the caller passes the same
 * 32-byte id it gives the driver, and we derive the protocol's sid from it together with the
 * protocol name, the participant list and the protocol's public parameters. Later rounds mix
 * in what the run produced (rho of aux-info generation, rid of key generation), as the spec's
 * (sid, i, rho) and (sid, i, rid) do. Every digest goes through the typed, length-prefixed
 * transcript of zk/transcript.ts, so two different inputs never encode alike.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PartyIndex } from '../engine/index.js';
import { type ProofContext, Transcript } from '../zk/transcript.js';

/** Length of the caller's session id (the session driver's envelope id). */
export const SESSION_ID_BYTES = 32;
/** Length of V_i, rho_i, rid_i, u_i and every derived sid. */
export const DIGEST_BYTES = 32;
/**
 * Transcripts that are not one party's proof or commitment use prover 0: party indices start at
 * 1 (assertParties), so such a digest never collides with a party's.
 */
const NO_PARTY = 0;

/** Validates the caller's session id and returns a private copy. */
export function assertSessionId(sessionId: Uint8Array): Uint8Array {
  if (!(sessionId instanceof Uint8Array) || sessionId.length !== SESSION_ID_BYTES) {
    throw new TypeError(`sessionId must be ${SESSION_ID_BYTES} bytes`);
  }
  return Uint8Array.from(sessionId);
}

/** A digest transcript under `tag`, keyed by `sid` and `party` (NO_PARTY for session-wide ones). */
export function digestTranscript(tag: string, sid: Uint8Array, party: PartyIndex = NO_PARTY): Transcript {
  return Transcript.start(tag, { sessionId: sid, prover: party });
}

/** The 32-byte output of a digest transcript. */
export function finish(t: Transcript): Uint8Array {
  return t.challengeBytes('digest', DIGEST_BYTES);
}

/**
 * sid = H(tag, sessionId, protocol, participants, extra): binds a run to the caller's session id,
 * the protocol and the participant list; `extra` absorbs the protocol's own parameters.
 */
export function bindSession(
  tag: string,
  sessionId: Uint8Array,
  protocol: string,
  parties: readonly PartyIndex[],
  extra: (t: Transcript) => void = () => {},
): Uint8Array {
  const t = digestTranscript(tag, assertSessionId(sessionId))
    .bytes('protocol', utf8ToBytes(protocol))
    .u32('parties.len', parties.length);
  for (const p of parties) t.u32('party', p);
  extra(t);
  return finish(t);
}

/** The proof context (sid, prover) of a zero-knowledge proof made in this run. */
export function proofContext(sid: Uint8Array, prover: PartyIndex): ProofContext {
  return Object.freeze({ sessionId: sid, prover });
}

/** XOR of equal-length byte strings (rho = XOR rho_j, rid = XOR rid_j). */
export function xorAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(DIGEST_BYTES);
  for (const p of parts) {
    if (p.length !== DIGEST_BYTES) throw new RangeError(`expected ${DIGEST_BYTES} bytes`);
    for (let k = 0; k < DIGEST_BYTES; k++) out[k]! ^= p[k]!;
  }
  return out;
}

/** Constant-time comparison of two byte strings of public length. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let k = 0; k < a.length; k++) diff |= a[k]! ^ b[k]!;
  return diff === 0;
}
