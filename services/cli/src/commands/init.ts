/**
 * `mpcium init`: writes a new cluster's node identities, keystore passwords, an initiator key
 * pair, the cluster (peers) file and one config per service (`@mpcium/config` initCluster).
 * Prints where everything went and the public keys; never a secret.
 */
import { initCluster } from '@mpcium/config';

export interface InitArgs {
  readonly dir: string;
  readonly nodes: number;
  readonly threshold?: number;
  readonly profile?: 'standard' | 'strong';
  readonly force: boolean;
  readonly json: boolean;
}

export function init(args: InitArgs): number {
  const summary = initCluster({
    dir: args.dir,
    nodes: args.nodes,
    ...(args.threshold !== undefined ? { threshold: args.threshold } : {}),
    ...(args.profile ? { profile: args.profile } : {}),
    force: args.force,
  });
  if (args.json) {
    console.log(JSON.stringify(summary));
    return 0;
  }
  console.log(
    `cluster ${summary.name}: ${summary.nodes.length} nodes, threshold ${summary.threshold}, ${summary.profile} profile`,
  );
  console.log(`  cluster file        ${summary.clusterFile}`);
  console.log(`  coordinator config  ${summary.coordinatorConfig} (gRPC ${summary.coordinatorListen})`);
  for (const n of summary.nodes) console.log(`  ${n.id.padEnd(8)} party ${n.party}  ${n.dir}`);
  for (const i of summary.initiators)
    console.log(`  initiator ${i.keyId}: secret key in ${i.secretKeyFile} (keep it with the wallet backend)`);
  return 0;
}
