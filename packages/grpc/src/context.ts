import { type Deadline, type Metadata, status } from '@grpc/grpc-js';
import { GrpcError } from './errors.js';
import type { HandlerContext } from './types.js';

/** The part of every grpc-js server call the context needs. */
export interface SurfaceCall {
  readonly cancelled: boolean;
  readonly metadata: Metadata;
  getPeer(): string;
  getDeadline(): Deadline;
  getPath(): string;
  once(event: 'cancelled', listener: () => void): unknown;
  removeListener(event: 'cancelled', listener: () => void): unknown;
}

export interface OpenContext {
  readonly context: HandlerContext;
  /** Stops listening to the call; the signal stays as it is. */
  close(): void;
}

/**
 * A client whose own deadline fires resets the stream, which the server sees as a cancel that
 * comes about when its copy of the deadline (counted from receipt, so a little later) ends.
 * A cancel this close to the deadline is reported as DEADLINE_EXCEEDED.
 */
const DEADLINE_SLACK_MS = 50;

/**
 * A handler context bound to a call: its signal aborts when grpc-js reports the call cancelled,
 * which it does for a client cancel, an expired deadline and a forced server shutdown.
 */
export function openContext(call: SurfaceCall): OpenContext {
  const controller = new AbortController();
  const rawDeadline = call.getDeadline();
  const deadlineMs = rawDeadline instanceof Date ? rawDeadline.getTime() : rawDeadline;
  const deadline = Number.isFinite(deadlineMs) ? new Date(deadlineMs) : undefined;
  const onCancelled = () => {
    const expired = deadline !== undefined && Date.now() + DEADLINE_SLACK_MS >= deadline.getTime();
    controller.abort(
      expired
        ? new GrpcError(status.DEADLINE_EXCEEDED, 'deadline exceeded')
        : new GrpcError(status.CANCELLED, 'call cancelled'),
    );
  };
  call.once('cancelled', onCancelled);
  if (call.cancelled) onCancelled();
  let peer: string;
  try {
    peer = call.getPeer();
  } catch {
    peer = 'unknown';
  }
  return {
    context: Object.freeze({
      method: call.getPath(),
      peer,
      metadata: call.metadata,
      signal: controller.signal,
      deadline,
    }),
    close: () => {
      call.removeListener('cancelled', onCancelled);
    },
  };
}
