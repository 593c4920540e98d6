/**
 * FROST(Ed25519, SHA-512) exactly as noble's `ed25519_FROST` (RFC 9591 section 6.1: same
 * context string, hash and undecorated H2), built over a point class whose prime-order-subgroup
 * check is memoised per encoding. RFC 9591 section 3.1 requires DeserializeElement to reject
 * points outside the subgroup; noble's FROST re-parses every commitment, verifying share and
 * the group key in each call, and each check is a full multiplication by L (about 0.7 ms).
 * Whether an encoding decodes to a torsion-free point never changes, so the answer is cached
 * by the encoding in a bounded LRU map: the check still runs once for every new point. The
 * decoded points are cached the same way (a point is immutable; decompression is a square root).
 */
import { createFROST } from '@noble/curves/abstract/frost.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { LruMap } from '../math/lru.js';

const BasePoint = ed25519.Point;
type BasePoint = InstanceType<typeof BasePoint>;

const encodings = new WeakMap<object, string>();
const torsionFree = new LruMap<string, boolean>(8192);
/** Decoded points by encoding: decompression (a square root) costs about 0.25 ms each. */
const decoded = new LruMap<string, MemoPoint>(8192);

export class MemoPoint extends BasePoint {
  /** Noble's multi-scalar multiplication checks `instanceof`; every Ed25519 point qualifies. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof BasePoint;
  }

  /** Points are immutable, so one decoded instance per encoding is shared. */
  static override fromBytes(bytes: Uint8Array, zip215?: boolean): MemoPoint {
    const key = `${zip215 ? 'z' : 's'}${bytesToHex(bytes)}`;
    const known = decoded.get(key);
    if (known) return known;
    const p: BasePoint = BasePoint.fromBytes(bytes, zip215);
    const m = new MemoPoint(p.X, p.Y, p.Z, p.T);
    encodings.set(m, key);
    decoded.set(key, m);
    return m;
  }

  override isTorsionFree(): boolean {
    const key = encodings.get(this);
    if (key === undefined) return super.isTorsionFree();
    let known = torsionFree.get(key);
    if (known === undefined) {
      known = super.isTorsionFree();
      torsionFree.set(key, known);
    }
    return known;
  }
}

/**
 * Records that an encoding we computed ourselves as a multiple of the base point (our own nonce
 * commitments) is in the prime-order subgroup, so noble's re-parsing skips the multiplication
 * by L for it. Never call this for bytes that came from anyone else.
 */
export function noteOwnSubgroupElement(bytes: Uint8Array): void {
  torsionFree.set(`s${bytesToHex(bytes)}`, true);
}

export const ed25519Frost = createFROST({
  name: 'FROST-ED25519-SHA512-v1',
  Point: MemoPoint,
  validatePoint: (p: BasePoint) => {
    p.assertValidity();
    if (!p.isTorsionFree()) throw new Error('bad point: not torsion-free');
  },
  hash: sha512,
  H2: '',
});
