import { create } from '@bufbuild/protobuf';
import { type SignedInteger, SignedIntegerSchema } from '@mpcium/proto';

/**
 * Canonical wire form of proof integers (CRYPTO.md "Fiat-Shamir": one encoding per value).
 * Decoding rejects leading zero bytes, negative zero and magnitudes longer than `maxBytes`,
 * so a malicious peer cannot make the verifier parse huge numbers.
 */
export function toSignedInteger(x: bigint): SignedInteger {
  const negative = x < 0n;
  let mag = negative ? -x : x;
  const bytes: number[] = [];
  while (mag > 0n) {
    bytes.push(Number(mag & 0xffn));
    mag >>= 8n;
  }
  return create(SignedIntegerSchema, { negative, magnitude: Uint8Array.from(bytes.reverse()) });
}

export function fromSignedInteger(v: SignedInteger | undefined, maxBytes: number, what: string): bigint {
  if (!v) throw new RangeError(`${what}: missing integer`);
  const m = v.magnitude;
  if (m.length > maxBytes) throw new RangeError(`${what}: integer longer than ${maxBytes} bytes`);
  if (m.length > 0 && m[0] === 0) throw new RangeError(`${what}: non-canonical integer (leading zero)`);
  if (m.length === 0 && v.negative) throw new RangeError(`${what}: negative zero`);
  let x = 0n;
  for (const b of m) x = (x << 8n) | BigInt(b);
  return v.negative ? -x : x;
}

/** A non-negative integer that must lie in [0, bound). */
export function fromUnsignedInteger(v: SignedInteger | undefined, bound: bigint, what: string): bigint {
  const x = fromSignedInteger(v, Math.ceil(bound.toString(2).length / 8), what);
  if (x < 0n || x >= bound) throw new RangeError(`${what}: out of range`);
  return x;
}
