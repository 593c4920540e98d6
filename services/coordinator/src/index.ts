export { Coordinator, type CoordinatorOptions } from './app/coordinator.js';
export { CoordinatorError, type CoordinatorErrorKind } from './app/errors.js';
export type { NodeEndpoint } from './app/node-endpoint.js';
export {
  type CoordinatorServiceOptions,
  type RunningCoordinator,
  startCoordinatorService,
} from './coordinator-service.js';
export { mapCoordinatorError, walletService } from './routes.js';
