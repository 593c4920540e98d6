/**
 * Structured logging with pino. Redaction is configuration, not discipline (STYLE.md rule 8):
 * every field name that can hold a secret is censored to `[Redacted]` at the top level and up to
 * three levels down, and so are `authorization` headers. Secret-holding types also print
 * `<redacted>` through their own `toJSON`, so the two layers back each other up.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './fields.js';

export type { Logger } from 'pino';

/** Field names whose values are secrets wherever they appear in a log object. */
export const SECRET_FIELDS: readonly string[] = [
  'password',
  'secretKey',
  'share',
  'signingShare',
  'nonce',
  'presignature',
  'dataKey',
  'sharedSecret',
  'privateKey',
  'identityKey',
  'authorization',
];

/** pino paths: each field at depth 0 to 3 (pino's `*` matches one level). */
export const REDACT_PATHS: readonly string[] = SECRET_FIELDS.flatMap((f) => [
  f,
  `*.${f}`,
  `*.*.${f}`,
  `*.*.*.${f}`,
]);

export interface LoggerOptions {
  /** The component, e.g. `coordinator` or `signer.node0`. */
  readonly name: string;
  readonly level?: LogLevel;
  /** Where lines go; stdout (fd 1) by default. Tests pass a stream to read the lines. */
  readonly destination?: DestinationStream;
}

export function createLogger({ name, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination(1),
  );
}
