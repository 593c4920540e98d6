/**
 * Signing nonces (RFC 9591 section 5.1, `commit`): a hedged pair (d_i, e_i) with its public
 * commitment (D_i, E_i). A `FrostNonce` is single-use by construction (STYLE.md rule 8): the
 * secret pair is reachable only through `spendNonce`, which wipes it, so a second use throws.
 */
import { create } from '@bufbuild/protobuf';
import { FrostNonceCommitmentSchema, FrostNonceRecordSchema } from '@mpcium/proto';
import { bytesToHex, equalBytes } from '@noble/curves/utils.js';
import type { PartyIndex, Rng } from '../engine/index.js';
import { REDACTED, SecretBytes } from '../engine/index.js';
import { type FrostKeyShare, nobleKey } from './key-share.js';
import type { FrostSuite } from './suite.js';
import { decodeCanonical, encodeMessage } from './wire.js';

/** A signer's public nonce commitment (D_i, E_i) = (d_i G, e_i G). */
export interface FrostCommitment {
  readonly party: PartyIndex;
  readonly hiding: Uint8Array;
  readonly binding: Uint8Array;
}

/** Validates a commitment: a real party index and two valid non-identity elements. */
export function checkCommitment(suite: FrostSuite, c: FrostCommitment, what: string): void {
  if (!Number.isSafeInteger(c.party) || c.party < 1 || c.party > 0xffff) {
    throw new RangeError(`${what}: invalid party index ${c.party}`);
  }
  suite.decodeElement(c.hiding, `${what}.hiding`);
  suite.decodeElement(c.binding, `${what}.binding`);
}

export function sameCommitment(a: FrostCommitment, b: FrostCommitment): boolean {
  return a.party === b.party && equalBytes(a.hiding, b.hiding) && equalBytes(a.binding, b.binding);
}

/** A stable map key for a commitment. */
export function commitmentId(c: FrostCommitment): string {
  return `${c.party}:${bytesToHex(c.hiding)}:${bytesToHex(c.binding)}`;
}

interface NonceSecret {
  readonly hiding: SecretBytes;
  readonly binding: SecretBytes;
  spent: boolean;
}

/** Secrets live outside the object, reachable only from this module. */
const secrets = new WeakMap<FrostNonce, NonceSecret>();
const TOKEN: unique symbol = Symbol('FrostNonce');
const inspect = Symbol.for('nodejs.util.inspect.custom');

export class FrostNonce {
  readonly suite: FrostSuite;
  readonly party: PartyIndex;
  /** The group key (serialized element) this nonce was generated for. */
  readonly groupKey: Uint8Array;
  readonly commitment: FrostCommitment;

  /** Not for direct use: call `generateFrostNonce` or use a `FrostNoncePool`. */
  constructor(token: typeof TOKEN, share: FrostKeyShare, commitment: FrostCommitment) {
    if (token !== TOKEN) throw new TypeError('use generateFrostNonce');
    this.suite = share.suite;
    this.party = share.party;
    this.groupKey = share.groupKey;
    this.commitment = Object.freeze({
      party: commitment.party,
      hiding: Uint8Array.from(commitment.hiding),
      binding: Uint8Array.from(commitment.binding),
    });
    Object.freeze(this);
  }

  /** True once the nonce has produced a signature share (or was otherwise consumed). */
  get spent(): boolean {
    return secrets.get(this)?.spent ?? true;
  }

  toString(): string {
    return `FrostNonce(${this.suite.name}, party ${this.party}, ${this.spent ? 'spent' : REDACTED})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect](): string {
    return this.toString();
  }
}

/**
 * RFC 9591 section 5.1 `commit`: d_i = nonce_generate(s_i), e_i = nonce_generate(s_i), where
 * nonce_generate hashes 32 bytes from `rng` with the signing share (H3), so a weak `rng` alone
 * does not expose the share. Returns a fresh single-use nonce.
 */
export function generateFrostNonce(share: FrostKeyShare, rng: Rng): FrostNonce {
  const { secret } = nobleKey(share);
  const { nonces, commitments } = share.suite.frost.commit(secret, rng);
  secret.signingShare.fill(0);
  // D_i = d_i G and E_i = e_i G: subgroup members by construction.
  share.suite.noteOwnElement(commitments.hiding);
  share.suite.noteOwnElement(commitments.binding);
  const nonce = new FrostNonce(TOKEN, share, {
    party: share.party,
    hiding: commitments.hiding,
    binding: commitments.binding,
  });
  secrets.set(nonce, {
    hiding: new SecretBytes(nonces.hiding),
    binding: new SecretBytes(nonces.binding),
    spent: false,
  });
  nonces.hiding.fill(0);
  nonces.binding.fill(0);
  return nonce;
}

/**
 * Consumes the nonce for `share`: returns (d_i, e_i) as fresh byte arrays and wipes the stored
 * copy. Throws if the nonce was already spent or belongs to another key or party. Internal to
 * frost/: only the signature-share computation calls it, and it wipes what it gets.
 */
export function spendNonce(
  nonce: FrostNonce,
  share: FrostKeyShare,
): { hiding: Uint8Array; binding: Uint8Array } {
  const s = secrets.get(nonce);
  if (!s || s.spent) throw new Error('FROST nonce already used');
  if (
    nonce.suite !== share.suite ||
    nonce.party !== share.party ||
    !equalBytes(nonce.groupKey, share.groupKey)
  ) {
    throw new Error('FROST nonce belongs to another key share');
  }
  // Mark first: even if anything below throws, the nonce can never be handed out again.
  s.spent = true;
  const out = { hiding: s.hiding.expose(), binding: s.binding.expose() };
  s.hiding.wipe();
  s.binding.wipe();
  return out;
}

/** Destroys an unused nonce (for example when a session is refused before signing). */
export function discardNonce(nonce: FrostNonce): void {
  const s = secrets.get(nonce);
  if (!s || s.spent) return;
  s.spent = true;
  s.hiding.wipe();
  s.binding.wipe();
}

/**
 * Moves a nonce into bytes for the keystore's pool (FrostNonceRecord): the in-memory nonce is
 * destroyed, so the pair exists once, in the record, and can only be used after the keystore
 * hands that record out (once). The bytes hold secrets: store them encrypted, never log them.
 */
export function encodeFrostNonce(nonce: FrostNonce): Uint8Array {
  const s = secrets.get(nonce);
  if (!s || s.spent) throw new Error('FROST nonce already used');
  s.spent = true;
  const hiding = s.hiding.expose();
  const binding = s.binding.expose();
  s.hiding.wipe();
  s.binding.wipe();
  const bytes = encodeMessage(
    FrostNonceRecordSchema,
    create(FrostNonceRecordSchema, {
      suite: nonce.suite.proto,
      party: nonce.party,
      groupKey: nonce.groupKey,
      hidingNonce: hiding,
      bindingNonce: binding,
      commitment: create(FrostNonceCommitmentSchema, nonce.commitment),
    }),
  );
  hiding.fill(0);
  binding.fill(0);
  return bytes;
}

/**
 * A pooled nonce back from the keystore, for `share`: it must belong to the same suite, party
 * and group key, and (d G, e G) must equal the stored commitment, so a record swapped or altered
 * at rest is refused instead of producing a share under another commitment.
 */
export function parseFrostNonce(bytes: Uint8Array, share: FrostKeyShare): FrostNonce {
  const r = decodeCanonical(FrostNonceRecordSchema, bytes, 'FROST nonce record');
  const suite = share.suite;
  if (r.suite !== suite.proto || r.party !== share.party || !equalBytes(r.groupKey, share.groupKey))
    throw new RangeError('FROST nonce record belongs to another key share');
  const d = suite.decodeScalar(r.hidingNonce, 'FROST nonce record hiding nonce');
  const e = suite.decodeScalar(r.bindingNonce, 'FROST nonce record binding nonce');
  const c = r.commitment;
  if (
    d === 0n ||
    e === 0n ||
    !c ||
    c.party !== share.party ||
    !equalBytes(suite.base.multiply(d).toBytes(), c.hiding) ||
    !equalBytes(suite.base.multiply(e).toBytes(), c.binding)
  )
    throw new RangeError('FROST nonce record does not match its commitment');
  suite.noteOwnElement(c.hiding);
  suite.noteOwnElement(c.binding);
  const nonce = new FrostNonce(TOKEN, share, { party: c.party, hiding: c.hiding, binding: c.binding });
  secrets.set(nonce, {
    hiding: new SecretBytes(r.hidingNonce),
    binding: new SecretBytes(r.bindingNonce),
    spent: false,
  });
  r.hidingNonce.fill(0);
  r.bindingNonce.fill(0);
  return nonce;
}
