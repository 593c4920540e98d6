import { Metadata, type ServiceError, status } from '@grpc/grpc-js';

/** gRPC status codes (grpc-js's `status` enum), e.g. `Code.NOT_FOUND`. */
export { status as Code } from '@grpc/grpc-js';

/** The message clients see for any failure the handler did not name with a GrpcError. */
export const INTERNAL_MESSAGE = 'internal error';

/**
 * A failure with a gRPC status code. Thrown by handlers, it is the status the client gets
 * (code and message, nothing else); thrown by clients, it is the status the server sent.
 * `cause` stays in the process: it is never serialized.
 */
export class GrpcError extends Error {
  override readonly name = 'GrpcError';
  readonly code: status;
  /** Trailers: set by a handler to send them, or received by a client. */
  readonly metadata: Metadata;

  constructor(code: status, message: string, options?: { cause?: unknown; metadata?: Metadata }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (!Number.isInteger(code) || code < 1 || code > 16) {
      throw new RangeError(`GrpcError: ${code} is not a failure status code (1..16)`);
    }
    this.code = code;
    this.metadata = options?.metadata ?? new Metadata();
  }

  /** Name of the code, e.g. "NOT_FOUND". */
  get codeName(): string {
    return status[this.code] ?? String(this.code);
  }

  override toString(): string {
    return `GrpcError: ${this.codeName}: ${this.message}`;
  }
}

/** Turns a grpc-js client-side error into a GrpcError; anything else becomes UNKNOWN. */
export function fromServiceError(err: unknown): GrpcError {
  if (err instanceof GrpcError) return err;
  if (isServiceError(err)) {
    return new GrpcError(err.code === status.OK ? status.UNKNOWN : err.code, err.details, {
      cause: err,
      metadata: err.metadata,
    });
  }
  return new GrpcError(status.UNKNOWN, err instanceof Error ? err.message : String(err), { cause: err });
}

function isServiceError(err: unknown): err is ServiceError {
  return (
    err instanceof Error &&
    typeof (err as Partial<ServiceError>).code === 'number' &&
    typeof (err as Partial<ServiceError>).details === 'string'
  );
}

/** The grpc-js server-side form of a status: what a handler callback or stream error carries. */
export interface WireStatus {
  readonly name: string;
  readonly message: string;
  readonly code: status;
  readonly details: string;
  readonly metadata: Metadata;
}

export function toWireStatus(err: GrpcError): WireStatus {
  return {
    name: 'GrpcError',
    message: err.message,
    code: err.code,
    details: err.message,
    metadata: err.metadata,
  };
}
