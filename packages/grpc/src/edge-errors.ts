import { status } from '@grpc/grpc-js';
import { GrpcError, INTERNAL_MESSAGE } from './errors.js';

/** How a server turns what its handlers throw into statuses, and where the causes go. */
export interface ErrorHooks {
  /**
   * Called with every failure that reaches the client as INTERNAL, and with the method's path.
   * This is where the cause goes to the logs; the client only ever sees "internal error".
   * Default: console.error.
   */
  readonly onError?: (err: unknown, method: string) => void;
  /**
   * Maps an application failure (e.g. a failure value with a kind) to its status; return
   * undefined for "not mine". Runs for everything thrown that is not already a GrpcError.
   */
  readonly mapError?: (err: unknown) => GrpcError | undefined;
}

function defaultOnError(err: unknown, method: string): void {
  console.error(`[@mpcium/grpc] ${method} failed:`, err);
}

/**
 * The status for a failed call. A call the client already gave up on keeps the reason of its
 * abort, unreported; a GrpcError is sent as it is; anything else is mapped by `mapError`, or
 * reported to `onError` and sent as INTERNAL with a generic message.
 */
export function statusFor(err: unknown, method: string, hooks: ErrorHooks, signal: AbortSignal): GrpcError {
  if (signal.aborted && signal.reason instanceof GrpcError) return signal.reason;
  if (err instanceof GrpcError) return err;
  const onError = hooks.onError ?? defaultOnError;
  if (hooks.mapError) {
    try {
      const mapped = hooks.mapError(err);
      if (mapped instanceof GrpcError) return mapped;
    } catch (mapFailure) {
      report(onError, mapFailure, method);
    }
  }
  report(onError, err, method);
  return new GrpcError(status.INTERNAL, INTERNAL_MESSAGE, { cause: err });
}

/** Reports a failure the client will only see as a bare status (e.g. a response that does not encode). */
export function reportError(hooks: ErrorHooks, err: unknown, method: string): void {
  report(hooks.onError ?? defaultOnError, err, method);
}

function report(onError: (err: unknown, method: string) => void, err: unknown, method: string): void {
  try {
    onError(err, method);
  } catch {
    // A failing logger must not change the status the client gets.
  }
}
