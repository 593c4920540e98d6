export { type OpenResult, openEnvelope, sealEnvelope } from './envelope-crypto.js';
export { NodeIdentity, PeerDirectory, type PeerKey } from './identity.js';
export {
  NatsSessionTransport,
  type NatsSessionTransportOptions,
  openNatsSessionTransport,
  sessionSubjects,
  type TransportDropReason,
} from './nats-transport.js';
