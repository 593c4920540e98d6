import type {
  DescMessage,
  DescMethod,
  DescService,
  MessageInitShape,
  MessageShape,
} from '@bufbuild/protobuf';
import type { Metadata } from '@grpc/grpc-js';

/** What a handler knows about its call besides the request. */
export interface HandlerContext {
  /** The HTTP/2 path, e.g. `/mpcium.v1.WalletService/Sign`. */
  readonly method: string;
  /** The caller's address as grpc-js reports it, e.g. `127.0.0.1:53422`. */
  readonly peer: string;
  /** The request headers. */
  readonly metadata: Metadata;
  /**
   * Aborts when the call ends early: the client cancelled, the deadline passed, or the server
   * was forced to shut down. Its reason is a GrpcError (CANCELLED or DEADLINE_EXCEEDED).
   * Handlers pass it on to whatever they wait for.
   */
  readonly signal: AbortSignal;
  /** The client's deadline, if it set one. */
  readonly deadline: Date | undefined;
}

type Unary<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: HandlerContext,
) => Promise<MessageInitShape<O>> | MessageInitShape<O>;

type ServerStreaming<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: HandlerContext,
) => AsyncIterable<MessageInitShape<O>>;

type ClientStreaming<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageShape<I>>,
  ctx: HandlerContext,
) => Promise<MessageInitShape<O>>;

type BidiStreaming<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageShape<I>>,
  ctx: HandlerContext,
) => AsyncIterable<MessageInitShape<O>>;

/** The handler type of one method, by its kind (connect-es style). */
export type MethodImpl<M extends DescMethod> = M extends {
  methodKind: infer K;
  input: infer I extends DescMessage;
  output: infer O extends DescMessage;
}
  ? K extends 'unary'
    ? Unary<I, O>
    : K extends 'server_streaming'
      ? ServerStreaming<I, O>
      : K extends 'client_streaming'
        ? ClientStreaming<I, O>
        : BidiStreaming<I, O>
  : never;

/** A service implementation: one handler per method, keyed by local name (`getWallet`). */
export type ServiceImpl<D extends DescService> = {
  [K in keyof D['method']]: MethodImpl<D['method'][K]>;
};

/** Per-call options of a client. */
export interface CallOptions {
  /** Milliseconds from now; overrides the client's default deadline. */
  readonly deadlineMs?: number;
  /** Cancels the call (the server's handler sees its own signal abort). */
  readonly signal?: AbortSignal;
  /** Request headers. */
  readonly metadata?: Metadata;
}

type ClientUnary<I extends DescMessage, O extends DescMessage> = (
  request: MessageInitShape<I>,
  options?: CallOptions,
) => Promise<MessageShape<O>>;

type ClientServerStreaming<I extends DescMessage, O extends DescMessage> = (
  request: MessageInitShape<I>,
  options?: CallOptions,
) => AsyncIterable<MessageShape<O>>;

type ClientClientStreaming<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageInitShape<I>>,
  options?: CallOptions,
) => Promise<MessageShape<O>>;

type ClientBidiStreaming<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageInitShape<I>>,
  options?: CallOptions,
) => AsyncIterable<MessageShape<O>>;

/** The client function of one method, by its kind. */
export type ClientMethod<M extends DescMethod> = M extends {
  methodKind: infer K;
  input: infer I extends DescMessage;
  output: infer O extends DescMessage;
}
  ? K extends 'unary'
    ? ClientUnary<I, O>
    : K extends 'server_streaming'
      ? ClientServerStreaming<I, O>
      : K extends 'client_streaming'
        ? ClientClientStreaming<I, O>
        : ClientBidiStreaming<I, O>
  : never;

/** A typed client: one function per method, plus `close()`. */
export type Client<D extends DescService> = {
  readonly [K in keyof D['method']]: ClientMethod<D['method'][K]>;
} & {
  /** Closes the channel; calls in flight are cancelled. */
  close(): void;
};
