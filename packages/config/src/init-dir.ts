/**
 * What `mpcium init` may replace in a cluster directory. Without `force` it touches nothing that
 * exists. With `force` it removes only the files it generates itself, and refuses outright when
 * any node has a keystore database: replacing that node's password file would lock its key
 * shares away for good.
 */
import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readYamlFile } from './yaml-source.js';

/** Thrown when `dir` already holds a cluster and `force` is not set, or holds key shares. */
export class ClusterExistsError extends Error {
  override readonly name = 'ClusterExistsError';
}

export const NODE_FILES = [
  'identity.key',
  'keystore.password',
  'keystore.secret',
  'signer.yaml',
  'keystore.yaml',
];
export const DEFAULT_DATABASE = 'keystore.sqlite';

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => join(dir, d))
    .filter((d) => statSync(d).isDirectory());
}

/** The database a node's existing keystore.yaml names (best effort), and the default one. */
function databasesOf(nodeDir: string): string[] {
  const found = [join(nodeDir, DEFAULT_DATABASE)];
  const config = join(nodeDir, 'keystore.yaml');
  if (existsSync(config)) {
    try {
      const section = readYamlFile(config).data.keystore as { database?: unknown } | undefined;
      if (typeof section?.database === 'string') found.push(resolve(nodeDir, section.database));
    } catch {
      // An unreadable config names no database; the default location is still checked.
    }
  }
  return found.filter((f) => existsSync(f));
}

function removeIfEmpty(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}

/** Checks `dir` and, when forced, clears the files a previous `init` wrote there. */
export function prepareClusterDir(dir: string, force: boolean): void {
  const top = ['cluster.yaml', 'coordinator.yaml', 'nodes', 'initiator'].map((f) => join(dir, f));
  const existing = top.filter((p) => existsSync(p));
  if (existing.length === 0) return;
  if (!force)
    throw new ClusterExistsError(`${dir} already holds a cluster (${existing[0]}); use force to replace it`);
  const nodeDirs = subdirs(join(dir, 'nodes'));
  for (const nodeDir of nodeDirs) {
    const [database] = databasesOf(nodeDir);
    if (database)
      throw new ClusterExistsError(
        `${nodeDir} has a keystore database (${database}) holding key shares; move it away before replacing the cluster`,
      );
  }
  for (const nodeDir of nodeDirs) {
    for (const f of NODE_FILES) rmSync(join(nodeDir, f), { force: true });
    removeIfEmpty(nodeDir);
  }
  removeIfEmpty(join(dir, 'nodes'));
  const initiatorDir = join(dir, 'initiator');
  if (existsSync(initiatorDir)) {
    for (const f of readdirSync(initiatorDir))
      if (/^initiator\d+\.key$/.test(f)) rmSync(join(initiatorDir, f));
    removeIfEmpty(initiatorDir);
  }
  for (const f of ['cluster.yaml', 'coordinator.yaml']) rmSync(join(dir, f), { force: true });
}
