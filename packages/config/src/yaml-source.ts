/**
 * Reads one YAML configuration file into plain data. YAML 1.2 core schema (so `yes` and `on` stay
 * strings), duplicate keys refused, alias expansion bounded by the parser's default.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { isMapping } from './schema.js';

const MAX_FILE_BYTES = 1 << 20;

export interface YamlSource {
  /** The file as named in errors (as the caller gave it). */
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  readonly data: Record<string, unknown>;
  /** Relative paths inside the file resolve against this directory. */
  readonly ctx: { readonly dir: string };
}

export function readYamlFile(file: string): YamlSource {
  const path = resolve(file);
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(file, '(file)', 'a readable YAML file', (e as Error).message);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, version: '1.2', lineCounter });
  const problem = doc.errors[0];
  if (problem) {
    const at = lineCounter.linePos(problem.pos[0]);
    const where = `line ${at.line}, column ${at.col}`;
    throw new ConfigError(file, where, 'valid YAML', problem.message.split('\n')[0]);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (!isMapping(data)) throw new ConfigError(file, '(document)', 'a mapping of sections at the top level');
  return { name: file, path, data, ctx: { dir: dirname(path) } };
}
