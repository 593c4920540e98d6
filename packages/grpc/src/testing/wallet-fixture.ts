// Test-only: a partial WalletService on a real loopback server, with a typed client. GetWallet
// and WatchOperation behave according to the id they are given; the other methods are left
// out and so answer UNIMPLEMENTED.
import { type MessageInitShape, protoInt64 } from '@bufbuild/protobuf';
import { KeyType, OperationState, WalletService, type WatchOperationResponseSchema } from '@mpcium/proto';
import { service } from '../add-service.js';
import { AsyncQueue } from '../async-queue.js';
import { createClient } from '../client.js';
import { Code, GrpcError } from '../errors.js';
import { type RunningGrpcServer, type StartServerOptions, startServer } from '../server.js';
import type { Client, HandlerContext } from '../types.js';

export const PUBLIC_KEY = Uint8Array.from({ length: 33 }, (_, i) => i + 2);
export const LEAKY_SECRET = 'db password hunter2 at 10.0.0.7';

/** A handler that saw its signal abort, and why. */
export interface Abort {
  readonly id: string;
  readonly reason: unknown;
}

export interface WalletFixture {
  readonly server: RunningGrpcServer;
  readonly client: Client<typeof WalletService>;
  /** The next handler to see its signal abort, with the abort's status code. */
  nextAbort(): Promise<{ id: string; code: Code }>;
  /** Failures passed to onError, with their method. */
  readonly errors: { err: unknown; method: string }[];
  /** How many times each handler was entered. */
  readonly calls: Map<string, number>;
  close(): Promise<void>;
}

function waitForAbort(id: string, ctx: HandlerContext, aborts: AsyncQueue<Abort>): Promise<never> {
  return new Promise((_, reject) => {
    const onAbort = () => {
      aborts.push({ id, reason: ctx.signal.reason });
      reject(ctx.signal.reason);
    };
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
}

function operation(id: string, state: OperationState, progress = '') {
  return { operation: { operationId: id, state, progress, createdAtMs: protoInt64.parse(1) } };
}

export async function startWalletFixture(options: Partial<StartServerOptions> = {}): Promise<WalletFixture> {
  const aborts = new AsyncQueue<Abort>();
  const errors: { err: unknown; method: string }[] = [];
  const calls = new Map<string, number>();
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  const server = await startServer({
    port: 0,
    onError: (err, method) => errors.push({ err, method }),
    ...options,
    services: [
      service(WalletService, {
        async getWallet(request, ctx) {
          count('getWallet');
          switch (request.walletId) {
            case 'missing':
              throw new GrpcError(Code.NOT_FOUND, 'wallet "missing" not found');
            case 'boom':
              throw new Error(LEAKY_SECRET);
            case 'unencodable':
              // uint32 cannot hold -1: toBinary refuses it.
              return { wallet: { walletId: 'u', keys: [{ version: -1 }] } };
            case 'slow':
              return waitForAbort('slow', ctx, aborts);
            case 'context':
              return {
                wallet: {
                  walletId: [
                    ctx.method,
                    ctx.peer,
                    ctx.metadata.get('x-request-id')[0] ?? '',
                    ctx.deadline ? 'deadline' : 'none',
                  ].join('|'),
                },
              };
            default:
              return {
                wallet: {
                  walletId: request.walletId,
                  createdAtMs: protoInt64.parse('1700000000000'),
                  keys: [
                    { keyType: KeyType.ECDSA_SECP256K1, publicKey: PUBLIC_KEY, version: 3, address: '0xabc' },
                  ],
                },
              };
          }
        },
        async *watchOperation(request, ctx) {
          count('watchOperation');
          const id = request.operationId;
          if (id === 'op-many') {
            for (let i = 0; i < 1000; i++) yield operation(id, OperationState.RUNNING, `step ${i}`);
            return;
          }
          yield operation(id, OperationState.PENDING);
          yield operation(id, OperationState.RUNNING, 'presigning');
          if (id === 'op-hang') await waitForAbort(id, ctx, aborts);
          if (id === 'op-fail') throw new GrpcError(Code.ABORTED, 'node2 sent an invalid proof');
          if (id === 'op-boom') throw new Error(LEAKY_SECRET);
          const last: MessageInitShape<typeof WatchOperationResponseSchema> = operation(
            id,
            OperationState.SUCCEEDED,
            'done',
          );
          yield last;
        },
      }),
      ...(options.services ?? []),
    ],
  });
  const client = createClient(WalletService, server.address);
  return {
    server,
    client,
    async nextAbort() {
      const next = await aborts.next(AbortSignal.timeout(5000));
      if (next.done || !(next.value.reason instanceof GrpcError))
        throw new Error('no abort with a GrpcError reason');
      return { id: next.value.id, code: next.value.reason.code };
    },
    errors,
    calls,
    async close() {
      client.close();
      await server.shutdown(200);
    },
  };
}
