import {
  createRegistry,
  type DescFile,
  type DescService,
  type MessageInitShape,
  type Registry,
  toBinary,
} from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { status } from '@grpc/grpc-js';
import {
  ServerReflection,
  type ServerReflectionRequest,
  type ServerReflectionResponseSchema,
} from '@mpcium/proto';
import { type ServiceRegistration, service } from './add-service.js';

type Response = MessageInitShape<typeof ServerReflectionResponseSchema>;

/**
 * gRPC server reflection (grpc.reflection.v1alpha.ServerReflection), answered from the
 * protobuf-es descriptors of the given services, so grpcurl and similar tools can list and
 * call them. Lists `services` and itself; answers list_services, file_by_filename,
 * file_containing_symbol (services, methods, messages, fields, enums, extensions),
 * file_containing_extension and all_extension_numbers_of_type. File answers carry the
 * serialized FileDescriptorProto and its transitive imports not yet sent on the stream.
 */
export function reflectionService(services: readonly DescService[]): ServiceRegistration {
  const index = new ReflectionIndex([...services, ServerReflection]);
  return service(ServerReflection, {
    async *serverReflectionInfo(requests) {
      const sent = new Set<string>();
      for await (const request of requests) yield index.answer(request, sent);
    },
  });
}

class ReflectionIndex {
  readonly #serviceNames: string[];
  readonly #files = new Map<string, DescFile>();
  readonly #encoded = new Map<string, Uint8Array>();
  readonly #registry: Registry;

  constructor(services: readonly DescService[]) {
    this.#serviceNames = [...new Set(services.map((s) => s.typeName))].sort();
    // Keyed by the name with its .proto suffix (`file.proto.name`); protobuf-es's `file.name`
    // drops the suffix.
    const addFile = (file: DescFile): void => {
      if (this.#files.has(file.proto.name)) return;
      this.#files.set(file.proto.name, file);
      for (const dep of file.dependencies) addFile(dep);
    };
    for (const s of services) addFile(s.file);
    this.#registry = createRegistry(...this.#files.values());
  }

  answer(request: ServerReflectionRequest, sent: Set<string>): Response {
    const base = { validHost: request.host, originalRequest: request };
    const r = request.messageRequest;
    switch (r.case) {
      case 'listServices':
        return {
          ...base,
          messageResponse: {
            case: 'listServicesResponse',
            value: { service: this.#serviceNames.map((name) => ({ name })) },
          },
        };
      case 'fileByFilename':
        return this.#fileAnswer(base, this.#files.get(r.value), `file "${r.value}" not found`, sent);
      case 'fileContainingSymbol':
        return this.#fileAnswer(base, this.#fileOfSymbol(r.value), `symbol "${r.value}" not found`, sent);
      case 'fileContainingExtension': {
        const extendee = this.#registry.getMessage(r.value.containingType);
        const ext = extendee && this.#registry.getExtensionFor(extendee, r.value.extensionNumber);
        const what = `extension ${r.value.extensionNumber} of "${r.value.containingType}" not found`;
        return this.#fileAnswer(base, ext?.file, what, sent);
      }
      case 'allExtensionNumbersOfType': {
        if (!this.#registry.getMessage(r.value)) {
          return error(base, status.NOT_FOUND, `type "${r.value}" not found`);
        }
        const numbers: number[] = [];
        for (const desc of this.#registry) {
          if (desc.kind === 'extension' && desc.extendee.typeName === r.value) numbers.push(desc.number);
        }
        return {
          ...base,
          messageResponse: {
            case: 'allExtensionNumbersResponse',
            value: { baseTypeName: r.value, extensionNumber: numbers.sort((a, b) => a - b) },
          },
        };
      }
      default:
        return error(base, status.INVALID_ARGUMENT, 'no request set');
    }
  }

  #fileOfSymbol(symbol: string): DescFile | undefined {
    const direct = this.#registry.get(symbol);
    if (direct) return direct.file;
    // A member: <package>.<Service>.<Method> or <package>.<Message>.<field>.
    const dot = symbol.lastIndexOf('.');
    if (dot < 0) return undefined;
    const parent = this.#registry.get(symbol.slice(0, dot));
    const member = symbol.slice(dot + 1);
    if (parent?.kind === 'service' && parent.methods.some((m) => m.name === member)) return parent.file;
    if (parent?.kind === 'message' && parent.fields.some((f) => f.name === member)) return parent.file;
    return undefined;
  }

  #fileAnswer(
    base: Pick<Response, 'validHost' | 'originalRequest'>,
    file: DescFile | undefined,
    notFound: string,
    sent: Set<string>,
  ): Response {
    if (!file) return error(base, status.NOT_FOUND, notFound);
    const protos: Uint8Array[] = [];
    const visit = (f: DescFile, requested: boolean): void => {
      if (!requested && sent.has(f.proto.name)) return;
      sent.add(f.proto.name);
      protos.push(this.#encode(f));
      for (const dep of f.dependencies) visit(dep, false);
    };
    visit(file, true);
    return {
      ...base,
      messageResponse: { case: 'fileDescriptorResponse', value: { fileDescriptorProto: protos } },
    };
  }

  #encode(file: DescFile): Uint8Array {
    let bytes = this.#encoded.get(file.proto.name);
    if (!bytes) {
      bytes = toBinary(FileDescriptorProtoSchema, file.proto);
      this.#encoded.set(file.proto.name, bytes);
    }
    return bytes;
  }
}

function error(
  base: Pick<Response, 'validHost' | 'originalRequest'>,
  code: status,
  message: string,
): Response {
  return {
    ...base,
    messageResponse: { case: 'errorResponse', value: { errorCode: code, errorMessage: message } },
  };
}
