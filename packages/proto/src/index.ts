// Generated protobuf-es code for the mpcium.v1 contracts. Regenerate with `npm run proto:gen`.

export * from './gen/grpc/health/v1/health_pb.js';
export * from './gen/grpc/reflection/v1alpha/reflection_pb.js';
export * from './gen/mpcium/v1/control_pb.js';
export * from './gen/mpcium/v1/ecdsa_keygen_pb.js';
export * from './gen/mpcium/v1/ecdsa_sign_pb.js';
export * from './gen/mpcium/v1/frost_pb.js';
export * from './gen/mpcium/v1/integer_pb.js';
export * from './gen/mpcium/v1/keystore_pb.js';
export * from './gen/mpcium/v1/node_pb.js';
export * from './gen/mpcium/v1/peer_pb.js';
export * from './gen/mpcium/v1/wallet_pb.js';
export * from './gen/mpcium/v1/zk_aux_pb.js';
export * from './gen/mpcium/v1/zk_presign_pb.js';
