/**
 * The `mpcium` command. Implemented so far: `demo` (the embedded cluster). Every command that
 * prints a result takes `--json`.
 */
import { parseArgs } from 'node:util';
import { demo } from './commands/demo.js';
import { init } from './commands/init.js';

const USAGE = `usage: mpcium <command> [options]

commands:
  demo [--json] [--data-dir DIR]   run the embedded 2-of-3 cluster: create a wallet, sign an
                                   Ethereum digest and an Ed25519 message, verify both
  init --dir DIR [--nodes N] [--threshold T] [--profile standard|strong] [--force] [--json]
                                   write a new cluster: node identities, keystore passwords, an
                                   initiator key pair, the peers file and a config per service
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
      });
      return demo({
        json: values.json ?? false,
        ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      });
    }
    case 'init': {
      const { values } = parseArgs({
        args: rest,
        options: {
          dir: { type: 'string' },
          nodes: { type: 'string', default: '3' },
          threshold: { type: 'string' },
          profile: { type: 'string' },
          force: { type: 'boolean' },
          json: { type: 'boolean' },
        },
      });
      if (!values.dir) throw new Error('init needs --dir');
      if (values.profile && values.profile !== 'standard' && values.profile !== 'strong') {
        throw new Error('--profile must be standard or strong');
      }
      return init({
        dir: values.dir,
        nodes: Number(values.nodes),
        ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
        ...(values.profile ? { profile: values.profile as 'standard' | 'strong' } : {}),
        force: values.force ?? false,
        json: values.json ?? false,
      });
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`mpcium: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`mpcium: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
