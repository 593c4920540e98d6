/**
 * Why a signed intent was refused. Each kind maps to one gRPC status at the edge; the message is
 * safe to return to the caller (it never echoes signatures or key material).
 */
export type IntentErrorKind =
  | 'unsigned'
  | 'unknown-key'
  | 'bad-signature'
  | 'malformed'
  | 'expired'
  | 'not-yet-valid'
  | 'validity-too-long'
  | 'invalid-action';

export class IntentError extends Error {
  readonly kind: IntentErrorKind;

  constructor(kind: IntentErrorKind, message: string) {
    super(message);
    this.name = 'IntentError';
    this.kind = kind;
  }
}
