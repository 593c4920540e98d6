// @mpcium/keystore-service: a node's keystore over gRPC. The server puts KeystoreService in
// front of a KeyStore on a unix socket or loopback; RemoteKeyStore is the KeyStore port for
// the signer on the other side.

export { type KeystoreAddress, parseKeystoreAddress } from './address.js';
export { RemoteKeyStore, type RemoteKeyStoreOptions } from './client.js';
export { keystoreRoutes, MAX_MESSAGE_BYTES } from './routes.js';
export { type KeystoreServerOptions, type RunningKeystoreServer, startKeystoreServer } from './server.js';
