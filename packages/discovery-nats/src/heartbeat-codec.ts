/**
 * Heartbeat values as stored in the bucket: NodeHeartbeat protobuf bytes under key = node id.
 * Decoding validates once: too large, undecodable, or naming another node than its key is
 * malformed, and the watcher ignores (and counts) it.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { type NodeHeartbeat, NodeHeartbeatSchema } from '@mpcium/proto';

/** Far above a real heartbeat (the signer reports at most 100 pool levels). */
export const MAX_HEARTBEAT_BYTES = 64 * 1024;

export function decodeHeartbeat(key: string, value: Uint8Array): NodeHeartbeat | undefined {
  if (value.length === 0 || value.length > MAX_HEARTBEAT_BYTES) return undefined;
  let hb: NodeHeartbeat;
  try {
    hb = fromBinary(NodeHeartbeatSchema, value);
  } catch {
    return undefined;
  }
  return hb.nodeId === key ? hb : undefined;
}
