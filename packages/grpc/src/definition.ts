import {
  type DescMessage,
  type DescMethod,
  type DescService,
  fromBinary,
  type MessageShape,
  toBinary,
} from '@bufbuild/protobuf';
import { type MethodDefinition, type ServiceDefinition, status } from '@grpc/grpc-js';
import { GrpcError } from './errors.js';

/** grpc-js's default, and ours: 4 MiB. */
export const DEFAULT_MAX_RECEIVE_MESSAGE_BYTES = 4 * 1024 * 1024;

/** The HTTP/2 path of a method: `/mpcium.v1.WalletService/Sign`. */
export function methodPath(method: DescMethod): string {
  return `/${method.parent.typeName}/${method.name}`;
}

export function isRequestStream(method: DescMethod): boolean {
  return method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming';
}

export function isResponseStream(method: DescMethod): boolean {
  return method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming';
}

/** Encodes without copying: grpc-js wants a Buffer, protobuf-es gives a Uint8Array. */
export function encode<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): Buffer {
  const bytes = toBinary(schema, message);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decodes strictly: truncated or malformed wire data and invalid UTF-8 in proto3 strings throw
 * (protobuf-es's own checks); unknown fields are skipped, not kept, so they can never be echoed
 * back by a handler that returns part of its request. The bytes are copied first, so `bytes`
 * fields are plain Uint8Arrays that share no memory with grpc-js's (possibly pooled) Buffers.
 */
export function decode<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array): MessageShape<Desc> {
  return fromBinary(schema, new Uint8Array(bytes), { readUnknownFields: false });
}

/**
 * A request the bridge refused before any handler saw it. The server-side deserializer returns
 * one instead of throwing, because grpc-js turns a throwing deserializer into INTERNAL; the
 * handler wrapper turns it into its own status.
 */
export class RejectedRequest {
  constructor(readonly error: GrpcError) {}
}

/** A deserializer that returns a RejectedRequest for oversized or malformed bytes. */
export function guardedDecoder<Desc extends DescMessage>(
  schema: Desc,
  maxBytes: number,
): (bytes: Buffer) => MessageShape<Desc> | RejectedRequest {
  return (bytes) => {
    if (bytes.byteLength > maxBytes) {
      return new RejectedRequest(
        new GrpcError(
          status.RESOURCE_EXHAUSTED,
          `request message larger than max (${bytes.byteLength} vs. ${maxBytes})`,
        ),
      );
    }
    try {
      return decode(schema, bytes);
    } catch (cause) {
      return new RejectedRequest(new GrpcError(status.INVALID_ARGUMENT, 'malformed request', { cause }));
    }
  };
}

/**
 * The grpc-js ServiceDefinition of a protobuf-es service descriptor, keyed by the methods'
 * local names (`getWallet`). Usable as is with grpc-js's Server.addService and
 * makeGenericClientConstructor; deserializers throw on malformed bytes (see `decode`).
 */
export function serviceDefinition(desc: DescService): ServiceDefinition {
  const definition: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const method of desc.methods) {
    definition[method.localName] = methodDefinition(method, (bytes) => decode(method.input, bytes));
  }
  return definition;
}

/** One method's definition, with the request deserializer given by the caller. */
export function methodDefinition(
  method: DescMethod,
  requestDeserialize: (bytes: Buffer) => unknown,
): MethodDefinition<unknown, unknown> {
  return {
    path: methodPath(method),
    requestStream: isRequestStream(method),
    responseStream: isResponseStream(method),
    requestSerialize: (message) => encode(method.input, message as MessageShape<DescMessage>),
    requestDeserialize,
    responseSerialize: (message) => encode(method.output, message as MessageShape<DescMessage>),
    responseDeserialize: (bytes) => decode(method.output, bytes),
    originalName: method.localName,
  };
}
