import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKeystoreAddress } from './address.js';

test('unix sockets need an absolute path', () => {
  assert.deepEqual(parseKeystoreAddress('unix:/run/mpcium/ks.sock'), {
    kind: 'unix',
    path: '/run/mpcium/ks.sock',
  });
  for (const bad of ['unix:ks.sock', 'unix:', 'unix://host/ks.sock', 'unix:./ks.sock'])
    assert.throws(() => parseKeystoreAddress(bad), RangeError, bad);
});

test('TCP hosts must be literal loopback IPs: 127.0.0.0/8 or ::1', () => {
  assert.deepEqual(parseKeystoreAddress('127.0.0.1:7070'), { kind: 'tcp', host: '127.0.0.1', port: 7070 });
  assert.deepEqual(parseKeystoreAddress('127.3.2.1:0'), { kind: 'tcp', host: '127.3.2.1', port: 0 });
  assert.deepEqual(parseKeystoreAddress('[::1]:7070'), { kind: 'tcp', host: '::1', port: 7070 });
  for (const bad of [
    '0.0.0.0:7070',
    '10.0.0.7:7070',
    '128.0.0.1:7070',
    '[::]:7070',
    '[fe80::1]:7070',
    'localhost:7070',
    'keystore.internal:7070',
    '::1:7070',
    '127.0.0.1',
    '127.0.0.1:70000',
    '127.0.0.1:-1',
    '',
  ])
    assert.throws(() => parseKeystoreAddress(bad), RangeError, bad);
  assert.throws(() => parseKeystoreAddress(7070 as unknown as string), TypeError);
});
