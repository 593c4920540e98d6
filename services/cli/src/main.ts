/**
 * The `mpcium` command: the embedded demo and dev cluster, `init` and `start` for a real
 * multi-process cluster, and client commands against a coordinator. Every command that prints a
 * result takes `--json`.
 */
import { parseArgs } from 'node:util';
import { sign, status, walletCreate } from './commands/client.js';
import { demo } from './commands/demo.js';
import { dev } from './commands/dev.js';
import { init } from './commands/init.js';
import { DEFAULT_CLUSTER_DIR, START_SERVICES, type StartService, start } from './commands/start.js';

const USAGE = `usage: mpcium <command> [options]

commands:
  demo [--json] [--data-dir DIR]   run the embedded 2-of-3 cluster: create a wallet, sign an
                                   Ethereum digest and an Ed25519 message, verify both
  dev [--port P] [--data-dir DIR] [--json]
                                   run the embedded cluster behind gRPC on 127.0.0.1 (default
                                   port 50051) until interrupted
  wallet create ID [--taproot]     create a wallet (ECDSA + Ed25519, Taproot on request)
  sign --wallet ID --key-type ecdsa|ed25519|taproot (--digest HEX | --message TEXT | --message-hex HEX)
  status                           the cluster's nodes and whether it can sign
    (client commands take --address HOST:PORT, --key FILE, --key-id ID and --json)
  init --dir DIR [--nodes N] [--threshold T] [--profile standard|strong] [--force] [--json]
                                   write a new cluster: node identities, keystore passwords, an
                                   initiator key pair, the peers file and a config per service
  start coordinator|signer|keystore|node [-n NODE] [--dir DIR | --config FILE]
                                   run one service of an initialised cluster (DIR defaults to
                                   ./${DEFAULT_CLUSTER_DIR}); \`node\` is a signer with its keystore
                                   in one process. JSON logs on stdout; SIGTERM stops it cleanly
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
    case 'dev': {
      const { values } = parseArgs({
        args: rest,
        options: {
          port: { type: 'string', default: '50051' },
          'data-dir': { type: 'string' },
          json: { type: 'boolean' },
        },
      });
      return dev({
        port: Number(values.port),
        json: values.json ?? false,
        ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      });
    }
    case 'start': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          node: { type: 'string', short: 'n' },
          dir: { type: 'string', default: DEFAULT_CLUSTER_DIR },
          config: { type: 'string', short: 'c' },
        },
      });
      const service = positionals[0] as StartService;
      if (!START_SERVICES.includes(service))
        throw new Error(`usage: mpcium start ${START_SERVICES.join('|')} [-n NODE] [--dir DIR]`);
      return start({
        service,
        dir: values.dir,
        ...(values.node ? { node: values.node } : {}),
        ...(values.config ? { config: values.config } : {}),
      });
    }
    case 'wallet':
    case 'sign':
    case 'status': {
      const sub = command === 'wallet' ? rest[0] : undefined;
      if (command === 'wallet' && sub !== 'create')
        throw new Error('usage: mpcium wallet create ID [--taproot]');
      const { values, positionals } = parseArgs({
        args: command === 'wallet' ? rest.slice(1) : rest,
        allowPositionals: true,
        options: {
          address: { type: 'string', default: '127.0.0.1:50051' },
          key: { type: 'string' },
          'key-id': { type: 'string' },
          json: { type: 'boolean' },
          taproot: { type: 'boolean' },
          wallet: { type: 'string' },
          'key-type': { type: 'string' },
          digest: { type: 'string' },
          message: { type: 'string' },
          'message-hex': { type: 'string' },
        },
      });
      const base = {
        address: values.address,
        json: values.json ?? false,
        ...(values.key ? { keyFile: values.key } : {}),
        ...(values['key-id'] ? { keyId: values['key-id'] } : {}),
      };
      if (command === 'status') return status(base);
      if (command === 'wallet') {
        if (!positionals[0]) throw new Error('usage: mpcium wallet create ID [--taproot]');
        return walletCreate({ ...base, walletId: positionals[0], taproot: values.taproot ?? false });
      }
      if (!values.wallet || !values['key-type']) throw new Error('sign needs --wallet and --key-type');
      return sign({
        ...base,
        walletId: values.wallet,
        keyType: values['key-type'],
        ...(values.digest ? { digestHex: values.digest } : {}),
        ...(values.message !== undefined ? { message: values.message } : {}),
        ...(values['message-hex'] ? { messageHex: values['message-hex'] } : {}),
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
