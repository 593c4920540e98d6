import { isIPv6 } from 'node:net';
import type { DescService } from '@bufbuild/protobuf';
import { Server, ServerCredentials, type ServerOptions } from '@grpc/grpc-js';
import { addService, type ServiceOptions, type ServiceRegistration } from './add-service.js';
import { DEFAULT_MAX_RECEIVE_MESSAGE_BYTES } from './definition.js';
import { HealthService, ServingStatus } from './health.js';
import { reflectionService } from './reflection.js';
import type { ServiceImpl } from './types.js';

/** What startServer needs: `services`, and `port` or a unix socket `address`; the rest has defaults. */
export interface StartServerOptions extends ServiceOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 picks a free one (see the result's `port`). */
  readonly port?: number;
  /** A unix socket, `unix:/abs/path`, instead of `host` and `port`. */
  readonly address?: string;
  readonly services: readonly ServiceRegistration[];
  /**
   * grpc.health.v1: default a new HealthService with the server ('') and every service
   * SERVING; pass one to control the statuses, or false for none.
   */
  readonly health?: HealthService | false;
  /** grpc.reflection.v1alpha over every registered service; default off. */
  readonly reflection?: boolean;
  /** Default insecure: TLS terminates elsewhere (sidecar) or the port is loopback only. */
  readonly credentials?: ServerCredentials;
  /** Further grpc-js server options (keepalive, max connection age, ...). */
  readonly serverOptions?: ServerOptions;
}

export interface RunningGrpcServer {
  /** The bound port (the one asked for, or the kernel's pick for 0); 0 for a unix socket. */
  readonly port: number;
  /** `host:port` or `unix:/abs/path`, ready for createClient. */
  readonly address: string;
  readonly health: HealthService | undefined;
  /**
   * Ordered shutdown, at most once (later calls return the same promise): health goes
   * NOT_SERVING and health watches end, the server stops accepting calls and waits for the
   * running ones for up to `graceMs` (default 5000), then cancels what is left (handlers see
   * their signal abort).
   */
  shutdown(graceMs?: number): Promise<void>;
}

/** Starts a grpc-js server with the given protobuf-es services, health and reflection. */
export async function startServer(options: StartServerOptions): Promise<RunningGrpcServer> {
  const config = compile(options);
  const server = new Server({
    'grpc.max_receive_message_length': config.maxReceiveMessageBytes,
    ...options.serverOptions,
  });
  const registrations = [...options.services];
  if (config.health) registrations.push(config.health.registration);
  if (config.reflection) registrations.push(reflectionService(registrations.map((r) => r.desc)));
  for (const { desc, impl } of registrations) {
    addService(server, desc, impl as Partial<ServiceImpl<DescService>>, {
      maxReceiveMessageBytes: config.maxReceiveMessageBytes,
      ...(options.onError && { onError: options.onError }),
      ...(options.mapError && { mapError: options.mapError }),
    });
  }
  const hostPart = isIPv6(config.host) ? `[${config.host}]` : config.host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(config.address ?? `${hostPart}:${config.port}`, config.credentials, (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
  let stopping: Promise<void> | undefined;
  return Object.freeze({
    port: config.address ? 0 : port,
    address: config.address ?? `${hostPart}:${port}`,
    health: config.health,
    shutdown(graceMs = 5000) {
      if (!Number.isFinite(graceMs) || graceMs < 0) {
        return Promise.reject(
          new RangeError(`shutdown: graceMs must be a non-negative number, got ${graceMs}`),
        );
      }
      stopping ??= shutdown(server, config.health, graceMs);
      return stopping;
    },
  });
}

interface Config {
  readonly host: string;
  readonly port: number;
  readonly address: string | undefined;
  readonly maxReceiveMessageBytes: number;
  readonly health: HealthService | undefined;
  readonly reflection: boolean;
  readonly credentials: ServerCredentials;
}

function compile(options: StartServerOptions): Config {
  const { address } = options;
  const port = options.port ?? 0;
  if (address !== undefined) {
    if (options.port !== undefined || options.host !== undefined) {
      throw new TypeError('startServer: give either a unix socket address or host and port, not both');
    }
    if (!/^unix:\/[^/]/.test(address)) {
      throw new RangeError('startServer: address must be a unix socket, unix:/abs/path');
    }
  } else if (!Number.isInteger(options.port) || port < 0 || port > 65535) {
    throw new RangeError(`startServer: port must be an integer in 0..65535, got ${options.port}`);
  }
  const names = options.services.map((s) => s.desc.typeName);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new TypeError(`startServer: ${duplicate} is registered twice`);
  let health: HealthService | undefined;
  if (options.health instanceof HealthService) health = options.health;
  else if (options.health !== false) {
    health = new HealthService(names.map((n) => [n, ServingStatus.SERVING] as const));
  }
  return Object.freeze({
    host: options.host ?? '127.0.0.1',
    port,
    address,
    maxReceiveMessageBytes: options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_MESSAGE_BYTES,
    health,
    reflection: options.reflection ?? false,
    credentials: options.credentials ?? ServerCredentials.createInsecure(),
  });
}

async function shutdown(server: Server, health: HealthService | undefined, graceMs: number): Promise<void> {
  health?.shutdown();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
