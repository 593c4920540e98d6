import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { loadConfig, type ServiceConfig } from './load-config.js';
import { createLogger, SECRET_FIELDS } from './logger.js';
import { redactedConfig } from './redacted-config.js';
import { Secret } from './secret.js';
import { freshCluster } from './test-fixtures.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('secrets never reach printed config or logs', () => {
  test('redactedConfig, JSON and inspect of every kind hold no secret', async (t) => {
    const s = freshCluster(t);
    const dataKey = randomBytes(32).toString('base64');
    const secrets = [
      ...s.nodes.flatMap((n) => [n.identityKeyFile, n.passwordFile, n.sharedSecretFile]),
      ...s.initiators.map((k) => k.secretKeyFile),
    ].map((f) => readFileSync(f, 'utf8').trim());
    secrets.push(dataKey, 'env-password-123');
    for (const v of secrets) assert.ok(v.length >= 32 || v === 'env-password-123');

    const configs: ServiceConfig[] = [
      await loadConfig('coordinator', { file: s.coordinatorConfig, env: {} }),
    ];
    for (const node of s.nodes) {
      configs.push(
        await loadConfig('signer', { file: node.signerConfig, env: {} }),
        await loadConfig('keystore', { file: node.keystoreConfig, env: {} }),
        await loadConfig('keystore', {
          file: node.keystoreConfig,
          env: { MPCIUM_KEYSTORE_DATA_KEY: dataKey },
        }),
        await loadConfig('keystore', {
          file: node.keystoreConfig,
          env: { MPCIUM_KEYSTORE_PASSWORD: 'env-password-123' },
        }),
      );
    }
    for (const config of configs) {
      const printed = [
        JSON.stringify(redactedConfig(config)),
        JSON.stringify(config),
        inspect(config, { depth: null }),
        `${Object.values(config)}`,
      ];
      for (const out of printed) {
        for (const secret of secrets) assert.ok(!out.includes(secret), `${config.kind} printed a secret`);
      }
    }
    const signer = redactedConfig(configs[1]!) as { identity: { secretKey: string; keyFile: string } };
    assert.equal(signer.identity.secretKey, '<redacted>');
    assert.equal(signer.identity.keyFile, s.nodes[0]!.identityKeyFile, 'paths to secrets are not secrets');
  });

  test('redactedConfig also hides secret-named fields that are not wrapped', () => {
    const out = redactedConfig({
      a: { password: 'p', nested: [{ sharedSecret: 's', dataKey: new Uint8Array(2) }] },
    });
    assert.deepEqual(out, {
      a: { password: '<redacted>', nested: [{ sharedSecret: '<redacted>', dataKey: '<redacted>' }] },
    });
  });

  test('log lines censor every secret field, at any depth up to 3, and authorization headers', () => {
    const out = capture();
    const log = createLogger({ name: 'test', level: 'info', destination: out.stream });
    const values = Object.fromEntries(
      SECRET_FIELDS.map((f) => [f, `SECRET-${f}-${randomBytes(4).toString('hex')}`]),
    );
    log.info(
      {
        ...values,
        session: { ...values, id: 'sess-1' },
        round: { peer: { ...values }, deep: { er: { ...values } } },
        req: { headers: { authorization: 'Bearer TOKEN-1', 'content-type': 'application/grpc' } },
        headers: { authorization: 'Basic TOKEN-2' },
      },
      'round done',
    );
    const text = out.text();
    for (const v of [...Object.values(values), 'TOKEN-1', 'TOKEN-2'])
      assert.ok(!text.includes(v), `leaked ${v}`);
    const [line] = out.lines();
    assert.ok(line);
    assert.equal(line.msg, 'round done');
    assert.equal(line.name, 'test');
    assert.equal(line.password, '[Redacted]');
    assert.equal((line.session as Record<string, unknown>).signingShare, '[Redacted]');
    assert.equal((line.session as Record<string, unknown>).id, 'sess-1', 'other fields stay');
    const deep = (line.round as { deep: { er: Record<string, unknown> } }).deep.er;
    assert.equal(deep.presignature, '[Redacted]');
    const req = line.req as { headers: Record<string, unknown> };
    assert.equal(req.headers.authorization, '[Redacted]');
    assert.equal(req.headers['content-type'], 'application/grpc');
    assert.equal((line.headers as Record<string, unknown>).authorization, '[Redacted]');
  });

  test('logging a loaded config or a Secret prints no secret; levels filter', async (t) => {
    const s = freshCluster(t);
    const node = s.nodes[0]!;
    const signer = await loadConfig('signer', { file: node.signerConfig, env: {} });
    const out = capture();
    const log = createLogger({ name: 'signer.node0', level: 'info', destination: out.stream });
    log.info({ config: signer, secret: new Secret('plain-secret-value') }, 'starting');
    log.info({ config: redactedConfig(signer) }, 'starting (redacted)');
    log.debug({ detail: 'hidden' }, 'debug line');
    const text = out.text();
    assert.equal(out.lines().length, 2);
    for (const f of [node.identityKeyFile, node.sharedSecretFile, node.passwordFile]) {
      assert.ok(!text.includes(readFileSync(f, 'utf8').trim()));
    }
    assert.ok(!text.includes('plain-secret-value'));
    assert.ok(!text.includes('hidden'));
  });
});
