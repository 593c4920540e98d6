import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createFileRegistry, fromBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { type FileDescriptorProto, FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import {
  ServerReflection,
  type ServerReflectionRequestSchema,
  type ServerReflectionResponse,
} from '@mpcium/proto';
import { service } from './add-service.js';
import { createClient } from './client.js';
import { Code } from './errors.js';
import { type RunningGrpcServer, startServer } from './server.js';
import { ECHO_FILE, EchoService } from './testing/echo-service.js';
import { startWalletFixture, type WalletFixture } from './testing/wallet-fixture.js';
import type { Client } from './types.js';

type Request = MessageInitShape<typeof ServerReflectionRequestSchema>;

/** Sends the requests on one ServerReflectionInfo stream and returns the answers in order. */
async function ask(
  client: Client<typeof ServerReflection>,
  ...requests: Request[]
): Promise<ServerReflectionResponse[]> {
  const out: ServerReflectionResponse[] = [];
  for await (const res of client.serverReflectionInfo(
    (async function* () {
      yield* requests;
    })(),
  )) {
    out.push(res);
  }
  return out;
}

function files(res: ServerReflectionResponse | undefined): FileDescriptorProto[] {
  assert.equal(res?.messageResponse.case, 'fileDescriptorResponse');
  return res.messageResponse.value.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b));
}

const symbol = (name: string): Request => ({ messageRequest: { case: 'fileContainingSymbol', value: name } });

describe('grpc.reflection.v1alpha over loopback', () => {
  let f: WalletFixture;
  let client: Client<typeof ServerReflection>;
  before(async () => {
    f = await startWalletFixture({ reflection: true });
    client = createClient(ServerReflection, f.server.address, { defaultDeadlineMs: 5000 });
  });
  after(async () => {
    client.close();
    await f.close();
  });

  test('list_services names WalletService, Health and the reflection service itself', async () => {
    const [res] = await ask(client, { host: 'h', messageRequest: { case: 'listServices', value: '' } });
    assert.equal(res?.messageResponse.case, 'listServicesResponse');
    assert.deepEqual(
      res.messageResponse.value.service.map((s) => s.name),
      ['grpc.health.v1.Health', 'grpc.reflection.v1alpha.ServerReflection', 'mpcium.v1.WalletService'],
    );
    assert.equal(res.validHost, 'h');
    assert.equal(res.originalRequest?.messageRequest.case, 'listServices');
  });

  test('file_containing_symbol answers the service, a method, a message and a field with wallet.proto', async () => {
    const answers = await ask(
      client,
      symbol('mpcium.v1.WalletService'),
      symbol('mpcium.v1.WalletService.WatchOperation'),
      symbol('mpcium.v1.SignRequest'),
      symbol('mpcium.v1.Operation.progress'),
      symbol('mpcium.v1.KeyType'),
    );
    assert.equal(answers.length, 5);
    for (const res of answers) {
      const [file] = files(res);
      assert.equal(file?.name, 'mpcium/v1/wallet.proto');
      assert.equal(file?.package, 'mpcium.v1');
    }
    const [file] = files(answers[0]);
    const methods = file?.service.find((s) => s.name === 'WalletService')?.method ?? [];
    assert.deepEqual(
      methods.map((m) => [m.name, m.serverStreaming ?? false]),
      [
        ['CreateWallet', false],
        ['GetWallet', false],
        ['ListWallets', false],
        ['Sign', false],
        ['GetOperation', false],
        ['WatchOperation', true],
        ['GetClusterStatus', false],
      ],
    );
  });

  test('a served descriptor rebuilds into a registry with the service and its messages', async () => {
    const [res] = await ask(client, symbol('grpc.health.v1.Health'));
    const [health] = files(res);
    assert.equal(health?.name, 'grpc/health/v1/health.proto');
    const rebuilt = createFileRegistry(health!, () => undefined);
    assert.equal(rebuilt.getService('grpc.health.v1.Health')?.methods.length, 2);
    assert.ok(rebuilt.getMessage('grpc.health.v1.HealthCheckResponse'));
  });

  test('file_by_filename, and NOT_FOUND answers for unknown files and symbols', async () => {
    const [byName, noFile, noSymbol, noMember, empty] = await ask(
      client,
      { messageRequest: { case: 'fileByFilename', value: 'grpc/reflection/v1alpha/reflection.proto' } },
      { messageRequest: { case: 'fileByFilename', value: 'mpcium/v1/wallet' } },
      symbol('mpcium.v1.Nope'),
      symbol('mpcium.v1.WalletService.Nope'),
      {},
    );
    assert.equal(files(byName)[0]?.package, 'grpc.reflection.v1alpha');
    for (const res of [noFile, noSymbol, noMember]) {
      assert.equal(res?.messageResponse.case, 'errorResponse');
      assert.equal(res.messageResponse.value.errorCode, Code.NOT_FOUND);
    }
    assert.equal(empty?.messageResponse.case, 'errorResponse');
    assert.equal(empty.messageResponse.value.errorCode, Code.INVALID_ARGUMENT);
  });

  test('all_extension_numbers_of_type: none for a known type, NOT_FOUND for an unknown one', async () => {
    const [known, unknown] = await ask(
      client,
      { messageRequest: { case: 'allExtensionNumbersOfType', value: 'mpcium.v1.Wallet' } },
      { messageRequest: { case: 'allExtensionNumbersOfType', value: 'mpcium.v1.Nope' } },
    );
    assert.equal(known?.messageResponse.case, 'allExtensionNumbersResponse');
    assert.deepEqual(known.messageResponse.value.extensionNumber, []);
    assert.equal(unknown?.messageResponse.case, 'errorResponse');
  });
});

describe('reflection of a file with imports', () => {
  let server: RunningGrpcServer;
  let client: Client<typeof ServerReflection>;
  before(async () => {
    server = await startServer({ port: 0, services: [service(EchoService, {})], reflection: true });
    client = createClient(ServerReflection, server.address, { defaultDeadlineMs: 5000 });
  });
  after(async () => {
    client.close();
    await server.shutdown(100);
  });

  test('a file comes with its imports, each import sent once per stream', async () => {
    const [first, again, dep] = await ask(
      client,
      symbol('mpcium_test.v1.EchoService'),
      symbol('mpcium_test.v1.EchoService.Collect'),
      symbol('mpcium.v1.GetWalletRequest'),
    );
    assert.deepEqual(
      files(first).map((f) => f.name),
      [ECHO_FILE, 'mpcium/v1/wallet.proto'],
    );
    assert.deepEqual(
      files(again).map((f) => f.name),
      [ECHO_FILE],
    );
    assert.deepEqual(
      files(dep).map((f) => f.name),
      ['mpcium/v1/wallet.proto'],
    );
    const [fresh] = await ask(client, symbol('mpcium_test.v1.EchoService'));
    assert.equal(files(fresh).length, 2, 'a new stream starts with nothing sent');
  });
});
