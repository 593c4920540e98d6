/**
 * `mpcium start coordinator|signer|keystore|node`: one service of a cluster written by
 * `mpcium init`, as its own process, configured from its YAML file (plus MPCIUM_* overrides).
 * `node` runs a whole node (signer and keystore) in one process with the keystore in-process.
 * Logs are JSON lines on stdout; SIGINT or SIGTERM shut down gracefully.
 */
import { join, resolve } from 'node:path';
import {
  createLogger,
  keystoreOpenOptions,
  type Logger,
  loadConfig,
  type Prompt,
  type SignerConfig,
} from '@mpcium/config';
import { startCoordinatorService } from '@mpcium/coordinator';
import { RemoteKeyStore, startKeystoreServer } from '@mpcium/keystore-service';
import { SqliteKeyStore } from '@mpcium/keystore-sqlite';
import { startSignerService } from '@mpcium/signer-service';
import { promptHidden } from '../prompt.js';

export const START_SERVICES = ['coordinator', 'signer', 'keystore', 'node'] as const;
export type StartService = (typeof START_SERVICES)[number];

export interface StartOptions {
  readonly service: StartService;
  /** The cluster folder written by `mpcium init` (default ./mpcium-cluster). */
  readonly dir: string;
  /** The node, for signer, keystore and node. */
  readonly node?: string;
  /** A config file instead of the one in `dir`. */
  readonly config?: string;
}

export const DEFAULT_CLUSTER_DIR = 'mpcium-cluster';

function configFile(o: StartOptions, kind: 'coordinator' | 'signer' | 'keystore'): string {
  if (o.config) return resolve(o.config);
  if (kind === 'coordinator') return join(resolve(o.dir), 'coordinator.yaml');
  if (!o.node) throw new Error(`start ${o.service} needs -n NODE (e.g. -n node0)`);
  return join(resolve(o.dir), 'nodes', o.node, `${kind}.yaml`);
}

const prompt: Prompt | undefined = process.stdin.isTTY ? promptHidden : undefined;

/**
 * Connects to the node's keystore service, waiting for it while it starts (services of a node
 * may start in any order); a wrong shared secret or address fails at once.
 */
async function connectKeystore(config: SignerConfig, logger: Logger): Promise<RemoteKeyStore> {
  const deadline = Date.now() + KEYSTORE_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await RemoteKeyStore.connect({
        address: config.keystore.address,
        ...(config.keystore.sharedSecret ? { sharedSecret: config.keystore.sharedSecret.bytes() } : {}),
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!/UNAVAILABLE/.test(message) || Date.now() > deadline) throw e;
      if (attempt === 1) logger.info({ address: config.keystore.address }, 'waiting for the keystore');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const KEYSTORE_WAIT_MS = 120_000;

async function untilSignal(): Promise<string> {
  return new Promise((done) => {
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
}

export async function start(o: StartOptions): Promise<number> {
  switch (o.service) {
    case 'coordinator': {
      const config = await loadConfig('coordinator', { file: configFile(o, 'coordinator') });
      const logger = createLogger({ name: 'coordinator', level: config.log.level });
      const running = await startCoordinatorService({ config, logger });
      logger.info({ signal: await untilSignal() }, 'shutting down');
      await running.close();
      return 0;
    }
    case 'keystore': {
      const config = await loadConfig('keystore', {
        file: configFile(o, 'keystore'),
        ...(prompt ? { prompt } : {}),
      });
      const logger = createLogger({ name: `keystore.${config.node.id}`, level: config.log.level });
      const store = await SqliteKeyStore.open(keystoreOpenOptions(config));
      const server = await startKeystoreServer({
        store,
        address: config.keystore.address,
        ...(config.keystore.sharedSecret ? { sharedSecret: config.keystore.sharedSecret.bytes() } : {}),
        onError: (err: unknown) =>
          logger.error({ err: err instanceof Error ? err.message : 'unknown error' }, 'keystore call failed'),
      });
      logger.info({ address: server.address }, 'keystore ready');
      logger.info({ signal: await untilSignal() }, 'shutting down');
      await server.close();
      await store.close();
      logger.info('keystore stopped');
      return 0;
    }
    case 'signer': {
      const config = await loadConfig('signer', { file: configFile(o, 'signer') });
      const logger = createLogger({ name: `signer.${config.node.id}`, level: config.log.level });
      const keystore = await connectKeystore(config, logger);
      const signer = await startSignerService({ config, keystore, logger });
      logger.info({ signal: await untilSignal() }, 'shutting down');
      await signer.close();
      await keystore.close();
      return 0;
    }
    case 'node': {
      const signerConfig = await loadConfig('signer', { file: configFile(o, 'signer') });
      const keystoreConfig = await loadConfig('keystore', {
        file: configFile({ ...o, config: undefined }, 'keystore'),
        ...(prompt ? { prompt } : {}),
      });
      const logger = createLogger({ name: `node.${signerConfig.node.id}`, level: signerConfig.log.level });
      const keystore = await SqliteKeyStore.open(keystoreOpenOptions(keystoreConfig));
      const signer = await startSignerService({ config: signerConfig, keystore, logger });
      logger.info({ signal: await untilSignal() }, 'shutting down');
      await signer.close();
      await keystore.close();
      return 0;
    }
  }
}
