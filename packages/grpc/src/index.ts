// @mpcium/grpc: protobuf-es v2 service descriptors served and called over @grpc/grpc-js, with
// services as plain objects (connect-es style) and no code generation beyond protobuf-es.

// So that services and clients need no direct import of grpc-js for headers and TLS.
export { credentials, Metadata, ServerCredentials } from '@grpc/grpc-js';
export { addService, type ServiceOptions, type ServiceRegistration, service } from './add-service.js';
export { type ClientOptions, createClient } from './client.js';
export { DEFAULT_MAX_RECEIVE_MESSAGE_BYTES, methodPath, serviceDefinition } from './definition.js';
export type { ErrorHooks } from './edge-errors.js';
export { Code, GrpcError, INTERNAL_MESSAGE } from './errors.js';
export { HealthService, ServingStatus } from './health.js';
export { reflectionService } from './reflection.js';
export { type RunningGrpcServer, type StartServerOptions, startServer } from './server.js';
export type { CallOptions, Client, HandlerContext, MethodImpl, ServiceImpl } from './types.js';
