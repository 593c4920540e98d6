import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { loadCluster } from './cluster.js';
import { initCluster } from './init-cluster.js';
import { ClusterExistsError } from './init-dir.js';
import { loadConfig } from './load-config.js';
import { freshCluster, tempDir } from './test-fixtures.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('initCluster', () => {
  test('secret files are 0600 in 0700 directories; configs and the cluster file are 0644', (t) => {
    const s = freshCluster(t, { nodes: 4 });
    for (const node of s.nodes) {
      assert.equal(mode(node.dir), 0o700, node.dir);
      for (const f of [node.identityKeyFile, node.passwordFile, node.sharedSecretFile])
        assert.equal(mode(f), 0o600, f);
      for (const f of [node.signerConfig, node.keystoreConfig]) assert.equal(mode(f), 0o644, f);
    }
    assert.equal(mode(join(s.dir, 'initiator')), 0o700);
    for (const k of s.initiators) assert.equal(mode(k.secretKeyFile), 0o600);
    assert.equal(mode(s.clusterFile), 0o644);
    assert.equal(mode(s.coordinatorConfig), 0o644);
  });

  test('key files hold the keys the summary and the cluster file list', (t) => {
    const s = freshCluster(t, { initiatorKeys: 3 });
    const cluster = loadCluster(s.clusterFile);
    for (const [i, node] of s.nodes.entries()) {
      const seed = Buffer.from(readFileSync(node.identityKeyFile, 'utf8').trim(), 'hex');
      assert.equal(Buffer.from(ed25519.getPublicKey(seed)).toString('hex'), node.publicKey);
      assert.deepEqual(cluster.nodes[i], { id: `node${i}`, party: i + 1, publicKey: node.publicKey });
    }
    assert.equal(s.initiators.length, 3);
    for (const [i, k] of s.initiators.entries()) {
      const seed = Buffer.from(readFileSync(k.secretKeyFile, 'utf8').trim(), 'hex');
      assert.equal(Buffer.from(ed25519.getPublicKey(seed)).toString('hex'), k.publicKey);
      assert.deepEqual(cluster.initiators[i], {
        keyId: `initiator${i}`,
        scheme: 'ed25519',
        publicKey: k.publicKey,
      });
    }
    const keys = new Set([...s.nodes.map((n) => n.publicKey), ...s.initiators.map((k) => k.publicKey)]);
    assert.equal(keys.size, s.nodes.length + 3, 'every key is fresh');
  });

  test('the summary carries no secret', (t) => {
    const s = freshCluster(t);
    const summary = JSON.stringify(s);
    const files = [
      ...s.nodes.flatMap((n) => [n.identityKeyFile, n.passwordFile, n.sharedSecretFile]),
      ...s.initiators.map((k) => k.secretKeyFile),
    ];
    for (const f of files) assert.ok(!summary.includes(readFileSync(f, 'utf8').trim()), f);
    assert.ok(Object.isFrozen(s.nodes[0]));
  });

  test('options: threshold, profile, name, URLs and ports reach the configs', async (t) => {
    const s = freshCluster(t, {
      nodes: 5,
      threshold: 5,
      profile: 'strong',
      name: 'prod-eu',
      natsUrl: 'nats://10.0.0.2:4223',
      redisUrl: 'memory',
      ports: { coordinator: 40000, signer: 41000, keystore: 42000 },
    });
    const c = await loadConfig('coordinator', { file: s.coordinatorConfig, env: {} });
    assert.equal(c.grpc.listen, '127.0.0.1:40000');
    assert.equal(c.redis.url, 'memory');
    assert.deepEqual([c.cluster.name, c.cluster.profile, c.cluster.threshold], ['prod-eu', 'strong', 5]);
    const signer = await loadConfig('signer', { file: s.nodes[4]!.signerConfig, env: {} });
    assert.equal(signer.nats.url, 'nats://10.0.0.2:4223');
    assert.equal(signer.admin.listen, '127.0.0.1:41004');
    assert.equal(signer.keystore.address, '127.0.0.1:42004');
  });

  test('invalid options are refused before anything is written', (t) => {
    const dir = join(tempDir(t), 'c');
    assert.throws(() => initCluster({ dir, nodes: 1 }), /nodes must be an integer from 2 to 100/);
    assert.throws(
      () => initCluster({ dir, nodes: 3, threshold: 1 }),
      /threshold must be an integer from 2 to 3/,
    );
    assert.throws(
      () => initCluster({ dir, nodes: 4, threshold: 5 }),
      /threshold must be an integer from 3 to 4/,
    );
    assert.throws(
      () => initCluster({ dir, nodes: 3, profile: 'weak' as 'strong' }),
      /profile must be one of/,
    );
    assert.throws(() => initCluster({ dir, nodes: 3, initiatorKeys: 0 }), /initiatorKeys must be/);
    assert.throws(
      () => initCluster({ dir, nodes: 3, natsUrl: 'http://x:1' }),
      /natsUrl must be nats:\/\/host:port/,
    );
    assert.throws(() => initCluster({ dir, nodes: 3, name: 'a b' }), /name must be/);
    assert.throws(() => statSync(dir), /ENOENT/);
  });

  test('refuses to overwrite an existing cluster unless forced', (t) => {
    const s = freshCluster(t);
    const before = readFileSync(s.clusterFile, 'utf8');
    const identity = readFileSync(s.nodes[0]!.identityKeyFile, 'utf8');
    assert.throws(() => initCluster({ dir: s.dir, nodes: 3 }), ClusterExistsError);
    assert.throws(() => initCluster({ dir: s.dir, nodes: 5 }), /already holds a cluster .*use force/);
    assert.equal(readFileSync(s.clusterFile, 'utf8'), before);
    assert.equal(readFileSync(s.nodes[0]!.identityKeyFile, 'utf8'), identity);

    const again = initCluster({ dir: s.dir, nodes: 2, force: true });
    assert.notEqual(readFileSync(s.clusterFile, 'utf8'), before);
    assert.notEqual(again.nodes[0]!.publicKey, s.nodes[0]!.publicKey);
    assert.throws(() => statSync(s.nodes[2]!.dir), /ENOENT/, 'nodes of the replaced cluster are gone');
    assert.equal(loadCluster(again.clusterFile).nodes.length, 2);
  });

  test('forced, it removes only its own files and never a node with a keystore database', (t) => {
    const s = freshCluster(t);
    writeFileSync(join(s.nodes[1]!.dir, 'keystore.sqlite'), 'shares');
    assert.throws(
      () => initCluster({ dir: s.dir, nodes: 3, force: true }),
      /node1 has a keystore database \(.*keystore\.sqlite\) holding key shares; move it away/,
    );
    assert.equal(readFileSync(join(s.nodes[1]!.dir, 'keystore.sqlite'), 'utf8'), 'shares');
    assert.ok(statSync(s.nodes[1]!.passwordFile).isFile(), 'its password file is kept');

    // A database elsewhere, named by the node's keystore.yaml, counts too.
    rmSync(join(s.nodes[1]!.dir, 'keystore.sqlite'));
    const elsewhere = join(s.root, 'data', 'node2.db');
    mkdirSync(join(s.root, 'data'));
    writeFileSync(elsewhere, 'shares');
    const config = s.nodes[2]!.keystoreConfig;
    writeFileSync(config, readFileSync(config, 'utf8').replace('"keystore.sqlite"', `"${elsewhere}"`));
    assert.throws(() => initCluster({ dir: s.dir, nodes: 3, force: true }), /node2 has a keystore database/);

    rmSync(elsewhere);
    writeFileSync(join(s.nodes[0]!.dir, 'notes.txt'), 'mine');
    initCluster({ dir: s.dir, nodes: 3, force: true });
    assert.equal(readFileSync(join(s.nodes[0]!.dir, 'notes.txt'), 'utf8'), 'mine', 'unknown files stay');
  });
});
