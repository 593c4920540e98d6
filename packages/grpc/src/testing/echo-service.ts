// Test-only: a service built at run time from a FileDescriptorProto, for the method kinds the
// mpcium contracts do not use (client streaming, bidi streaming). Its file imports
// mpcium/v1/wallet.proto, which reflection must then send along as a dependency.
import { create, createFileRegistry } from '@bufbuild/protobuf';
import type { GenService } from '@bufbuild/protobuf/codegenv2';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import {
  file_mpcium_v1_wallet,
  type GetWalletRequestSchema,
  type GetWalletResponseSchema,
  type ListWalletsResponseSchema,
} from '@mpcium/proto';

export const ECHO_FILE = 'mpcium_test/v1/echo.proto';

const proto = create(FileDescriptorProtoSchema, {
  name: ECHO_FILE,
  package: 'mpcium_test.v1',
  dependency: ['mpcium/v1/wallet.proto'],
  syntax: 'proto3',
  service: [
    {
      name: 'EchoService',
      method: [
        {
          // Client streaming: the wallets named by every request, in order.
          name: 'Collect',
          inputType: '.mpcium.v1.GetWalletRequest',
          outputType: '.mpcium.v1.ListWalletsResponse',
          clientStreaming: true,
        },
        {
          // Bidi streaming: one wallet back for each request.
          name: 'Echo',
          inputType: '.mpcium.v1.GetWalletRequest',
          outputType: '.mpcium.v1.GetWalletResponse',
          clientStreaming: true,
          serverStreaming: true,
        },
      ],
    },
  ],
});

/** Typed the way protoc-gen-es would type it, so that handlers and the client are checked. */
export type EchoServiceDesc = GenService<{
  collect: {
    methodKind: 'client_streaming';
    input: typeof GetWalletRequestSchema;
    output: typeof ListWalletsResponseSchema;
  };
  echo: {
    methodKind: 'bidi_streaming';
    input: typeof GetWalletRequestSchema;
    output: typeof GetWalletResponseSchema;
  };
}>;

export const EchoService = createFileRegistry(proto, (name) =>
  name === file_mpcium_v1_wallet.proto.name ? file_mpcium_v1_wallet : undefined,
).getService('mpcium_test.v1.EchoService') as EchoServiceDesc;
