import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { OperationSchema, OperationState } from '@mpcium/proto';
import { MAX_RESULT_EVENT_BYTES, parseResultEvent, resultKind } from './result-event.js';
import { failedOp, signatureOp, walletOp } from './test-ops.js';

test('the kind of a final operation names its result', () => {
  assert.equal(resultKind(walletOp('a')), 'wallet');
  assert.equal(resultKind(signatureOp('a')), 'signature');
  assert.equal(resultKind(failedOp('a')), 'error');
});

test('a result event round-trips through its wire bytes', () => {
  const op = signatureOp('op-7');
  const parsed = parseResultEvent(toBinary(OperationSchema, op));
  assert.ok(parsed);
  assert.deepEqual(toBinary(OperationSchema, parsed), toBinary(OperationSchema, op));
});

test('bytes that are not a final operation are malformed', () => {
  const running = create(OperationSchema, { operationId: 'x', state: OperationState.RUNNING });
  assert.equal(parseResultEvent(toBinary(OperationSchema, running)), undefined);
  assert.equal(parseResultEvent(new Uint8Array()), undefined, 'no operation id');
  assert.equal(parseResultEvent(new TextEncoder().encode('not an operation')), undefined);
  const huge = toBinary(OperationSchema, { ...walletOp('a'), progress: 'x'.repeat(MAX_RESULT_EVENT_BYTES) });
  assert.equal(parseResultEvent(huge), undefined);
});
