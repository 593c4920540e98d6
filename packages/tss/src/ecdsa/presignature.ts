/**
 * A CGGMP presignature (ePrint 2021/060 Fig. 7 "Output"; cggmp21 spec/main.tex "Presigning"):
 * our secret (k_i, chi_i) and the public (Gamma, delta, Delta_j, S_j) with R = delta^-1 * Gamma,
 * bound to one key (X and its version's fingerprint), key id, key version and signer set.
 *
 * Single-use by construction (STYLE.md rule 8, CRYPTO.md item 15): the secrets live outside the
 * object, reachable only through `spendPresignature`, which marks the presignature spent and
 * wipes them before returning them, so a second use throws. Two uses of one presignature on two
 * digests reveal the key: sigma - sigma' = k(m - m').
 *
 * Validated once on construction (STYLE.md rule 9): every point valid and not the identity,
 * k_i*Gamma = Delta_i, chi_i*Gamma = S_i, sum Delta_j = delta*G and sum S_j = delta*X.
 */
import { bytesToHex, equalBytes } from '@noble/curves/utils.js';
import { assertParties, type PartyIndex, REDACTED, SecretBytes } from '../engine/index.js';
import { bytesToBigint } from '../math/bytes.js';
import { modInverse } from '../math/modular.js';
import {
  CURVE_ORDER,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  mulSecret,
  Point,
} from '../zk/sch-group.js';
import { partyList, taggedDigest, u32 } from './presign-digest.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const TOKEN: unique symbol = Symbol('Presignature');
const ID_TAG = 'mpcium.ecdsa.presignature.id.v1';
/** Longest key id we bind (a wallet id or a derivation of it). */
export const MAX_KEY_ID_BYTES = 256;

/** The public commitments of one signer: Delta_j = k_j*Gamma and S_j = chi_j*Gamma. */
export interface PresignatureCommitment {
  readonly Delta: Point;
  readonly S: Point;
}

export interface PresignatureParts {
  /** The presigning session id (32 bytes). */
  readonly sessionId: Uint8Array;
  readonly keyId: Uint8Array;
  readonly keyVersion: number;
  /** X, 33-byte compressed. */
  readonly publicKey: Uint8Array;
  /** `ecdsaKeyFingerprint` of the key version the presignature was made with. */
  readonly keyFingerprint: Uint8Array;
  readonly party: PartyIndex;
  /** (Delta_j, S_j), compressed, for every signer; its keys are the signer set. */
  readonly commitments: ReadonlyMap<PartyIndex, { readonly Delta: Uint8Array; readonly S: Uint8Array }>;
  /** Gamma, 33-byte compressed. */
  readonly Gamma: Uint8Array;
  /** delta = k*gamma mod q, 32 bytes. */
  readonly delta: Uint8Array;
  /** k_i, 32 bytes (secret). */
  readonly k: Uint8Array;
  /** chi_i, 32 bytes (secret). */
  readonly chi: Uint8Array;
}

interface Slot {
  readonly k: SecretBytes;
  readonly chi: SecretBytes;
  spent: boolean;
}

const secrets = new WeakMap<Presignature, Slot>();

export class Presignature {
  /** Equal on every signer: digest of the binding, Gamma and delta. */
  readonly id: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly keyId: Uint8Array;
  readonly keyVersion: number;
  readonly publicKey: Uint8Array;
  readonly keyFingerprint: Uint8Array;
  readonly party: PartyIndex;
  readonly signers: readonly PartyIndex[];
  readonly Gamma: Point;
  readonly delta: bigint;
  /** R = delta^-1 * Gamma = k^-1 * G. Public: it follows from the broadcast Gamma and delta. */
  readonly R: Point;
  readonly #commitments: ReadonlyMap<PartyIndex, PresignatureCommitment>;

  /** Not for direct use: call `presignatureFromParts` or `parsePresignature`. */
  constructor(
    token: typeof TOKEN,
    parts: PresignatureParts,
    signers: readonly PartyIndex[],
    commitments: ReadonlyMap<PartyIndex, PresignatureCommitment>,
    Gamma: Point,
    delta: bigint,
  ) {
    if (token !== TOKEN) throw new TypeError('use presignatureFromParts');
    this.sessionId = Uint8Array.from(parts.sessionId);
    this.keyId = Uint8Array.from(parts.keyId);
    this.keyVersion = parts.keyVersion;
    this.publicKey = Uint8Array.from(parts.publicKey);
    this.keyFingerprint = Uint8Array.from(parts.keyFingerprint);
    this.party = parts.party;
    this.signers = signers;
    this.Gamma = Gamma;
    this.delta = delta;
    this.R = Gamma.multiplyUnsafe(modInverse(delta, CURVE_ORDER));
    this.#commitments = commitments;
    this.id = presignatureId(this);
    Object.freeze(this);
  }

  /** (Delta_j, S_j) of signer j. */
  commitment(party: PartyIndex): PresignatureCommitment {
    const c = this.#commitments.get(party);
    if (!c) throw new RangeError(`party ${party} is not a signer of this presignature`);
    return c;
  }

  /** True once the presignature has made a signature share or was discarded. */
  get spent(): boolean {
    return secrets.get(this)?.spent ?? true;
  }

  /** Destroys the secrets without using them (a refused or abandoned request). */
  discard(): void {
    const s = secrets.get(this);
    if (!s || s.spent) return;
    s.spent = true;
    s.k.wipe();
    s.chi.wipe();
  }

  toString(): string {
    const id = bytesToHex(this.id.subarray(0, 8));
    return `Presignature(${id}, party ${this.party}, signers ${this.signers.join(',')}, key version ${this.keyVersion}, ${this.spent ? 'spent' : REDACTED})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect](): string {
    return this.toString();
  }
}

function presignatureId(p: Presignature): Uint8Array {
  return taggedDigest(ID_TAG, [
    p.sessionId,
    p.keyId,
    u32(p.keyVersion),
    p.publicKey,
    p.keyFingerprint,
    partyList(p.signers),
    encodePoint(p.Gamma),
    encodeScalar(p.delta),
  ]);
}

function bytesOf(x: unknown, length: number, what: string): Uint8Array {
  if (!(x instanceof Uint8Array) || x.length !== length)
    throw new TypeError(`${what}: expected ${length} bytes`);
  return x;
}

function nonZeroScalar(bytes: Uint8Array, what: string): bigint {
  const s = decodeScalar(bytes, what);
  if (s === 0n) throw new RangeError(`${what}: zero`);
  return s;
}

/** Validates the parts and returns a live (unspent) presignature; throws on any inconsistency. */
export function presignatureFromParts(parts: PresignatureParts): Presignature {
  bytesOf(parts.sessionId, 32, 'presignature session id');
  if (
    !(parts.keyId instanceof Uint8Array) ||
    parts.keyId.length < 1 ||
    parts.keyId.length > MAX_KEY_ID_BYTES
  ) {
    throw new RangeError(`key id must be 1..${MAX_KEY_ID_BYTES} bytes`);
  }
  if (!Number.isInteger(parts.keyVersion) || parts.keyVersion < 0 || parts.keyVersion > 0xffffffff) {
    throw new RangeError('key version must be a u32');
  }
  bytesOf(parts.keyFingerprint, 32, 'key fingerprint');
  const X = decodePoint(parts.publicKey, 'presignature public key');
  const signers = assertParties([...parts.commitments.keys()], parts.party);
  const commitments = new Map<PartyIndex, PresignatureCommitment>();
  for (const j of signers) {
    const c = parts.commitments.get(j)!;
    commitments.set(
      j,
      Object.freeze({ Delta: decodePoint(c.Delta, `Delta_${j}`), S: decodePoint(c.S, `S_${j}`) }),
    );
  }
  const Gamma = decodePoint(parts.Gamma, 'Gamma');
  const delta = nonZeroScalar(parts.delta, 'delta');
  const k = nonZeroScalar(bytesOf(parts.k, 32, 'k_i'), 'k_i');
  const chi = nonZeroScalar(bytesOf(parts.chi, 32, 'chi_i'), 'chi_i');
  const own = commitments.get(parts.party)!;
  // Our own secrets against our own commitments (constant-time multiplication: k, chi secret).
  if (!mulSecret(Gamma, k).equals(own.Delta)) throw new RangeError('k_i does not match Delta_i');
  if (!mulSecret(Gamma, chi).equals(own.S)) throw new RangeError('chi_i does not match S_i');
  // Fig. 7 Output: delta*G = sum Delta_j; and the chi-commitments sum to delta*X (chi = k*x).
  let sumDelta = Point.ZERO;
  let sumS = Point.ZERO;
  for (const c of commitments.values()) {
    sumDelta = sumDelta.add(c.Delta);
    sumS = sumS.add(c.S);
  }
  if (!Point.BASE.multiplyUnsafe(delta).equals(sumDelta)) throw new RangeError('delta*G != sum Delta_j');
  if (!X.multiplyUnsafe(delta).equals(sumS)) throw new RangeError('sum S_j != delta*X');
  const p = new Presignature(TOKEN, parts, signers, commitments, Gamma, delta);
  secrets.set(p, { k: new SecretBytes(parts.k), chi: new SecretBytes(parts.chi), spent: false });
  return p;
}

/**
 * Consumes the presignature: marks it spent, then returns (k_i, chi_i) and wipes the stored copy.
 * Throws if it was already spent. Internal to ecdsa/: only signing calls it.
 */
export function spendPresignature(p: Presignature): { readonly k: bigint; readonly chi: bigint } {
  const s = secrets.get(p);
  if (!s || s.spent) throw new Error('presignature already used');
  // Mark first: even if anything below throws, it can never be handed out again.
  s.spent = true;
  const kb = s.k.expose();
  const cb = s.chi.expose();
  s.k.wipe();
  s.chi.wipe();
  const out = Object.freeze({ k: bytesToBigint(kb), chi: bytesToBigint(cb) });
  kb.fill(0);
  cb.fill(0);
  return out;
}

/** Copies of (k_i, chi_i) for the storage encoding, without spending. Throws once spent. */
export function presignatureSecretBytes(p: Presignature): {
  readonly k: Uint8Array;
  readonly chi: Uint8Array;
} {
  const s = secrets.get(p);
  if (!s || s.spent) throw new Error('presignature already used');
  return { k: s.k.expose(), chi: s.chi.expose() };
}

/** True when both presignatures have the same id (the same presigning output). */
export function samePresignature(a: Presignature, b: Presignature): boolean {
  return equalBytes(a.id, b.id) && a.party === b.party;
}
