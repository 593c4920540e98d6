/**
 * Protobuf decoding for FROST wire messages. Every message is parsed strictly: malformed bytes,
 * unknown fields and non-canonical encodings are rejected, so that two honest parties never
 * disagree about what a byte string means (reliable broadcast compares bytes).
 */
import { type DescMessage, fromBinary, type MessageShape, toBinary } from '@bufbuild/protobuf';
import { equalBytes } from '@noble/curves/utils.js';

/** Largest FROST message we accept; the biggest (a DKG commitment vector) stays far below. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export function decodeCanonical<Desc extends DescMessage>(
  schema: Desc,
  bytes: Uint8Array,
  what: string,
): MessageShape<Desc> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${what}: expected bytes`);
  if (bytes.length > MAX_MESSAGE_BYTES) throw new RangeError(`${what}: message too large`);
  let message: MessageShape<Desc>;
  try {
    message = fromBinary(schema, bytes, { readUnknownFields: false });
  } catch {
    throw new TypeError(`${what}: malformed protobuf`);
  }
  if (!equalBytes(toBinary(schema, message), bytes)) {
    throw new TypeError(`${what}: non-canonical encoding or unknown fields`);
  }
  return message;
}

/** Encodes with protobuf-es (canonical by construction). */
export function encodeMessage<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
): Uint8Array {
  return toBinary(schema, message);
}
