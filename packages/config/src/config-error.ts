/**
 * The one error every configuration problem becomes. Its message names the file, the field path
 * and what was expected, e.g. `coordinator.yaml: nats.url: expected nats://host:port`, so an
 * operator can fix the file without reading code.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The file the value came from (as given, or resolved for files named by another file). */
  readonly file: string;
  /** Dotted path of the field, e.g. `nats.url` or `nodes[2].publicKey`. */
  readonly path: string;
  /** What a valid value looks like. */
  readonly expected: string;

  constructor(file: string, path: string, expected: string, detail?: string) {
    super(`${file}: ${path}: expected ${expected}${detail ? ` (${detail})` : ''}`);
    this.file = file;
    this.path = path;
    this.expected = expected;
  }
}

/**
 * A short, printable rendering of an offending (non-secret) value for error details. Userinfo in
 * a URL-like string is masked: a refused `redis://:password@host` must not print its password.
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') {
    const masked = value.replace(/\/\/[^/?#]*@/, '//<redacted>@');
    return JSON.stringify(masked.length > 80 ? `${masked.slice(0, 77)}...` : masked);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** The detail of an error about `value`: `missing`, or `got <value>`. */
export function gotValue(value: unknown): string {
  return value === undefined ? 'missing' : `got ${describeValue(value)}`;
}
