import { create, type DescMessage, type DescMethod, type MessageInitShape } from '@bufbuild/protobuf';
import {
  Metadata,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
  type UntypedHandleCall,
} from '@grpc/grpc-js';
import { nextEvent, raceAbort } from './abort.js';
import { openContext } from './context.js';
import { methodPath, RejectedRequest } from './definition.js';
import { type ErrorHooks, statusFor } from './edge-errors.js';
import { GrpcError, toWireStatus } from './errors.js';
import type { HandlerContext } from './types.js';

// The handler shapes once their message types are erased (see types.ts for the typed ones).
type AnyInit = MessageInitShape<DescMessage>;
type Unary = (request: unknown, ctx: HandlerContext) => Promise<AnyInit> | AnyInit;
type ServerStreaming = (request: unknown, ctx: HandlerContext) => AsyncIterable<AnyInit>;
type ClientStreaming = (requests: AsyncIterable<unknown>, ctx: HandlerContext) => Promise<AnyInit>;
type BidiStreaming = (requests: AsyncIterable<unknown>, ctx: HandlerContext) => AsyncIterable<AnyInit>;
export type AnyHandler = Unary | ServerStreaming | ClientStreaming | BidiStreaming;

type ResponseStream = ServerWritableStream<unknown, unknown> | ServerDuplexStream<unknown, unknown>;

/**
 * The grpc-js handler for one method. Requests arrive decoded or as a RejectedRequest (see
 * definition.ts); a rejected request is answered with its status before the handler runs.
 * Without a handler the method answers UNIMPLEMENTED.
 */
export function grpcHandler(
  method: DescMethod,
  handler: AnyHandler | undefined,
  hooks: ErrorHooks,
): UntypedHandleCall {
  const path = methodPath(method);
  const fn: AnyHandler =
    handler ??
    (() => {
      throw new GrpcError(status.UNIMPLEMENTED, `${path} is not implemented`);
    });
  switch (method.methodKind) {
    case 'unary':
      return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        const { context, close } = openContext(call);
        void (async () => {
          try {
            const request = admit(call.request);
            const response = await (fn as Unary)(request, context);
            callback(null, create(method.output, response));
          } catch (err) {
            callback(toWireStatus(statusFor(err, path, hooks, context.signal)));
          } finally {
            close();
          }
        })();
      };
    case 'server_streaming':
      return (call: ServerWritableStream<unknown, unknown>) => {
        const { context, close } = openContext(call);
        void (async () => {
          try {
            const request = admit(call.request);
            await writeAll(call, (fn as ServerStreaming)(request, context), method.output, context.signal);
            call.end();
          } catch (err) {
            fail(call, statusFor(err, path, hooks, context.signal), context.signal);
          } finally {
            close();
          }
        })();
      };
    case 'client_streaming':
      return (call: ServerReadableStream<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        const { context, close } = openContext(call);
        const requests = readAll(call, context.signal);
        void (async () => {
          try {
            const response = await (fn as ClientStreaming)(requests, context);
            if (requests.rejected) throw requests.rejected;
            callback(null, create(method.output, response));
          } catch (err) {
            callback(toWireStatus(statusFor(requests.rejected ?? err, path, hooks, context.signal)));
          } finally {
            close();
          }
        })();
      };
    case 'bidi_streaming':
      return (call: ServerDuplexStream<unknown, unknown>) => {
        const { context, close } = openContext(call);
        const requests = readAll(call, context.signal);
        void (async () => {
          try {
            await writeAll(call, (fn as BidiStreaming)(requests, context), method.output, context.signal);
            if (requests.rejected) throw requests.rejected;
            call.end();
          } catch (err) {
            fail(call, statusFor(requests.rejected ?? err, path, hooks, context.signal), context.signal);
          } finally {
            close();
          }
        })();
      };
  }
}

function admit(request: unknown): unknown {
  if (request instanceof RejectedRequest) throw request.error;
  return request;
}

/** Ends a response stream with a status; a call that already ended early gets nothing more. */
function fail(call: ResponseStream, error: GrpcError, signal: AbortSignal): void {
  if (!signal.aborted) call.emit('error', toWireStatus(error));
}

/**
 * Writes every response, waiting for 'drain' when grpc-js's buffer is full. Stops at once when
 * the call is cancelled, even if the handler is waiting for its next item: the handler learns
 * of it through its signal, and its iterator is told to return.
 */
async function writeAll(
  call: ResponseStream,
  responses: AsyncIterable<AnyInit>,
  output: DescMessage,
  signal: AbortSignal,
): Promise<void> {
  const iterator = responses[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await raceAbort(iterator.next(), signal);
      if (next.done) {
        finished = true;
        return;
      }
      if (!call.write(create(output, next.value))) await nextEvent(call, 'drain', signal);
    }
  } finally {
    if (!finished) iterator.return?.().catch(() => {});
  }
}

/**
 * The request stream as an async iterable, remembering a rejected message for the status.
 *
 * A cancel must not pass for the end of the requests. A bare RST_STREAM also ends Node's
 * request stream, and grpc-js notices the closed stream only on its next send; so at the end
 * of the requests the bridge sends the (empty) response headers, which go out before any
 * response anyway, and lets grpc-js's cancel notice run first. Known limit: a grpc-js client's
 * cancel sends END_STREAM and then, a turn of its event loop later, RST_STREAM; a handler that
 * finishes in between takes the cancel for a half-close (its answer is lost either way).
 */
interface Requests extends AsyncIterable<unknown> {
  rejected: GrpcError | undefined;
}

function readAll(
  call: ServerReadableStream<unknown, unknown> | ServerDuplexStream<unknown, unknown>,
  signal: AbortSignal,
): Requests {
  const requests: Requests = {
    rejected: undefined,
    async *[Symbol.asyncIterator]() {
      try {
        // destroyOnReturn: false, so that a handler that stops reading early can still write
        // responses on the duplex stream.
        for await (const message of call.iterator({ destroyOnReturn: false })) {
          if (message instanceof RejectedRequest) {
            requests.rejected = message.error;
            throw message.error;
          }
          yield message;
        }
        call.sendMetadata(new Metadata());
        await new Promise((resolve) => setImmediate(resolve));
        if (signal.aborted) throw signal.reason;
      } catch (err) {
        throw signal.aborted ? signal.reason : err;
      }
    },
  };
  return requests;
}
