import type { DescService } from '@bufbuild/protobuf';
import type { MethodDefinition, Server, UntypedHandleCall } from '@grpc/grpc-js';
import { DEFAULT_MAX_RECEIVE_MESSAGE_BYTES, guardedDecoder, methodDefinition } from './definition.js';
import { type ErrorHooks, reportError } from './edge-errors.js';
import { type AnyHandler, grpcHandler } from './server-handlers.js';
import type { ServiceImpl } from './types.js';

/** Options of one service on a server. */
export interface ServiceOptions extends ErrorHooks {
  /**
   * Largest request message accepted, in bytes (default 4 MiB); larger ones are answered
   * RESOURCE_EXHAUSTED before the handler runs. grpc-js enforces its own server-wide limit
   * first (`grpc.max_receive_message_length`), which startServer sets to the same value.
   */
  readonly maxReceiveMessageBytes?: number;
}

/** A service descriptor with its (possibly partial) implementation, type-checked together. */
export interface ServiceRegistration {
  readonly desc: DescService;
  readonly impl: Readonly<Record<string, unknown>>;
}

/** Pairs a descriptor with its implementation; missing methods answer UNIMPLEMENTED. */
export function service<D extends DescService>(desc: D, impl: Partial<ServiceImpl<D>>): ServiceRegistration {
  return { desc, impl: impl as Record<string, unknown> };
}

/**
 * Adds a protobuf-es service to a grpc-js server. `impl` holds one handler per method, keyed
 * by local name (`getWallet`); a key that names no method is a TypeError.
 */
export function addService<D extends DescService>(
  server: Server,
  desc: D,
  impl: Partial<ServiceImpl<D>>,
  options: ServiceOptions = {},
): void {
  const handlers = impl as Readonly<Record<string, unknown>>;
  const maxBytes = options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_MESSAGE_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(
      `addService: maxReceiveMessageBytes must be a non-negative integer, got ${maxBytes}`,
    );
  }
  const known = new Set(desc.methods.map((m) => m.localName));
  for (const key of Object.keys(handlers)) {
    if (!known.has(key)) throw new TypeError(`addService: ${desc.typeName} has no method "${key}"`);
  }
  const definition: Record<string, MethodDefinition<unknown, unknown>> = {};
  const implementation: Record<string, UntypedHandleCall> = {};
  for (const method of desc.methods) {
    const handler = handlers[method.localName];
    if (handler !== undefined && typeof handler !== 'function') {
      throw new TypeError(`addService: ${desc.typeName}.${method.localName} is not a function`);
    }
    const def = methodDefinition(method, guardedDecoder(method.input, maxBytes));
    const serialize = def.responseSerialize;
    // grpc-js answers a response that fails to encode with INTERNAL; the cause goes to onError.
    def.responseSerialize = (message) => {
      try {
        return serialize(message);
      } catch (err) {
        reportError(options, err, def.path);
        throw err;
      }
    };
    definition[method.localName] = def;
    implementation[method.localName] = grpcHandler(method, bind(handler, impl), options);
  }
  server.addService(definition, implementation);
}

function bind(handler: unknown, self: object): AnyHandler | undefined {
  return typeof handler === 'function' ? (handler.bind(self) as AnyHandler) : undefined;
}
