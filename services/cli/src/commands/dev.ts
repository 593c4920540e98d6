/**
 * `mpcium dev`: the embedded default as a running service. Coordinator, signers and keystores
 * of a 3-node 2-of-3 cluster in one process behind the gRPC WalletService on loopback; its
 * initiator key is written beside the data so `mpcium wallet create`, `sign` and `status` work
 * against it at once. State lives only as long as the process (a fresh data folder each start).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mapCoordinatorError, walletService } from '@mpcium/coordinator';
import { startServer } from '@mpcium/grpc';
import { bytesToHex } from '@noble/hashes/utils.js';
import { startEmbeddedCluster } from '../embedded.js';

export const DEFAULT_DEV_DIR = '.mpcium-dev';

export async function dev(options: { port: number; dataDir?: string; json: boolean }): Promise<number> {
  const root = resolve(options.dataDir ?? DEFAULT_DEV_DIR);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'initiator'), { recursive: true, mode: 0o700 });
  const say = (m: string) => (options.json ? undefined : console.log(m));
  say(`mpcium dev: embedded 2-of-3 cluster, data in ${root}`);
  const cluster = await startEmbeddedCluster({
    dataDir: join(root, 'nodes'),
    onProgress: (m) => say(`  ${m}`),
    presignPoolSize: 2,
    noncePoolSize: 8,
  });
  const keyFile = join(root, 'initiator', `${cluster.initiator.keyId}.key`);
  writeFileSync(keyFile, `${bytesToHex(cluster.initiator.secretKey)}\n`, { mode: 0o600 });
  const server = await startServer({
    port: options.port,
    services: [walletService(cluster.coordinator)],
    mapError: mapCoordinatorError,
    reflection: true,
    onError: (err, method) =>
      console.error(`${method} failed:`, err instanceof Error ? err.message : 'unknown error'),
  });
  const ready = {
    address: server.address,
    initiatorKeyFile: keyFile,
    keyId: cluster.initiator.keyId,
    nodes: cluster.nodeIds,
  };
  if (options.json) console.log(JSON.stringify({ ready }));
  else {
    say(`listening on ${server.address} (WalletService, health, reflection)`);
    say(`initiator key: ${keyFile}`);
    say(
      'try: mpcium wallet create my-wallet   then: mpcium sign --wallet my-wallet --key-type ed25519 --message hi',
    );
  }
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  say('shutting down: draining gRPC, closing keystores');
  await server.shutdown(5_000);
  await cluster.close();
  rmSync(root, { recursive: true, force: true });
  return 0;
}
