import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import {
  type ClientDuplexStream,
  type ClientReadableStream,
  type ClientWritableStream,
  type StatusObject,
  status,
} from '@grpc/grpc-js';
import { nextEvent } from './abort.js';
import { AsyncQueue } from './async-queue.js';
import { GrpcError } from './errors.js';

// Responses buffered before grpc-js is asked to stop reading from the socket, and resumed at.
const HIGH_WATER = 64;
const LOW_WATER = 16;

type ResponseCall<T> = ClientReadableStream<T> | ClientDuplexStream<unknown, T>;
type RequestCall = ClientWritableStream<unknown> | ClientDuplexStream<unknown, unknown>;

/** Where the request side of a call reports a failure of its own (the request source threw). */
export interface LocalFailure {
  error: { value: unknown } | undefined;
}

export function statusError(s: StatusObject): GrpcError {
  return new GrpcError(s.code === status.OK ? status.UNKNOWN : s.code, s.details, { metadata: s.metadata });
}

/**
 * Yields a call's responses, then ends on status OK or throws the status as a GrpcError (or
 * the local failure that cancelled the call). Leaving the loop early cancels the call; so does
 * `signal`. `done` aborts once the call is over, for whoever writes requests.
 */
export async function* readResponses<T>(
  start: () => ResponseCall<T>,
  signal: AbortSignal | undefined,
  local: LocalFailure,
  done: AbortController,
): AsyncGenerator<T> {
  if (signal?.aborted) throw new GrpcError(status.CANCELLED, 'call cancelled before it started');
  const queue = new AsyncQueue<T>();
  const call = start();
  // The stream ends ('end') after its buffered messages are read; the status may come first.
  let finalStatus: StatusObject | undefined;
  let readableEnded = false;
  const maybeFinish = () => {
    if (!finalStatus || !readableEnded) return;
    done.abort();
    if (local.error) queue.end(local.error.value);
    else queue.end(finalStatus.code === status.OK ? undefined : statusError(finalStatus));
  };
  call.on('data', (message: T) => {
    queue.push(message);
    if (queue.size >= HIGH_WATER) call.pause();
  });
  call.on('end', () => {
    readableEnded = true;
    maybeFinish();
  });
  call.on('status', (s: StatusObject) => {
    finalStatus = s;
    maybeFinish();
  });
  // grpc-js also emits the status as an 'error'; the 'status' listener above handles it.
  call.on('error', () => {});
  const onAbort = () => call.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // The queue ends with nothing, a status GrpcError, or the request source's own error.
    for (;;) {
      const next = await queue.next();
      if (next.done) return;
      if (call.isPaused() && queue.size <= LOW_WATER) call.resume();
      yield next.value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finalStatus) call.cancel();
    done.abort();
  }
}

/**
 * Writes every request, honouring grpc-js's backpressure, then half-closes. If the source
 * throws, the failure is recorded in `local` and the call is cancelled, so the reader reports
 * the source's error rather than CANCELLED.
 */
export async function writeRequests(
  call: RequestCall,
  requests: AsyncIterable<MessageInitShape<DescMessage>>,
  input: DescMessage,
  local: LocalFailure,
  done: AbortSignal,
): Promise<void> {
  try {
    for await (const request of requests) {
      if (done.aborted) return;
      if (!call.write(create(input, request))) await nextEvent(call, 'drain', done);
    }
    if (!done.aborted) call.end();
  } catch (err) {
    if (done.aborted) return;
    local.error = { value: err };
    call.cancel();
  }
}
