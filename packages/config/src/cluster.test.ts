import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { type ClusterConfig, loadCluster, minThreshold, parseCluster } from './cluster.js';
import { ConfigError } from './config-error.js';
import { freshCluster, writeYaml } from './test-fixtures.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const edKey = () => hex(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));

function valid(n = 3) {
  return {
    name: 'test',
    profile: 'standard',
    threshold: minThreshold(n),
    nodes: Array.from({ length: n }, (_, k) => ({ id: `node${k}`, party: k + 1, publicKey: edKey() })),
    initiators: [{ keyId: 'initiator0', scheme: 'ed25519', publicKey: edKey() }],
  };
}

type Data = ReturnType<typeof valid>;

function refused(data: unknown): string {
  const err = (() => {
    try {
      parseCluster(data, 'cluster.yaml');
    } catch (e) {
      return e;
    }
    return assert.fail('accepted');
  })();
  assert.ok(err instanceof ConfigError, String(err));
  return err.message;
}

function edit(change: (d: Data) => void): Data {
  const d = structuredClone(valid());
  change(d);
  return d;
}

describe('cluster file', () => {
  test('a valid file parses, frozen, keys normalised to lowercase', () => {
    const d = valid(4);
    d.nodes[0]!.publicKey = d.nodes[0]!.publicKey.toUpperCase();
    const c: ClusterConfig = parseCluster(d, 'cluster.yaml');
    assert.equal(c.threshold, 3);
    assert.equal(c.nodes[0]!.publicKey, d.nodes[0]!.publicKey.toLowerCase());
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.nodes) && Object.isFrozen(c.nodes[0]));
  });

  test('threshold rule floor(n/2)+1 <= t <= n', () => {
    for (const [n, lo] of [
      [2, 2],
      [3, 2],
      [4, 3],
      [5, 3],
      [7, 4],
    ] as const) {
      assert.equal(minThreshold(n), lo);
      const d = valid(n);
      for (const t of [lo - 1, n + 1, 0, 2.5, '2']) {
        d.threshold = t as number;
        assert.match(
          refused(d),
          new RegExp(
            `^cluster\\.yaml: threshold: expected an integer with floor\\(n/2\\)\\+1 <= threshold <= n, here ${lo} to ${n} \\(got `,
          ),
        );
      }
      for (let t = lo; t <= n; t++) parseCluster({ ...d, threshold: t }, 'cluster.yaml');
    }
  });

  test('missing field and wrong type', () => {
    assert.match(refused(edit((d) => delete (d as Partial<Data>).threshold)), /threshold: .* \(missing\)$/);
    assert.match(
      refused(edit((d) => ((d as { name: unknown }).name = 5))),
      /^cluster\.yaml: name: expected a cluster name/,
    );
    assert.match(
      refused(edit((d) => ((d as { nodes: unknown }).nodes = 'node0'))),
      /^cluster\.yaml: nodes: expected a non-empty list of nodes/,
    );
    assert.match(
      refused(edit((d) => ((d.nodes[1] as { party: unknown }).party = '2'))),
      /nodes\[1\]\.party: expected a party index from 1 to 65535 \(got "2"\)/,
    );
    assert.match(refused(edit((d) => (d.nodes[1]!.party = 0))), /nodes\[1\]\.party: expected a party index/);
    assert.match(
      refused(edit((d) => delete (d.nodes[2] as Partial<Data['nodes'][0]>).id)),
      /nodes\[2\]\.id: expected a node id like node0 \(missing\)/,
    );
    assert.match(
      refused(edit((d) => ((d as Record<string, unknown>).peers = []))),
      /^cluster\.yaml: peers: expected one of name, profile/,
    );
    assert.match(
      refused(edit((d) => ((d.nodes[0] as Record<string, unknown>).host = 'x'))),
      /nodes\[0\]\.host: expected one of id, party, publicKey \(unknown field\)/,
    );
    assert.match(refused(['a']), /\(document\): expected a mapping/);
  });

  test('unknown profile', () => {
    assert.match(
      refused(edit((d) => (d.profile = 'paranoid'))),
      /^cluster\.yaml: profile: expected one of standard, strong \(got "paranoid"\)$/,
    );
  });

  test('duplicate node id, party index or identity key', () => {
    assert.match(
      refused(edit((d) => (d.nodes[2]!.id = 'node0'))),
      /nodes\[2\]\.id: expected a node id not used twice \(same as nodes\[0\]\)/,
    );
    assert.match(
      refused(edit((d) => (d.nodes[1]!.party = 1))),
      /nodes\[1\]\.party: expected a party index not used twice \(same as nodes\[0\]\)/,
    );
    assert.match(
      refused(edit((d) => (d.nodes[2]!.publicKey = d.nodes[1]!.publicKey.toUpperCase()))),
      /nodes\[2\]\.publicKey: expected an identity key not used twice \(same as nodes\[1\]\)/,
    );
    assert.match(
      refused(edit((d) => d.initiators.push({ ...d.initiators[0]!, publicKey: edKey() }))),
      /initiators\[1\]\.keyId: expected a key id not used twice/,
    );
  });

  test('bad key hex', () => {
    const expected = /nodes\[0\]\.publicKey: expected 64 hex characters \(an Ed25519 public key\)/;
    assert.match(refused(edit((d) => (d.nodes[0]!.publicKey = 'abcd'))), expected);
    assert.match(refused(edit((d) => (d.nodes[0]!.publicKey = `${'g'.repeat(64)}`))), expected);
    assert.match(refused(edit((d) => ((d.nodes[0] as { publicKey: unknown }).publicKey = 1234))), expected);
    // Not a point, and a small-order point: both well-formed hex.
    const notOnCurve = `${'ff'.repeat(31)}7f`;
    assert.match(
      refused(edit((d) => (d.nodes[0]!.publicKey = notOnCurve))),
      /not a valid curve point of full order/,
    );
    const identity = `01${'00'.repeat(31)}`;
    assert.match(
      refused(edit((d) => (d.nodes[0]!.publicKey = identity))),
      /not a valid curve point of full order/,
    );
    assert.match(
      refused(edit((d) => (d.initiators[0]!.publicKey = 'abc'))),
      /initiators\[0\]\.publicKey: expected 64 hex characters/,
    );
  });

  test('initiators: ed25519 or p256, keys checked', () => {
    const p256Key = hex(p256.getPublicKey(p256.utils.randomSecretKey()));
    const ok = parseCluster(
      edit((d) => d.initiators.push({ keyId: 'wallet-backend:p256', scheme: 'p256', publicKey: p256Key })),
      'cluster.yaml',
    );
    assert.equal(ok.initiators[1]!.scheme, 'p256');
    assert.match(
      refused(edit((d) => (d.initiators[0]!.scheme = 'rsa'))),
      /initiators\[0\]\.scheme: expected one of ed25519, p256 \(got "rsa"\)/,
    );
    assert.match(
      refused(
        edit((d) => d.initiators.push({ keyId: 'p', scheme: 'p256', publicKey: `02${'ff'.repeat(32)}` })),
      ),
      /initiators\[1\]\.publicKey: expected hex of a SEC1 P-256 point .*not a valid public key/,
    );
    assert.match(
      refused(edit((d) => (d.initiators = []))),
      /^cluster\.yaml: initiators: expected a non-empty list of initiator keys/,
    );
    assert.match(
      refused(edit((d) => (d.initiators[0]!.keyId = 'has space'))),
      /initiators\[0\]\.keyId: expected a key id/,
    );
  });

  test('at least two nodes', () => {
    const d = valid(2);
    d.nodes.pop();
    d.threshold = 1;
    assert.match(refused(d), /^cluster\.yaml: nodes: expected from 2 to 255 nodes \(got 1\)$/);
  });

  test('loadCluster reads a file and keeps its absolute path', (t) => {
    const s = freshCluster(t);
    const c = loadCluster(s.clusterFile);
    assert.equal(c.file, s.clusterFile);
    const file = writeYaml(s.root, 'peers.yaml', 'name: x\nprofile: standard\nthreshold: 2\nnodes: []\n');
    assert.throws(() => loadCluster(file), /peers\.yaml: nodes: expected a non-empty list of nodes/);
  });
});
