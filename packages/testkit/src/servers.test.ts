import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { startNats, startRedis } from './servers.js';

/** Sends `request` (if any) and resolves with the first chunk the server writes back. */
function exchange(port: number, request?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      if (request) s.write(request);
    });
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString());
    });
    s.once('error', reject);
  });
}

test('nats-server starts on a loopback port with JetStream and stops cleanly', async () => {
  const nats = await startNats();
  try {
    const info = await exchange(nats.port);
    assert.match(info, /^INFO /);
    const parsed = JSON.parse(info.slice(5));
    assert.equal(parsed.jetstream, true);
    assert.equal(parsed.port, nats.port);
  } finally {
    await nats.stop();
  }
  assert.notEqual(nats.process.exitCode ?? nats.process.signalCode, null);
});

test('redis-server starts on a loopback port and answers PING', async () => {
  const redis = await startRedis();
  try {
    assert.equal(await exchange(redis.port, 'PING\r\n'), '+PONG\r\n');
  } finally {
    await redis.stop();
  }
});

test('a server that cannot start reports why', async () => {
  const redis = await startRedis();
  try {
    await assert.rejects(
      startRedis({ port: redis.port }),
      /redis-server: port \d+ on 127.0.0.1 is already in use/,
    );
  } finally {
    await redis.stop();
  }
});
