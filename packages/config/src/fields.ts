/**
 * Field specifications: how one configuration value is read from YAML or from an environment
 * variable, what its default is, and what a valid value looks like (the `expected` text of a
 * ConfigError). A field's `parse` throws `Invalid` and never sees the file name; the schema
 * compiler adds file, path and source.
 */
import { isAbsolute, resolve } from 'node:path';
import { Secret } from './secret.js';

/** Thrown by `parse`: the value is present but not valid. */
export class Invalid extends Error {
  readonly expected: string;
  constructor(expected: string) {
    super(expected);
    this.expected = expected;
  }
}

export interface FieldContext {
  /** Directory of the file being read; relative paths resolve against it. */
  readonly dir: string;
}

/** How an environment variable's text becomes a YAML-like value before `parse`. */
export type EnvType = 'string' | 'integer' | 'boolean';

export interface Field<T> {
  readonly expected: string;
  readonly env: EnvType;
  readonly parse: (value: unknown, ctx: FieldContext) => T;
  /** The value when the field is absent; without it the field is required. */
  readonly fallback?: () => T;
  /** Never echo the value in an error. */
  readonly secret?: boolean;
  /** Accepted only from the environment; `onlyEnvHint` tells what to use in a file instead. */
  readonly onlyEnvHint?: string;
}

export function withDefault<T>(field: Field<T>, value: T): Field<T> {
  return { ...field, fallback: () => value };
}

export function optional<T>(field: Field<T>): Field<T | undefined> {
  return { ...field, fallback: () => undefined };
}

export function integer(min: number, max: number, fallback?: number): Field<number> {
  const expected = `an integer from ${min} to ${max}`;
  const f: Field<number> = {
    expected,
    env: 'integer',
    parse: (value) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
        throw new Invalid(expected);
      return value;
    },
  };
  return fallback === undefined ? f : withDefault(f, fallback);
}

export function boolean(fallback?: boolean): Field<boolean> {
  const f: Field<boolean> = {
    expected: 'true or false',
    env: 'boolean',
    parse: (value) => {
      if (typeof value !== 'boolean') throw new Invalid('true or false');
      return value;
    },
  };
  return fallback === undefined ? f : withDefault(f, fallback);
}

export function oneOf<const T extends string>(values: readonly T[], fallback?: T): Field<T> {
  const expected = `one of ${values.join(', ')}`;
  const f: Field<T> = {
    expected,
    env: 'string',
    parse: (value) => {
      if (typeof value !== 'string' || !(values as readonly string[]).includes(value))
        throw new Invalid(expected);
      return value as T;
    },
  };
  return fallback === undefined ? f : withDefault(f, fallback);
}

export function matching(pattern: RegExp, expected: string): Field<string> {
  return {
    expected,
    env: 'string',
    parse: (value) => {
      if (typeof value !== 'string' || !pattern.test(value)) throw new Invalid(expected);
      return value;
    },
  };
}

/** Node ids name NATS subject tokens and files, so: letters, digits, `_` and `-`. */
export const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function nodeId(): Field<string> {
  return matching(NODE_ID, 'a node id like node0 (letters, digits, _ and -, at most 64)');
}

/** A file path, resolved against the directory of the file that names it. */
export function filePath(): Field<string> {
  const expected = 'a file path';
  return {
    expected,
    env: 'string',
    parse: (value, ctx) => {
      if (typeof value !== 'string' || value.trim() === '' || value.includes('\0'))
        throw new Invalid(expected);
      return isAbsolute(value) ? resolve(value) : resolve(ctx.dir, value);
    },
  };
}

/** A secret that may come only from the environment (never from a file that gets copied around). */
export function envSecret(expected: string, onlyEnvHint: string): Field<Secret | undefined> {
  return {
    expected,
    env: 'string',
    secret: true,
    onlyEnvHint,
    fallback: () => undefined,
    parse: (value) => {
      if (typeof value !== 'string' || value.length === 0) throw new Invalid(expected);
      return new Secret(value);
    },
  };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevel(): Field<LogLevel> {
  return oneOf(LOG_LEVELS, 'info');
}
