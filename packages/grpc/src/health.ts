import { status } from '@grpc/grpc-js';
import { Health, type HealthCheckRequest, HealthCheckResponse_ServingStatus } from '@mpcium/proto';
import { type ServiceRegistration, service } from './add-service.js';
import { AsyncQueue } from './async-queue.js';
import { GrpcError } from './errors.js';
import type { HandlerContext } from './types.js';

/** grpc.health.v1 serving status. SERVICE_UNKNOWN is only ever sent by Watch. */
export const ServingStatus = HealthCheckResponse_ServingStatus;
export type ServingStatus = HealthCheckResponse_ServingStatus;

const SETTABLE = new Set<ServingStatus>([
  ServingStatus.UNKNOWN,
  ServingStatus.SERVING,
  ServingStatus.NOT_SERVING,
]);

/**
 * The standard gRPC health service (grpc.health.v1.Health, see
 * grpc/grpc doc/health-checking.md): Check answers the status of a service, or of the whole
 * server for the empty name, and NOT_FOUND for a name it does not know; Watch sends the
 * current status, then each change, and SERVICE_UNKNOWN for a name it does not know (yet).
 */
export class HealthService {
  readonly #statuses = new Map<string, ServingStatus>();
  readonly #watchers = new Map<string, Set<AsyncQueue<ServingStatus>>>();
  #shutDown = false;

  /** Starts with the whole server ('') SERVING, unless `initial` says otherwise. */
  constructor(initial: Iterable<readonly [string, ServingStatus]> = []) {
    this.#statuses.set('', ServingStatus.SERVING);
    for (const [name, s] of initial) this.setStatus(name, s);
  }

  /** Sets a service's status ('' is the whole server). Ignored after shutdown(). */
  setStatus(serviceName: string, servingStatus: ServingStatus): void {
    if (typeof serviceName !== 'string') throw new TypeError('setStatus: service name must be a string');
    if (!SETTABLE.has(servingStatus)) {
      throw new RangeError(`setStatus: ${servingStatus} is not UNKNOWN, SERVING or NOT_SERVING`);
    }
    if (this.#shutDown || this.#statuses.get(serviceName) === servingStatus) return;
    this.#statuses.set(serviceName, servingStatus);
    this.#notify(serviceName, servingStatus);
  }

  /** Forgets a service: Check answers NOT_FOUND, watchers get SERVICE_UNKNOWN. */
  clearStatus(serviceName: string): void {
    if (this.#shutDown || !this.#statuses.delete(serviceName)) return;
    this.#notify(serviceName, ServingStatus.SERVICE_UNKNOWN);
  }

  /** The status Check would answer, or undefined for an unknown service. */
  getStatus(serviceName: string): ServingStatus | undefined {
    return this.#statuses.get(serviceName);
  }

  /**
   * The first step of a graceful shutdown: every service becomes NOT_SERVING, each watcher
   * gets that and its stream ends (so that the server's drain is not held up by watches),
   * and later updates are ignored.
   */
  shutdown(): void {
    if (this.#shutDown) return;
    for (const name of this.#statuses.keys()) this.setStatus(name, ServingStatus.NOT_SERVING);
    this.#shutDown = true;
    for (const [name, queues] of this.#watchers) {
      for (const queue of queues) {
        queue.push(this.#statuses.get(name) ?? ServingStatus.SERVICE_UNKNOWN);
        queue.end();
      }
    }
  }

  /** The registration to pass to startServer or addService. */
  get registration(): ServiceRegistration {
    return service(Health, {
      check: (request) => this.#check(request),
      watch: (request, ctx) => this.#watch(request, ctx),
    });
  }

  #check(request: HealthCheckRequest): { status: ServingStatus } {
    const current = this.#statuses.get(request.service);
    if (current === undefined) throw new GrpcError(status.NOT_FOUND, `unknown service "${request.service}"`);
    return { status: current };
  }

  async *#watch(request: HealthCheckRequest, ctx: HandlerContext): AsyncGenerator<{ status: ServingStatus }> {
    const queue = new AsyncQueue<ServingStatus>();
    let queues = this.#watchers.get(request.service);
    if (!queues) {
      queues = new Set();
      this.#watchers.set(request.service, queues);
    }
    queues.add(queue);
    queue.push(this.#statuses.get(request.service) ?? ServingStatus.SERVICE_UNKNOWN);
    if (this.#shutDown) queue.end();
    try {
      let last: ServingStatus | undefined;
      for (;;) {
        const next = await queue.next(ctx.signal);
        if (next.done) return;
        if (next.value === last) continue;
        last = next.value;
        yield { status: next.value };
      }
    } finally {
      queues.delete(queue);
      if (queues.size === 0 && this.#watchers.get(request.service) === queues) {
        this.#watchers.delete(request.service);
      }
    }
  }

  #notify(serviceName: string, servingStatus: ServingStatus): void {
    for (const queue of this.#watchers.get(serviceName) ?? []) queue.push(servingStatus);
  }
}
