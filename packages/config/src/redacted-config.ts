/**
 * A printable copy of a loaded configuration for startup logs and `mpcium ... --json`: every
 * Secret becomes `<redacted>`, and so does any field whose name says it holds a secret, even if
 * a future config forgets to wrap it. Paths to secret files stay: they are not secrets.
 */
import { REDACTED, Secret } from './secret.js';

const SECRET_NAMES =
  /^(password|secret|secretKey|sharedSecret|dataKey|privateKey|identityKey|share|signingShare|nonce|presignature)$/i;

export type Redacted =
  | string
  | number
  | boolean
  | null
  | readonly Redacted[]
  | { readonly [k: string]: Redacted };

function redact(value: unknown, key: string): Redacted {
  if (value === undefined || value === null) return null;
  if (value instanceof Secret || SECRET_NAMES.test(key)) return REDACTED;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, ''));
  if (typeof value === 'object') {
    const out: Record<string, Redacted> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, k);
    return out;
  }
  return REDACTED;
}

export function redactedConfig(config: object): { readonly [k: string]: Redacted } {
  return redact(config, '') as { readonly [k: string]: Redacted };
}
