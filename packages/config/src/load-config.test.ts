import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clusterNode, initiatorKeys, nodeIdentity, peerDirectory } from './cluster-keys.js';
import { ConfigError } from './config-error.js';
import type { CoordinatorConfig } from './coordinator-config.js';
import { envVarNames } from './env-vars.js';
import { loadConfig } from './load-config.js';
import { allObjects, freshCluster } from './test-fixtures.js';

describe('loadConfig reads what initCluster wrote', () => {
  test('coordinator: loopback defaults, the cluster file and its initiator keys', async (t) => {
    const s = freshCluster(t, { nodes: 5, threshold: 4, initiatorKeys: 2, profile: 'strong' });
    const c = await loadConfig('coordinator', { file: s.coordinatorConfig, env: {} });
    assert.equal(c.kind, 'coordinator');
    assert.equal(c.grpc.listen, '127.0.0.1:50051');
    assert.equal(c.nats.url, 'nats://127.0.0.1:4222');
    assert.equal(c.redis.url, 'redis://127.0.0.1:6379');
    assert.deepEqual(c.intent, { maxValidityMs: 300_000, maxSkewMs: 30_000, maxMessageBytes: 1 << 20 });
    assert.ok(c.timeouts.keygenMs > 0 && c.timeouts.signMs > 0 && c.timeouts.reshareMs > 0);
    assert.equal(c.cluster.file, s.clusterFile);
    assert.equal(c.cluster.profile, 'strong');
    assert.equal(c.cluster.threshold, 4);
    assert.deepEqual(
      c.cluster.nodes.map((n) => [n.id, n.party, n.publicKey]),
      s.nodes.map((n) => [n.id, n.party, n.publicKey]),
    );
    const keys = initiatorKeys(c.cluster);
    assert.deepEqual([...keys.keys()], ['initiator0', 'initiator1']);
    assert.equal(Buffer.from(keys.get('initiator1')!.publicKey).toString('hex'), s.initiators[1]!.publicKey);
    assert.deepEqual(peerDirectory(c.cluster).parties, [1, 2, 3, 4, 5]);
  });

  test('signer: every node, with its party, identity and distinct ports', async (t) => {
    const s = freshCluster(t);
    const listens = new Set<string>();
    for (const node of s.nodes) {
      const c = await loadConfig('signer', { file: node.signerConfig, env: {} });
      assert.deepEqual(c.node, { id: node.id, party: node.party });
      assert.equal(c.identity.publicKey, node.publicKey);
      assert.equal(c.keystore.address, node.keystoreAddress);
      assert.equal(c.keystore.sharedSecret?.length, 64);
      assert.equal(clusterNode(c.cluster, node.id)?.party, node.party);
      const identity = nodeIdentity(c);
      assert.equal(identity.party, node.party);
      assert.equal(Buffer.from(identity.publicKey).toString('hex'), node.publicKey);
      listens.add(c.admin.listen).add(c.keystore.address);
    }
    listens.add(s.coordinatorListen);
    assert.equal(listens.size, 2 * s.nodes.length + 1, 'every service has its own port');
  });

  test('keystore: database beside its config, password from the file', async (t) => {
    const s = freshCluster(t);
    for (const node of s.nodes) {
      const c = await loadConfig('keystore', { file: node.keystoreConfig, env: {} });
      assert.equal(c.node.id, node.id);
      assert.equal(c.keystore.database, `${node.dir}/keystore.sqlite`);
      assert.equal(c.keystore.unlock.source, 'password-file');
      assert.equal(c.keystore.address, node.keystoreAddress);
    }
  });

  test('loaded configs are deeply frozen', async (t) => {
    const s = freshCluster(t);
    const node = s.nodes[0]!;
    const configs = [
      await loadConfig('coordinator', { file: s.coordinatorConfig, env: {} }),
      await loadConfig('signer', { file: node.signerConfig, env: {} }),
      await loadConfig('keystore', { file: node.keystoreConfig, env: {} }),
    ];
    for (const config of configs) {
      for (const o of allObjects(config))
        assert.ok(Object.isFrozen(o), `${config.kind}: ${JSON.stringify(o)}`);
    }
    const c = configs[0] as CoordinatorConfig;
    assert.throws(() => {
      (c as { nats: { url: string } }).nats.url = 'nats://evil:4222';
    }, TypeError);
    assert.throws(() => (c.cluster.nodes as unknown[]).push({}), TypeError);
  });

  test('an unknown kind is a TypeError', async () => {
    await assert.rejects(loadConfig('gateway' as 'signer', { file: 'x.yaml', env: {} }), TypeError);
  });
});

describe('environment overrides: MPCIUM_<SECTION>_<FIELD>', () => {
  test('override file values, are validated, and are typed', async (t) => {
    const s = freshCluster(t);
    const env = {
      MPCIUM_NATS_URL: 'nats://nats.internal:4333',
      MPCIUM_GRPC_LISTEN: '0.0.0.0:6000',
      MPCIUM_REDIS_URL: 'memory',
      MPCIUM_INTENT_MAX_SKEW_MS: '5000',
      MPCIUM_TIMEOUTS_SIGN_MS: '12000',
      MPCIUM_LOG_LEVEL: 'debug',
      MPCIUM_CLUSTER_NAME: 'ignored: no such field, and other services share the environment',
      MPCIUM_KEYSTORE_PASSWORD: 'not read by the coordinator',
    };
    const c = await loadConfig('coordinator', { file: s.coordinatorConfig, env });
    assert.equal(c.nats.url, 'nats://nats.internal:4333');
    assert.equal(c.grpc.listen, '0.0.0.0:6000');
    assert.equal(c.redis.url, 'memory');
    assert.equal(c.intent.maxSkewMs, 5000);
    assert.equal(c.timeouts.signMs, 12_000);
    assert.equal(c.log.level, 'debug');
  });

  test('signer and keystore overrides, relative paths against the config file', async (t) => {
    const s = freshCluster(t);
    const node = s.nodes[1]!;
    const env = {
      MPCIUM_POOLS_NONCES: '7',
      MPCIUM_SESSIONS_MAX_CONCURRENT: '3',
      MPCIUM_KEYSTORE_ADDRESS: 'unix:ks.sock',
      MPCIUM_KEYSTORE_DATABASE: 'other.sqlite',
      MPCIUM_KEYSTORE_PROMPT: '',
      MPCIUM_ADMIN_LISTEN: '127.0.0.1:7000',
      MPCIUM_GRPC_LISTEN: '0.0.0.0:1',
    };
    const signer = await loadConfig('signer', { file: node.signerConfig, env });
    assert.equal(signer.pools.nonces, 7);
    assert.equal(signer.sessions.maxConcurrent, 3);
    assert.equal(
      signer.admin.listen,
      '127.0.0.1:7000',
      "the coordinator's MPCIUM_GRPC_LISTEN is not the signer's",
    );
    assert.equal(signer.keystore.address, `unix:${node.dir}/ks.sock`);
    const keystore = await loadConfig('keystore', { file: node.keystoreConfig, env });
    assert.equal(keystore.keystore.address, signer.keystore.address, 'one variable sets both ends');
    assert.equal(keystore.keystore.database, `${node.dir}/other.sqlite`);
  });

  test('an invalid override names the variable, the field and what is expected', async (t) => {
    const s = freshCluster(t);
    const file = s.coordinatorConfig;
    const cases: [Record<string, string>, RegExp][] = [
      [
        { MPCIUM_NATS_URL: 'http://127.0.0.1:4222' },
        /nats\.url: expected nats:\/\/host:port \(from MPCIUM_NATS_URL/,
      ],
      [
        { MPCIUM_INTENT_MAX_SKEW_MS: 'soon' },
        /intent\.maxSkewMs: expected an integer .*MPCIUM_INTENT_MAX_SKEW_MS/,
      ],
      [{ MPCIUM_TIMEOUTS_KEYGEN_MS: '5' }, /timeouts\.keygenMs: expected an integer from 1000 to 3600000/],
      [{ MPCIUM_REDIS_URL: 'redis://:hunter2@127.0.0.1:6379' }, /redis\.url: .*without credentials/],
      [{ MPCIUM_LOG_LEVEL: 'loud' }, /log\.level: expected one of fatal, error/],
    ];
    for (const [env, message] of cases) {
      const err = await loadConfig('coordinator', { file, env }).then(
        () => assert.fail(`accepted ${JSON.stringify(env)}`),
        (e: unknown) => e,
      );
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /coordinator\.yaml: /);
      assert.match(err.message, message);
      assert.doesNotMatch(err.message, /hunter2/, 'a refused URL is not echoed with its password');
    }
  });

  test('without env the process environment is read', async (t) => {
    const s = freshCluster(t);
    process.env.MPCIUM_LOG_LEVEL = 'warn';
    t.after(() => delete process.env.MPCIUM_LOG_LEVEL);
    const c = await loadConfig('coordinator', { file: s.coordinatorConfig });
    assert.equal(c.log.level, 'warn');
  });

  test('envVarNames documents the mapping', () => {
    const coordinator = envVarNames('coordinator');
    assert.ok(coordinator.some((v) => v.name === 'MPCIUM_NATS_URL' && v.path === 'nats.url'));
    assert.ok(
      coordinator.some(
        (v) => v.name === 'MPCIUM_INTENT_MAX_VALIDITY_MS' && v.path === 'intent.maxValidityMs',
      ),
    );
    const signer = envVarNames('signer').map((v) => v.name);
    assert.ok(signer.includes('MPCIUM_KEYSTORE_SHARED_SECRET_FILE'));
    assert.ok(signer.includes('MPCIUM_IDENTITY_KEY_FILE'));
    const keystore = envVarNames('keystore').map((v) => v.name);
    assert.ok(keystore.includes('MPCIUM_KEYSTORE_PASSWORD') && keystore.includes('MPCIUM_KEYSTORE_DATA_KEY'));
  });
});
