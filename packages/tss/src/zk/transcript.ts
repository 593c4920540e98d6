import { shake256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PartyIndex } from '../engine/types.js';

/**
 * Fiat-Shamir transcript (CRYPTO.md "Fiat-Shamir"): every absorbed field is typed and
 * length-prefixed, so two different statements never encode to the same bytes (the TSSHOCK
 * ambiguity). The first fields are always the domain tag, the session id and the prover.
 * Challenges are squeezed from SHAKE256 over the whole encoding, with 128 extra bits before
 * any modular reduction so the bias is negligible.
 */
enum Kind {
  Tag = 1,
  Bytes = 2,
  Int = 3,
  U32 = 4,
  Party = 5,
  Challenge = 6,
}

export interface ProofContext {
  /** Session identifier; it absorbs the protocol, participants, threshold, rid and aux info. */
  readonly sessionId: Uint8Array;
  /** The prover's party index. */
  readonly prover: PartyIndex;
}

export class Transcript {
  readonly #chunks: Uint8Array[] = [];
  #squeezed = 0;

  private constructor() {}

  /** Starts a transcript bound to a domain tag such as `mpcium.zk.mod.v1`, a session and a prover. */
  static start(tag: string, ctx: ProofContext): Transcript {
    const t = new Transcript();
    t.#field(Kind.Tag, 'tag', utf8ToBytes(tag));
    t.#field(Kind.Bytes, 'session', ctx.sessionId);
    t.#field(Kind.Party, 'prover', u32(ctx.prover));
    return t;
  }

  bytes(label: string, value: Uint8Array): this {
    this.#field(Kind.Bytes, label, value);
    return this;
  }

  /** A signed integer: sign byte then big-endian magnitude. */
  int(label: string, value: bigint): this {
    const neg = value < 0n;
    const mag = neg ? -value : value;
    const hex = mag === 0n ? '' : mag.toString(16);
    const b = new Uint8Array(1 + Math.ceil(hex.length / 2));
    b[0] = neg ? 1 : 0;
    const padded = hex.length % 2 ? `0${hex}` : hex;
    for (let i = 0; i < padded.length / 2; i++)
      b[1 + i] = Number.parseInt(padded.slice(2 * i, 2 * i + 2), 16);
    this.#field(Kind.Int, label, b);
    return this;
  }

  ints(label: string, values: readonly bigint[]): this {
    this.u32(`${label}.len`, values.length);
    for (const [i, v] of values.entries()) this.int(`${label}[${i}]`, v);
    return this;
  }

  u32(label: string, value: number): this {
    this.#field(Kind.U32, label, u32(value));
    return this;
  }

  /** `count` bytes of challenge output; each call continues the stream with a fresh label. */
  challengeBytes(label: string, count: number): Uint8Array {
    const input = this.#encode(Kind.Challenge, label, u32(this.#squeezed++));
    return shake256(input, { dkLen: count });
  }

  /** A challenge uniform (up to 2^-128) in [0, modulus). */
  challengeBelow(label: string, modulus: bigint): bigint {
    if (modulus <= 1n) throw new RangeError('challenge modulus must exceed 1');
    const len = Math.ceil(modulus.toString(2).length / 8) + 16;
    return toBigint(this.challengeBytes(label, len)) % modulus;
  }

  /** A challenge uniform (up to 2^-128) in [-modulus, modulus] (CGGMP's e in ±q). */
  challengeSigned(label: string, modulus: bigint): bigint {
    return this.challengeBelow(label, 2n * modulus + 1n) - modulus;
  }

  /** `count` challenge bits (Πmod, Πprm: one bit per repetition). */
  challengeBits(label: string, count: number): boolean[] {
    const b = this.challengeBytes(label, Math.ceil(count / 8));
    return Array.from({ length: count }, (_, i) => ((b[i >> 3]! >> (i & 7)) & 1) === 1);
  }

  #field(kind: Kind, label: string, value: Uint8Array): void {
    if (this.#squeezed > 0) throw new Error('transcript: absorb after squeeze');
    this.#chunks.push(encodeField(kind, label, value));
  }

  #encode(kind: Kind, label: string, value: Uint8Array): Uint8Array {
    const tail = encodeField(kind, label, value);
    const total = this.#chunks.reduce((n, c) => n + c.length, tail.length);
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of this.#chunks) {
      out.set(c, off);
      off += c.length;
    }
    out.set(tail, off);
    return out;
  }

  /** The absorbed encoding so far (for tests of unambiguity). */
  encoding(): Uint8Array {
    return this.#encode(Kind.Tag, '', new Uint8Array());
  }
}

function encodeField(kind: Kind, label: string, value: Uint8Array): Uint8Array {
  const l = utf8ToBytes(label);
  const out = new Uint8Array(1 + 4 + l.length + 4 + value.length);
  out[0] = kind;
  out.set(u32(l.length), 1);
  out.set(l, 5);
  out.set(u32(value.length), 5 + l.length);
  out.set(value, 9 + l.length);
  return out;
}

function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a u32: ${n}`);
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function toBigint(b: Uint8Array): bigint {
  let x = 0n;
  for (const byte of b) x = (x << 8n) | BigInt(byte);
  return x;
}
