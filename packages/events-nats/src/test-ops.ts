/** Test helpers (not exported): final operations of each kind and a collecting subscriber. */
import { create } from '@bufbuild/protobuf';
import {
  type Operation,
  OperationErrorSchema,
  OperationSchema,
  OperationState,
  SignatureResultSchema,
  WalletSchema,
} from '@mpcium/proto';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type ResultSubscription,
  type SubscribeResultsOptions,
  subscribeResults,
} from './subscribe-results.js';

export function walletOp(id: string): Operation {
  return create(OperationSchema, {
    operationId: id,
    state: OperationState.SUCCEEDED,
    result: { case: 'wallet', value: create(WalletSchema, { walletId: `w-${id}` }) },
  });
}

export function signatureOp(id: string): Operation {
  return create(OperationSchema, {
    operationId: id,
    state: OperationState.SUCCEEDED,
    result: { case: 'signature', value: create(SignatureResultSchema, { signature: new Uint8Array(64) }) },
  });
}

export function failedOp(id: string): Operation {
  return create(OperationSchema, {
    operationId: id,
    state: OperationState.FAILED,
    result: { case: 'error', value: create(OperationErrorSchema, { code: 'ABORTED' }) },
  });
}

export interface Collector extends ResultSubscription {
  /** Operation ids in the order they were handled. */
  readonly ids: string[];
}

export async function collect(
  nc: NatsConnection,
  options: Omit<SubscribeResultsOptions, 'onEvent'> & { onEvent?: (op: Operation) => Promise<void> | void },
): Promise<Collector> {
  const ids: string[] = [];
  const sub = await subscribeResults(nc, {
    ...options,
    onEvent: async (op) => {
      await options.onEvent?.(op);
      ids.push(op.operationId);
    },
  });
  return Object.assign(sub, { ids });
}
