/**
 * A service configuration file is sections of fields (`nats.url`, `intent.maxSkewMs`). Each field
 * can be overridden by the environment variable `MPCIUM_<SECTION>_<FIELD>`, both names in
 * SCREAMING_SNAKE_CASE: `nats.url` -> `MPCIUM_NATS_URL`, `intent.maxValidityMs` ->
 * `MPCIUM_INTENT_MAX_VALIDITY_MS`, `keystore.sharedSecretFile` ->
 * `MPCIUM_KEYSTORE_SHARED_SECRET_FILE`. An override wins over the file; an empty variable counts as
 * unset; variables no field of the kind being loaded names are ignored (one environment may serve
 * a signer and a keystore in the same process). Unknown sections or fields in a file are errors.
 */
import { ConfigError, describeValue } from './config-error.js';
import { type Field, type FieldContext, Invalid } from './fields.js';

/** The environment: `process.env` or a plain record in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

export type Section = Readonly<Record<string, Field<unknown>>>;
export type Schema = Readonly<Record<string, Section>>;

type FieldValue<F> = F extends Field<infer T> ? T : never;

export type Compiled<S extends Schema> = {
  -readonly [K in keyof S]: { -readonly [F in keyof S[K]]: FieldValue<S[K][F]> };
};

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** `MPCIUM_<SECTION>_<FIELD>` for a field. */
export function envVarName(section: string, field: string): string {
  return `MPCIUM_${snake(section)}_${snake(field)}`;
}

/** Every (variable, field path) pair of a schema, for documentation and `mpcium --help`. */
export function schemaEnvVars(schema: Schema): { readonly name: string; readonly path: string }[] {
  return Object.entries(schema).flatMap(([section, fields]) =>
    Object.keys(fields).map((field) => ({ name: envVarName(section, field), path: `${section}.${field}` })),
  );
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromEnv(field: Field<unknown>, text: string): unknown {
  if (field.env === 'integer' && /^-?\d+$/.test(text.trim())) return Number(text.trim());
  if (field.env === 'boolean') {
    const t = text.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  return text;
}

interface Source {
  /** The file name used in errors. */
  readonly name: string;
  readonly data: Record<string, unknown>;
  readonly ctx: FieldContext;
}

function readField(
  source: Source,
  section: string,
  name: string,
  field: Field<unknown>,
  raw: unknown,
  env: Env,
): unknown {
  const path = `${section}.${name}`;
  const variable = envVarName(section, name);
  if (field.onlyEnvHint !== undefined && raw !== undefined)
    throw new ConfigError(source.name, path, `no secret in the file: ${field.onlyEnvHint}`);
  const text = env[variable];
  const fromVariable = text !== undefined && text !== '';
  const value = fromVariable ? fromEnv(field, text) : raw;
  if (value === undefined || value === null) {
    if (field.fallback) return field.fallback();
    throw new ConfigError(source.name, path, field.expected, 'missing');
  }
  try {
    return field.parse(value, source.ctx);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const got = field.secret ? undefined : `got ${describeValue(value)}`;
    const detail = [fromVariable ? `from ${variable}` : undefined, got].filter(Boolean).join(', ');
    throw new ConfigError(source.name, path, e.expected, detail || undefined);
  }
}

/** Reads every field of `schema` from the file's data and the environment, or throws ConfigError. */
export function compileSections<S extends Schema>(schema: S, source: Source, env: Env): Compiled<S> {
  const sections = Object.keys(schema);
  for (const key of Object.keys(source.data)) {
    if (!sections.includes(key))
      throw new ConfigError(
        source.name,
        key,
        `one of the sections ${sections.join(', ')}`,
        'unknown section',
      );
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [section, fields] of Object.entries(schema)) {
    const raw = source.data[section] ?? {};
    if (!isMapping(raw))
      throw new ConfigError(source.name, section, 'a mapping of fields', describeValue(raw));
    const names = Object.keys(fields);
    for (const key of Object.keys(raw)) {
      if (!names.includes(key))
        throw new ConfigError(
          source.name,
          `${section}.${key}`,
          `one of ${names.join(', ')}`,
          'unknown field',
        );
    }
    const values: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(fields)) {
      values[name] = readField(source, section, name, field, raw[name], env);
    }
    out[section] = values;
  }
  return out as Compiled<S>;
}
