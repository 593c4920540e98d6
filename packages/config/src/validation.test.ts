import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from './config-error.js';
import { type ConfigKind, loadConfig } from './load-config.js';
import { freshCluster, writeYaml } from './test-fixtures.js';

const COORDINATOR = `grpc:
  listen: 127.0.0.1:50051
nats:
  url: nats://127.0.0.1:4222
redis:
  url: redis://127.0.0.1:6379
cluster:
  file: cluster.yaml
`;

async function refusal(kind: ConfigKind, file: string, env = {}): Promise<ConfigError> {
  const err = await loadConfig(kind, { file, env }).then(
    () => assert.fail(`${file} was accepted`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ConfigError, String(err));
  return err;
}

describe('coordinator.yaml errors name the file, the field and what is expected', () => {
  const cases: [string, string, RegExp][] = [
    [
      'missing field',
      COORDINATOR.replace(/nats:\n.*\n/, ''),
      /: nats\.url: expected nats:\/\/host:port \(missing\)$/,
    ],
    [
      'bad URL',
      COORDINATOR.replace('nats://127.0.0.1:4222', 'http://127.0.0.1:4222'),
      /coordinator\.yaml: nats\.url: expected nats:\/\/host:port \(got "http:\/\/127\.0\.0\.1:4222"\)$/,
    ],
    ['URL with a path', COORDINATOR.replace(':4222', ':4222/x'), /nats\.url: expected nats:\/\/host:port/],
    [
      'bad redis URL',
      COORDINATOR.replace('redis://', 'mysql://'),
      /redis\.url: expected redis:\/\/host:port\[\/db\] or memory/,
    ],
    [
      'bad listen address',
      COORDINATOR.replace('127.0.0.1:50051', 'localhost'),
      /grpc\.listen: expected host:port/,
    ],
    ['port out of range', COORDINATOR.replace(':50051', ':70000'), /grpc\.listen: expected host:port/],
    [
      'wrong type',
      `${COORDINATOR}intent:\n  maxSkewMs: "30s"\n`,
      /intent\.maxSkewMs: expected an integer from 0 to 600000 \(got "30s"\)$/,
    ],
    [
      'not an integer',
      `${COORDINATOR}timeouts:\n  signMs: 1500.5\n`,
      /timeouts\.signMs: expected an integer/,
    ],
    [
      'section of the wrong shape',
      `${COORDINATOR}intent: 5\n`,
      /intent: expected a mapping of fields \(5\)$/,
    ],
    [
      'unknown section',
      `${COORDINATOR}natz:\n  url: x\n`,
      /natz: expected one of the sections grpc, nats, .* \(unknown section\)$/,
    ],
    [
      'unknown field',
      COORDINATOR.replace('  url: nats', '  urll: nats'),
      /nats\.urll: expected one of url \(unknown field\)$/,
    ],
    [
      'YAML syntax',
      `${COORDINATOR}intent:\n maxSkewMs: [1\n`,
      /coordinator\.yaml: line \d+, column \d+: expected valid YAML/,
    ],
    [
      'duplicate key',
      `${COORDINATOR}nats:\n  url: nats://a:1\n`,
      /expected valid YAML \(Map keys must be unique/,
    ],
    ['not a mapping', '- a\n- b\n', /\(document\): expected a mapping of sections at the top level$/],
  ];
  for (const [name, text, message] of cases) {
    test(name, async (t) => {
      const s = freshCluster(t);
      const file = writeYaml(s.dir, 'coordinator.yaml', text);
      assert.match((await refusal('coordinator', file)).message, message);
    });
  }

  test('a missing file, and a broken cluster file named by it', async (t) => {
    const s = freshCluster(t);
    assert.match(
      (await refusal('coordinator', join(s.dir, 'nope.yaml'))).message,
      /nope\.yaml: \(file\): expected a readable YAML file/,
    );
    writeFileSync(s.clusterFile, readFileSync(s.clusterFile, 'utf8').replace('threshold: 2', 'threshold: 1'));
    assert.match(
      (await refusal('coordinator', s.coordinatorConfig)).message,
      /cluster\.yaml: threshold: expected an integer with floor\(n\/2\)\+1 <= threshold <= n, here 2 to 3/,
    );
  });
});

describe('signer.yaml cross-checks', () => {
  function signerText(s: ReturnType<typeof freshCluster>, k: number): string {
    return readFileSync(s.nodes[k]!.signerConfig, 'utf8');
  }

  test('node id must be listed in the cluster file', async (t) => {
    const s = freshCluster(t);
    const file = writeYaml(s.nodes[0]!.dir, 'x.yaml', signerText(s, 0).replace('"node0"', '"node9"'));
    assert.match(
      (await refusal('signer', file)).message,
      /x\.yaml: node\.id: expected a node listed in .*cluster\.yaml \(node0, node1, node2\) \(got "node9"\)/,
    );
    const bad = writeYaml(s.nodes[0]!.dir, 'y.yaml', signerText(s, 0).replace('"node0"', '"node.0"'));
    assert.match((await refusal('signer', bad)).message, /node\.id: expected a node id like node0/);
  });

  test("another node's identity key, or a malformed one, is refused", async (t) => {
    const s = freshCluster(t);
    const other = writeYaml(
      s.nodes[0]!.dir,
      'x.yaml',
      signerText(s, 0).replace('"identity.key"', `"${s.nodes[1]!.identityKeyFile}"`),
    );
    assert.match(
      (await refusal('signer', other)).message,
      /identity\.keyFile: expected the identity key of node0 whose public key the cluster file lists/,
    );
    writeFileSync(s.nodes[0]!.identityKeyFile, 'zz'.repeat(32));
    assert.match(
      (await refusal('signer', s.nodes[0]!.signerConfig)).message,
      /identity\.keyFile: expected a key file holding 64 hex characters/,
    );
  });

  test('keystore address: loopback or unix only; TCP needs a long enough shared secret', async (t) => {
    const s = freshCluster(t);
    const file = s.nodes[0]!.signerConfig;
    assert.match(
      (await refusal('signer', file, { MPCIUM_KEYSTORE_ADDRESS: '10.0.0.5:50200' })).message,
      /keystore\.address: expected unix:\/path\/to\/socket or a loopback address/,
    );
    const noSecret = writeYaml(
      s.nodes[0]!.dir,
      'x.yaml',
      signerText(s, 0).replace(/ {2}sharedSecretFile.*\n/, ''),
    );
    assert.match(
      (await refusal('signer', noSecret)).message,
      /keystore\.sharedSecretFile: expected a shared secret file when keystore\.address is a TCP port \(missing\)/,
    );
    writeFileSync(s.nodes[0]!.sharedSecretFile, 'short\n');
    assert.match(
      (await refusal('signer', file)).message,
      /keystore\.sharedSecretFile: expected a shared secret file of at least 32 characters/,
    );
    const long = `unix:/${'x'.repeat(120)}.sock`;
    assert.match(
      (await refusal('signer', file, { MPCIUM_KEYSTORE_ADDRESS: long })).message,
      /keystore\.address: expected a unix socket path of at most 107 bytes/,
    );
  });

  test('pool and concurrency bounds', async (t) => {
    const s = freshCluster(t);
    const file = s.nodes[0]!.signerConfig;
    assert.match(
      (await refusal('signer', file, { MPCIUM_SESSIONS_MAX_CONCURRENT: '0' })).message,
      /sessions\.maxConcurrent: expected an integer from 1 to 1024 \(from MPCIUM_SESSIONS_MAX_CONCURRENT, got 0\)/,
    );
    assert.match(
      (await refusal('signer', file, { MPCIUM_POOLS_PRESIGNATURES: '-1' })).message,
      /pools\.presignatures: expected an integer from 0 to 10000/,
    );
  });
});
