/**
 * A threshold ECDSA key share on secp256k1 (CGGMP ePrint 2021/060 Fig. 5/6 with Feldman VSS of
 * degree threshold-1, cggmp21 "threshold key generation"): our Shamir share x_i of the secret key
 * x, the public key X = x*G and every party's public share X_j = x_j*G. Validated once on
 * construction: x_i*G = X_i, every X_j lies on one polynomial of degree threshold-1 whose value
 * at 0 is X (checked by Lagrange interpolation), no identity points, threshold rule.
 */
import { assertParties, assertThreshold, type PartyIndex, REDACTED, SecretBytes } from '../engine/index.js';
import { CURVE_ORDER, decodePoint, encodePoint, Point } from '../zk/sch-group.js';
import { lagrangeAt } from './lagrange.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const TOKEN: unique symbol = Symbol('EcdsaKeyShare');

export interface EcdsaKeyShareParts {
  readonly party: PartyIndex;
  readonly threshold: number;
  /** X_j for every participant j (33-byte compressed); its keys are the participant list. */
  readonly publicShares: ReadonlyMap<PartyIndex, Uint8Array>;
  /** X (33-byte compressed). */
  readonly publicKey: Uint8Array;
  /** x_i, 32 bytes big-endian, in [1, q). */
  readonly secretShare: Uint8Array;
}

export class EcdsaKeyShare {
  readonly party: PartyIndex;
  readonly threshold: number;
  readonly parties: readonly PartyIndex[];
  readonly secretShare: SecretBytes;
  readonly #publicKey: Point;
  readonly #publicShares: ReadonlyMap<PartyIndex, Point>;

  /** Not for direct use: call `ecdsaKeyShareFromParts`. */
  constructor(
    token: typeof TOKEN,
    parts: EcdsaKeyShareParts,
    parties: readonly PartyIndex[],
    X: Point,
    shares: Map<PartyIndex, Point>,
  ) {
    if (token !== TOKEN) throw new TypeError('use ecdsaKeyShareFromParts');
    this.party = parts.party;
    this.threshold = parts.threshold;
    this.parties = parties;
    this.secretShare = new SecretBytes(parts.secretShare);
    this.#publicKey = X;
    this.#publicShares = shares;
    Object.freeze(this);
  }

  /** X = x*G. */
  get publicKeyPoint(): Point {
    return this.#publicKey;
  }

  /** X, 33-byte compressed. */
  get publicKey(): Uint8Array {
    return encodePoint(this.#publicKey);
  }

  /** X_j = x_j*G. */
  publicShare(party: PartyIndex): Point {
    const p = this.#publicShares.get(party);
    if (!p) throw new RangeError(`party ${party} is not a participant of this key`);
    return p;
  }

  /** x_i as a scalar (secret; callers must not log it). */
  secretScalar(): bigint {
    const b = this.secretShare.expose();
    let x = 0n;
    for (const byte of b) x = (x << 8n) | BigInt(byte);
    b.fill(0);
    return x;
  }

  toString(): string {
    return `EcdsaKeyShare(party ${this.party}, ${this.threshold}-of-${this.parties.length}, secretShare=${REDACTED})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect](): string {
    return this.toString();
  }
}

/** Validates the parts and returns a branded key share; throws on any inconsistency. */
export function ecdsaKeyShareFromParts(parts: EcdsaKeyShareParts): EcdsaKeyShare {
  const parties = assertParties([...parts.publicShares.keys()], parts.party);
  assertThreshold(parts.threshold, parties.length);
  const X = decodePoint(parts.publicKey, 'public key');
  const shares = new Map<PartyIndex, Point>();
  for (const p of parties)
    shares.set(p, decodePoint(parts.publicShares.get(p)!, `public share of party ${p}`));
  if (parts.secretShare.length !== 32) throw new RangeError('secret share must be 32 bytes');
  let x = 0n;
  for (const byte of parts.secretShare) x = (x << 8n) | BigInt(byte);
  if (x === 0n || x >= CURVE_ORDER) throw new RangeError('secret share out of range');
  if (!Point.BASE.multiply(x).equals(shares.get(parts.party)!)) {
    throw new RangeError('secret share does not match our public share');
  }
  // Every public share on one polynomial of degree t-1 through X: interpolate from the first t.
  const basis = parties.slice(0, parts.threshold);
  const at = (x0: bigint) =>
    basis.reduce((acc, j) => acc.add(shares.get(j)!.multiplyUnsafe(lagrangeAt(basis, j, x0))), Point.ZERO);
  if (!at(0n).equals(X)) throw new RangeError('public shares do not interpolate to the public key');
  for (const p of parties.slice(parts.threshold)) {
    if (!at(BigInt(p)).equals(shares.get(p)!)) {
      throw new RangeError(
        `public share of party ${p} is not on the degree-${parts.threshold - 1} polynomial`,
      );
    }
  }
  return new EcdsaKeyShare(TOKEN, parts, parties, X, shares);
}
