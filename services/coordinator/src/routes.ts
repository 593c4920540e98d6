/**
 * The coordinator's gRPC edge: WalletService over the application core. Failures become status
 * codes here (STYLE.md rule 7); causes stay in the server's logs.
 */
import { create } from '@bufbuild/protobuf';
import { Code, GrpcError, type ServiceRegistration, service } from '@mpcium/grpc';
import {
  GetClusterStatusResponseSchema,
  GetOperationResponseSchema,
  GetWalletResponseSchema,
  ListWalletsResponseSchema,
  NodeStatusSchema,
  type Operation,
  OperationState,
  WalletService,
  WatchOperationResponseSchema,
} from '@mpcium/proto';
import type { Coordinator } from './app/coordinator.js';
import { CoordinatorError, type CoordinatorErrorKind } from './app/errors.js';

const CODES: Readonly<Record<CoordinatorErrorKind, Code>> = {
  'invalid-argument': Code.INVALID_ARGUMENT,
  unauthenticated: Code.UNAUTHENTICATED,
  'permission-denied': Code.PERMISSION_DENIED,
  'not-found': Code.NOT_FOUND,
  'already-exists': Code.ALREADY_EXISTS,
  'failed-precondition': Code.FAILED_PRECONDITION,
  unavailable: Code.UNAVAILABLE,
  aborted: Code.ABORTED,
  internal: Code.INTERNAL,
};

export function mapCoordinatorError(err: unknown): GrpcError | undefined {
  return err instanceof CoordinatorError ? new GrpcError(CODES[err.kind], err.message) : undefined;
}

const final = (op: Operation) => op.state === OperationState.SUCCEEDED || op.state === OperationState.FAILED;

/** WalletService over the core; start the server with `mapError: mapCoordinatorError`. */
export function walletService(coordinator: Coordinator): ServiceRegistration {
  return service(WalletService, {
    createWallet: async (req) => ({ operation: await coordinator.createWallet(req.signedIntent) }),
    sign: async (req) => ({ operation: await coordinator.sign(req.signedIntent) }),
    getWallet: async (req) =>
      create(GetWalletResponseSchema, {
        wallet: await coordinator.getWallet(req.walletId),
        presignaturesReady: coordinator.presignaturesAvailable(req.walletId),
      }),
    listWallets: async (req) => {
      const size = Math.min(req.pageSize || 100, 1000);
      const wallets = await coordinator.listWallets(req.pageToken, size);
      const next = wallets.length === size ? wallets[wallets.length - 1]!.walletId : '';
      return create(ListWalletsResponseSchema, { wallets, nextPageToken: next });
    },
    getOperation: async (req) =>
      create(GetOperationResponseSchema, { operation: await coordinator.getOperation(req.operationId) }),
    async *watchOperation(req, ctx) {
      let op = await coordinator.getOperation(req.operationId);
      yield create(WatchOperationResponseSchema, { operation: op });
      while (!final(op) && !ctx.signal.aborted) {
        await new Promise((r) => setTimeout(r, 100));
        const next = await coordinator.getOperation(req.operationId);
        if (next.state !== op.state || next.updatedAtMs !== op.updatedAtMs)
          yield create(WatchOperationResponseSchema, { operation: next });
        op = next;
      }
    },
    getClusterStatus: async () => {
      const s = await coordinator.status();
      return create(GetClusterStatusResponseSchema, {
        threshold: coordinator.threshold,
        nodes: s.nodes.map((n) =>
          create(NodeStatusSchema, {
            nodeId: n.nodeId,
            ready: n.ready,
            lastHeartbeatMs: BigInt(n.lastHeartbeatMs),
          }),
        ),
        canSign: s.canSign,
        canCreateWallets: s.canCreate,
      });
    },
  });
}
