import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { type Operation, OperationSchema } from '@mpcium/proto';
import { DIGEST_BYTES } from './port.js';

/** A stored record: the request digest, then the encoded operation. */
export function encodeRecord(digest: Uint8Array, op: Operation): Buffer {
  return Buffer.concat([digest, toBinary(OperationSchema, op)]);
}

export function decodeRecord(bytes: Uint8Array): { digest: Uint8Array; operation: Operation } {
  if (bytes.length < DIGEST_BYTES) throw new Error('corrupt operation record');
  return {
    digest: Uint8Array.from(bytes.subarray(0, DIGEST_BYTES)),
    operation: fromBinary(OperationSchema, bytes.subarray(DIGEST_BYTES)),
  };
}
