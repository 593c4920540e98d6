/**
 * A FROST key share (RFC 9591 section 4's KeyPackage plus the group's PublicKeyPackage). It is
 * validated once, on construction, and the class is the brand: rounds and stores accept only a
 * `FrostKeyShare`, and the only ways to get one are `parseFrostKeyShare` and
 * `frostKeyShareFromParts`, both of which run every check below (STYLE.md rule 9).
 */
import { create } from '@bufbuild/protobuf';
import { FrostKeyShareSchema, FrostPublicKeyPackageSchema, FrostVerifyingShareSchema } from '@mpcium/proto';
import type { FrostPublic, FrostSecret } from '@noble/curves/abstract/frost.js';
import { equalBytes } from '@noble/curves/utils.js';
import { assertParties, assertThreshold, type PartyIndex, REDACTED, SecretBytes } from '../engine/index.js';
import { FROST_SUITES, type FrostSuite, frostIdentifier, frostSuiteFromProto } from './suite.js';
import { evaluateCommitment } from './vss.js';
import { decodeCanonical, encodeMessage } from './wire.js';

/** The raw parts of a key share, as produced by DKG or read from storage. */
export interface FrostKeyShareParts {
  readonly suite: FrostSuite;
  readonly party: PartyIndex;
  readonly threshold: number;
  /** Group VSS commitment (threshold serialized elements); commitments[0] is the group key. */
  readonly commitments: readonly Uint8Array[];
  /** Y_j = s_j * G for every participant j. Its keys are the participant list. */
  readonly verifyingShares: ReadonlyMap<PartyIndex, Uint8Array>;
  /** s_i, the secret signing share (SerializeScalar). */
  readonly signingShare: Uint8Array;
}

const TOKEN: unique symbol = Symbol('FrostKeyShare');
const inspect = Symbol.for('nodejs.util.inspect.custom');

export class FrostKeyShare {
  readonly suite: FrostSuite;
  readonly party: PartyIndex;
  readonly threshold: number;
  /** Every participant of the key, ascending. */
  readonly parties: readonly PartyIndex[];
  readonly signingShare: SecretBytes;
  readonly #commitments: readonly Uint8Array[];
  readonly #verifyingShares: ReadonlyMap<PartyIndex, Uint8Array>;
  readonly #publicKey: Uint8Array;

  /** Not for direct use: call `parseFrostKeyShare` or `frostKeyShareFromParts`. */
  constructor(token: typeof TOKEN, parts: FrostKeyShareParts, parties: readonly PartyIndex[]) {
    if (token !== TOKEN) throw new TypeError('use parseFrostKeyShare or frostKeyShareFromParts');
    this.suite = parts.suite;
    this.party = parts.party;
    this.threshold = parts.threshold;
    this.parties = parties;
    this.signingShare = new SecretBytes(parts.signingShare);
    this.#commitments = Object.freeze(parts.commitments.map((c) => Uint8Array.from(c)));
    this.#verifyingShares = new Map(parties.map((p) => [p, Uint8Array.from(parts.verifyingShares.get(p)!)]));
    this.#publicKey = parts.suite.publicKey(parts.commitments[0]!);
    Object.freeze(this);
  }

  /** The group public key as a serialized element: 32-byte Ed25519, or 33-byte compressed secp256k1. */
  get groupKey(): Uint8Array {
    return Uint8Array.from(this.#commitments[0]!);
  }

  /**
   * The group public key in the chain's format: Ed25519 (32 bytes) or BIP-340 x-only (32 bytes).
   * For a Taproot key made by our DKG this is already the BIP-341 output key (noble, like
   * frost-secp256k1-tr, tweaks the DKG result with an empty merkle root): it is the witness
   * program itself and must not be tweaked again.
   */
  get publicKey(): Uint8Array {
    return Uint8Array.from(this.#publicKey);
  }

  /** The group VSS commitment (copies). */
  get commitments(): Uint8Array[] {
    return this.#commitments.map((c) => Uint8Array.from(c));
  }

  /** Y_j for participant j (a copy). */
  verifyingShare(party: PartyIndex): Uint8Array {
    const y = this.#verifyingShares.get(party);
    if (!y) throw new RangeError(`party ${party} is not a participant of this key`);
    return Uint8Array.from(y);
  }

  toString(): string {
    return `FrostKeyShare(${this.suite.name}, party ${this.party}, ${this.threshold}-of-${this.parties.length}, signingShare=${REDACTED})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect](): string {
    return this.toString();
  }
}

/**
 * Runs every check on the parts and returns the participant list:
 * participants distinct and non-zero (CRYPTO.md item 9), threshold rule, commitment vector of
 * exactly `threshold` non-identity elements (item 10), each Y_j equal to the commitment
 * polynomial at j (RFC 9591 appendix C.2), and s_i consistent with it (noble validateSecret).
 */
function validate(parts: FrostKeyShareParts): readonly PartyIndex[] {
  const { suite, party, threshold } = parts;
  if (!FROST_SUITES.includes(suite)) throw new TypeError('unknown FROST suite');
  const parties = assertParties([...parts.verifyingShares.keys()], party);
  assertThreshold(threshold, parties.length);
  if (parts.commitments.length !== threshold) {
    throw new RangeError(`commitment vector has ${parts.commitments.length} entries, expected ${threshold}`);
  }
  const commitment = parts.commitments.map((c, k) => suite.decodeElement(c, `commitments[${k}]`));
  suite.decodeScalar(parts.signingShare, 'signing share');
  for (const j of parties) {
    const y = suite.decodeElement(parts.verifyingShares.get(j)!, `verifying share of party ${j}`);
    if (!y.equals(evaluateCommitment(suite, commitment, BigInt(j)))) {
      throw new RangeError(`verifying share of party ${j} is inconsistent with the group commitment`);
    }
  }
  const secret = {
    identifier: frostIdentifier(suite, party),
    signingShare: Uint8Array.from(parts.signingShare),
  };
  const pub: FrostPublic = {
    signers: { min: threshold, max: parties.length },
    commitments: parts.commitments.map((c) => Uint8Array.from(c)),
    verifyingShares: Object.fromEntries(
      parties.map((p) => [frostIdentifier(suite, p), Uint8Array.from(parts.verifyingShares.get(p)!)]),
    ),
  };
  try {
    suite.frost.validateSecret(secret, pub);
  } catch {
    throw new RangeError('signing share is inconsistent with the group commitment');
  } finally {
    secret.signingShare.fill(0);
  }
  return parties;
}

/** Validates the parts and returns a branded key share; throws on any inconsistency. */
export function frostKeyShareFromParts(parts: FrostKeyShareParts): FrostKeyShare {
  return new FrostKeyShare(TOKEN, parts, validate(parts));
}

/** The public half of the key share in noble's shape. Internal to frost/. */
export function noblePublic(share: FrostKeyShare): FrostPublic {
  const { suite, threshold, parties } = share;
  return {
    signers: { min: threshold, max: parties.length },
    commitments: share.commitments.map((c) => Uint8Array.from(c)),
    verifyingShares: Object.fromEntries(
      parties.map((p) => [frostIdentifier(suite, p), Uint8Array.from(share.verifyingShare(p))]),
    ),
  };
}

/** The key share in noble's shapes, including a fresh copy of the secret the caller must wipe. */
export function nobleKey(share: FrostKeyShare): { secret: FrostSecret; public: FrostPublic } {
  return {
    secret: {
      identifier: frostIdentifier(share.suite, share.party),
      // expose() returns a fresh ArrayBuffer-backed copy.
      signingShare: share.signingShare.expose() as Uint8Array<ArrayBuffer>,
    },
    public: noblePublic(share),
  };
}

/** Decodes a stored `mpcium.v1.FrostKeyShare` and validates it; throws on any problem. */
export function parseFrostKeyShare(bytes: Uint8Array): FrostKeyShare {
  const m = decodeCanonical(FrostKeyShareSchema, bytes, 'FrostKeyShare');
  const pub = m.public;
  if (!pub) throw new TypeError('FrostKeyShare: missing public key package');
  const suite = frostSuiteFromProto(pub.suite);
  if (pub.parties !== pub.verifyingShares.length) {
    throw new RangeError(
      `FrostKeyShare: ${pub.verifyingShares.length} verifying shares for ${pub.parties} parties`,
    );
  }
  const verifyingShares = new Map<PartyIndex, Uint8Array>();
  let previous = 0;
  for (const v of pub.verifyingShares) {
    // Ascending order makes the encoding canonical and rules out duplicates.
    if (v.party <= previous)
      throw new RangeError('FrostKeyShare: verifying shares not in ascending party order');
    previous = v.party;
    verifyingShares.set(v.party, Uint8Array.from(v.point));
  }
  const share = frostKeyShareFromParts({
    suite,
    party: m.party,
    threshold: pub.threshold,
    commitments: pub.commitments.map((c) => Uint8Array.from(c)),
    verifyingShares,
    signingShare: m.signingShare,
  });
  return share;
}

/** Serialises a key share as `mpcium.v1.FrostKeyShare`. The output contains the secret share. */
export function encodeFrostKeyShare(share: FrostKeyShare): Uint8Array {
  const signingShare = share.signingShare.expose();
  const bytes = encodeMessage(
    FrostKeyShareSchema,
    create(FrostKeyShareSchema, {
      party: share.party,
      signingShare,
      public: create(FrostPublicKeyPackageSchema, {
        suite: share.suite.proto,
        threshold: share.threshold,
        parties: share.parties.length,
        commitments: share.commitments,
        verifyingShares: share.parties.map((p) =>
          create(FrostVerifyingShareSchema, { party: p, point: share.verifyingShare(p) }),
        ),
      }),
    }),
  );
  signingShare.fill(0);
  return bytes;
}

/** True when two key shares belong to the same group key (same suite and group commitment). */
export function sameGroupKey(a: FrostKeyShare, b: FrostKeyShare): boolean {
  return a.suite === b.suite && equalBytes(a.groupKey, b.groupKey);
}
