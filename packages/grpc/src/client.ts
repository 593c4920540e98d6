import {
  create,
  type DescMessage,
  type DescMethod,
  type DescService,
  type MessageInitShape,
} from '@bufbuild/protobuf';
import {
  Client as ChannelClient,
  type ChannelCredentials,
  type ChannelOptions,
  credentials,
  type CallOptions as GrpcCallOptions,
  Metadata,
  status,
} from '@grpc/grpc-js';
import { type LocalFailure, readResponses, writeRequests } from './client-streams.js';
import { DEFAULT_MAX_RECEIVE_MESSAGE_BYTES, decode, encode, methodPath } from './definition.js';
import { fromServiceError, GrpcError } from './errors.js';
import type { CallOptions, Client } from './types.js';

/** Options of a client, fixed when it is created. */
export interface ClientOptions {
  /** Default: insecure (plaintext), for loopback and in-cluster traffic behind mTLS sidecars. */
  readonly credentials?: ChannelCredentials;
  /** Deadline of every call that sets none, in milliseconds; default none. */
  readonly defaultDeadlineMs?: number;
  /** Largest response message accepted, in bytes (default 4 MiB). */
  readonly maxReceiveMessageBytes?: number;
  /** Further grpc-js channel options (keepalive, load balancing, ...). */
  readonly channelOptions?: ChannelOptions;
}

type AnyInit = MessageInitShape<DescMessage>;
type AnyMethod = (arg: never, options?: CallOptions) => unknown;

/**
 * A typed client of a protobuf-es service at `address` (`host:port`): one function per method,
 * keyed by local name, that takes a message or its init shape. Unary and client-streaming
 * calls return a promise; server-streaming and bidi calls return an async iterable that starts
 * the call when iterated. Failures reject or throw as GrpcError with the status code.
 */
export function createClient<D extends DescService>(
  desc: D,
  address: string,
  options: ClientOptions = {},
): Client<D> {
  if (desc.methods.some((m) => m.localName === 'close')) {
    throw new TypeError(`createClient: ${desc.typeName} has a method named "close", which clashes`);
  }
  const channel = new ChannelClient(address, options.credentials ?? credentials.createInsecure(), {
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_MESSAGE_BYTES,
    ...options.channelOptions,
  });
  const callOptions = (opts: CallOptions): GrpcCallOptions => {
    const ms = opts.deadlineMs ?? options.defaultDeadlineMs;
    return ms === undefined ? {} : { deadline: new Date(Date.now() + ms) };
  };
  const client: Record<string, AnyMethod | (() => void)> = { close: () => channel.close() };
  for (const method of desc.methods) {
    client[method.localName] = clientMethod(channel, method, callOptions);
  }
  return Object.freeze(client) as unknown as Client<D>;
}

function clientMethod(
  channel: ChannelClient,
  method: DescMethod,
  callOptions: (opts: CallOptions) => GrpcCallOptions,
): AnyMethod {
  const path = methodPath(method);
  const serialize = (message: unknown) => encode(method.input, message as never);
  const deserialize = (bytes: Buffer) => decode(method.output, bytes);
  const metadataOf = (opts: CallOptions) => opts.metadata ?? new Metadata();
  switch (method.methodKind) {
    case 'unary':
      return ((request: AnyInit, opts: CallOptions = {}) =>
        new Promise((resolve, reject) => {
          if (opts.signal?.aborted) return reject(cancelledBeforeStart());
          const call = channel.makeUnaryRequest(
            path,
            serialize,
            deserialize,
            create(method.input, request),
            metadataOf(opts),
            callOptions(opts),
            (err, response) => {
              opts.signal?.removeEventListener('abort', onAbort);
              if (err) reject(fromServiceError(err));
              else resolve(response);
            },
          );
          const onAbort = () => call.cancel();
          opts.signal?.addEventListener('abort', onAbort, { once: true });
        })) as AnyMethod;
    case 'server_streaming':
      return ((request: AnyInit, opts: CallOptions = {}) => ({
        [Symbol.asyncIterator]: () =>
          readResponses(
            () =>
              channel.makeServerStreamRequest(
                path,
                serialize,
                deserialize,
                create(method.input, request),
                metadataOf(opts),
                callOptions(opts),
              ),
            opts.signal,
            { error: undefined },
            new AbortController(),
          ),
      })) as AnyMethod;
    case 'client_streaming':
      return ((requests: AsyncIterable<AnyInit>, opts: CallOptions = {}) =>
        new Promise((resolve, reject) => {
          if (opts.signal?.aborted) return reject(cancelledBeforeStart());
          const local: LocalFailure = { error: undefined };
          const done = new AbortController();
          const call = channel.makeClientStreamRequest(
            path,
            serialize,
            deserialize,
            metadataOf(opts),
            callOptions(opts),
            (err, response) => {
              done.abort();
              opts.signal?.removeEventListener('abort', onAbort);
              if (local.error) reject(local.error.value);
              else if (err) reject(fromServiceError(err));
              else resolve(response);
            },
          );
          const onAbort = () => call.cancel();
          opts.signal?.addEventListener('abort', onAbort, { once: true });
          void writeRequests(call, requests, method.input, local, done.signal);
        })) as AnyMethod;
    case 'bidi_streaming':
      return ((requests: AsyncIterable<AnyInit>, opts: CallOptions = {}) => ({
        [Symbol.asyncIterator]: () => {
          const local: LocalFailure = { error: undefined };
          const done = new AbortController();
          return readResponses(
            () => {
              const call = channel.makeBidiStreamRequest(
                path,
                serialize,
                deserialize,
                metadataOf(opts),
                callOptions(opts),
              );
              void writeRequests(call, requests, method.input, local, done.signal);
              return call;
            },
            opts.signal,
            local,
            done,
          );
        },
      })) as AnyMethod;
  }
}

function cancelledBeforeStart(): GrpcError {
  return new GrpcError(status.CANCELLED, 'call cancelled before it started');
}
