import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { create, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import { credentials, Client as RawClient, type StatusObject, status } from '@grpc/grpc-js';
import { GetWalletRequestSchema } from '@mpcium/proto';
import { service } from './add-service.js';
import { createClient } from './client.js';
import { Code, GrpcError } from './errors.js';
import { type RunningGrpcServer, startServer } from './server.js';
import { EchoService, type EchoServiceDesc } from './testing/echo-service.js';
import type { Client } from './types.js';

async function* from<T>(items: T[], failAfter?: Error): AsyncGenerator<T> {
  for (const item of items) yield item;
  if (failAfter) {
    // Long enough for the server to have started the handler.
    await new Promise((r) => setTimeout(r, 50));
    throw failAfter;
  }
}

async function eventually(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('client-streaming and bidi calls over loopback', () => {
  let server: RunningGrpcServer;
  let client: Client<EchoServiceDesc>;
  const aborted: unknown[] = [];
  before(async () => {
    server = await startServer({
      port: 0,
      services: [
        service(EchoService, {
          async collect(requests) {
            const wallets = [];
            for await (const r of requests) wallets.push({ walletId: r.walletId });
            return { wallets };
          },
          async *echo(requests, ctx) {
            ctx.signal.addEventListener('abort', () => aborted.push(ctx.signal.reason));
            try {
              for await (const r of requests) {
                if (r.walletId === 'ticker') {
                  // Answers on its own, without reading further, until the call ends.
                  for (let i = 0; ; i++) {
                    yield { wallet: { walletId: `tick ${i}` } };
                    await sleep(10, undefined, { signal: ctx.signal });
                  }
                }
                if (r.walletId === 'fail')
                  throw new GrpcError(Code.FAILED_PRECONDITION, 'no echo for "fail"');
                yield { wallet: { walletId: r.walletId.toUpperCase() } };
              }
            } catch (err) {
              // Swallows a malformed request: the bridge must still answer INVALID_ARGUMENT.
              if (err instanceof GrpcError && err.code === Code.INVALID_ARGUMENT) return;
              throw err;
            }
          },
        }),
      ],
    });
    client = createClient(EchoService, server.address);
  });
  after(async () => {
    client.close();
    await server.shutdown(100);
  });

  test('client streaming: every request reaches the handler, one typed response comes back', async () => {
    const res = await client.collect(from([{ walletId: 'a' }, { walletId: 'b' }, { walletId: 'c' }]));
    assert.deepEqual(
      res.wallets.map((w) => w.walletId),
      ['a', 'b', 'c'],
    );
    assert.equal((await client.collect(from([]))).wallets.length, 0);
  });

  test('client streaming: a failing request source rejects with its own error, not CANCELLED', async () => {
    const boom = new Error('source failed');
    await assert.rejects(client.collect(from([{ walletId: 'a' }], boom)), (err) => err === boom);
    // The server cannot tell this reset from a half-close (see readAll in server-handlers.ts).
  });

  test('bidi: a failing request source ends the response stream with its own error', async () => {
    const boom = new Error('source failed');
    const replies: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const res of client.echo(from([{ walletId: 'a' }], boom)))
          replies.push(res.wallet?.walletId ?? '');
      })(),
      (err) => err === boom,
    );
    assert.deepEqual(replies, ['A']);
  });

  test('bidi: the call signal cancels the call; the handler signal aborts with CANCELLED', async () => {
    const controller = new AbortController();
    const never = (async function* () {
      yield { walletId: 'ticker' };
      await new Promise(() => {});
    })();
    const replies: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const res of client.echo(never, { signal: controller.signal })) {
          replies.push(res.wallet?.walletId ?? '');
          if (replies.length === 3) controller.abort();
        }
      })(),
      (err) => err instanceof GrpcError && err.code === Code.CANCELLED,
    );
    assert.deepEqual(replies, ['tick 0', 'tick 1', 'tick 2']);
    await eventually(() => aborted.length > 0);
    assert.equal((aborted.at(-1) as GrpcError).code, Code.CANCELLED);
  });

  test('bidi: each request is answered before the next is sent (ping-pong)', async () => {
    const outbox: MessageInitShape<typeof GetWalletRequestSchema>[] = [];
    let wake: (() => void) | undefined;
    const requests = (async function* () {
      for (let i = 0; i < 3; i++) {
        while (outbox.length === 0) await new Promise<void>((r) => (wake = r));
        yield outbox.shift()!;
      }
    })();
    const send = (walletId: string) => {
      outbox.push({ walletId });
      wake?.();
    };
    const replies: string[] = [];
    send('w0');
    for await (const res of client.echo(requests)) {
      replies.push(res.wallet?.walletId ?? '');
      if (replies.length < 3) send(`w${replies.length}`);
    }
    assert.deepEqual(replies, ['W0', 'W1', 'W2']);
  });

  test('bidi: a GrpcError from the handler ends the stream after the earlier responses', async () => {
    const replies: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const res of client.echo(
          from([{ walletId: 'x' }, { walletId: 'fail' }, { walletId: 'y' }]),
        )) {
          replies.push(res.wallet?.walletId ?? '');
        }
      })(),
      (err) => err instanceof GrpcError && err.code === Code.FAILED_PRECONDITION,
    );
    assert.deepEqual(replies, ['X']);
  });

  test('bidi: a malformed message mid-stream is INVALID_ARGUMENT even when the handler swallows it', async () => {
    const raw = new RawClient(server.address, credentials.createInsecure());
    const call = raw.makeBidiStreamRequest(
      '/mpcium_test.v1.EchoService/Echo',
      (b: Buffer) => b,
      (b: Buffer) => b,
    );
    const got: Buffer[] = [];
    call.on('data', (b: Buffer) => got.push(b));
    call.on('error', () => {});
    const ended = new Promise<StatusObject>((resolve) => call.on('status', resolve));
    call.write(
      Buffer.from(toBinary(GetWalletRequestSchema, create(GetWalletRequestSchema, { walletId: 'ok' }))),
    );
    call.write(Buffer.from([0x0a, 0x09, 0x01]));
    call.end();
    const final = await ended;
    raw.close();
    assert.equal(final.code, status.INVALID_ARGUMENT);
    assert.equal(final.details, 'malformed request');
    assert.equal(got.length, 1);
  });
});
