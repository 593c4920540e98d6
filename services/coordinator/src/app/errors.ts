/** Coordinator failures as values with a kind that the gRPC edge maps to a status code. */
export type CoordinatorErrorKind =
  | 'invalid-argument'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'already-exists'
  | 'failed-precondition'
  | 'unavailable'
  | 'aborted'
  | 'internal';

export class CoordinatorError extends Error {
  readonly kind: CoordinatorErrorKind;
  /** Nodes named by the failure (refused, missing, blamed). */
  readonly nodes: readonly string[];
  /** True when the named nodes did not answer a proposal at all (gone, not refusing). */
  readonly unanswered: boolean;

  constructor(
    kind: CoordinatorErrorKind,
    message: string,
    nodes: readonly string[] = [],
    options: { unanswered?: boolean } = {},
  ) {
    super(message);
    this.name = 'CoordinatorError';
    this.kind = kind;
    this.nodes = nodes;
    this.unanswered = options.unanswered ?? false;
  }
}
