/**
 * The signer's admin gRPC edge: NodeService reports the same status the node publishes as its
 * heartbeat (readiness, sessions, aux info, pool levels). Read-only; no secrets.
 */
import { create } from '@bufbuild/protobuf';
import { type ServiceRegistration, service } from '@mpcium/grpc';
import { GetNodeStatusResponseSchema, type NodeHeartbeat, NodeService } from '@mpcium/proto';

export function nodeService(status: () => Promise<NodeHeartbeat>): ServiceRegistration {
  return service(NodeService, {
    getNodeStatus: async () => create(GetNodeStatusResponseSchema, { status: await status() }),
  });
}
