/**
 * A result event is one final Operation, as protobuf bytes, on `<prefix>.<kind>` where kind
 * names its result: `wallet`, `signature` or `error`. Only a final operation whose result
 * matches its state is an event (SUCCEEDED with a wallet or signature, FAILED with an error);
 * publishers are refused anything else and subscribers treat anything else as malformed.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { type Operation, OperationSchema, OperationState } from '@mpcium/proto';

export const RESULT_KINDS = ['wallet', 'signature', 'error'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** Far above a real result (a wallet has a few public keys, a signature 64 bytes). */
export const MAX_RESULT_EVENT_BYTES = 1 << 20;

/** The operation's result kind, or why it is not a result event. */
function check(op: Operation): ResultKind | string {
  if (op.operationId === '') return 'it has no operation id';
  const kind = op.result.case;
  if (op.state === OperationState.SUCCEEDED && (kind === 'wallet' || kind === 'signature')) return kind;
  if (op.state === OperationState.FAILED && kind === 'error') return kind;
  if (op.state !== OperationState.SUCCEEDED && op.state !== OperationState.FAILED)
    return `it is not final (state ${OperationState[op.state] ?? op.state})`;
  return `its result (${kind ?? 'none'}) does not match its state ${OperationState[op.state]}`;
}

/** The result kind of a final operation; throws TypeError for anything that is not an event. */
export function resultKind(op: Operation): ResultKind {
  const kind = check(op);
  if ((RESULT_KINDS as readonly string[]).includes(kind)) return kind as ResultKind;
  throw new TypeError(`operation ${JSON.stringify(op.operationId)} is not a result event: ${kind}`);
}

/** Decodes and validates a result event; undefined when malformed. */
export function parseResultEvent(bytes: Uint8Array): Operation | undefined {
  if (bytes.length > MAX_RESULT_EVENT_BYTES) return undefined;
  try {
    const op = fromBinary(OperationSchema, bytes);
    resultKind(op);
    return op;
  } catch {
    return undefined;
  }
}
