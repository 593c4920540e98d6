/**
 * The keystore's shared secret. Clients send `authorization: Bearer <token>` on every call; the
 * server compares SHA-256 digests with `timingSafeEqual`, so neither the secret's bytes nor its
 * length leak through timing, and keeps only the digest.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Code, GrpcError, type HandlerContext, type Metadata } from '@mpcium/grpc';

/** Shortest accepted secret, in characters (string) or bytes (Uint8Array). */
export const MIN_SECRET_LENGTH = 16;

/** The header value for a secret: a string as it is (visible ASCII), bytes as base64url. */
export function bearer(secret: Uint8Array | string): string {
  let token: string;
  if (typeof secret === 'string') {
    if (!/^[\x21-\x7e]*$/.test(secret))
      throw new RangeError('sharedSecret must be visible ASCII (it travels in a header)');
    token = secret;
  } else if (secret instanceof Uint8Array) {
    token = Buffer.from(secret).toString('base64url');
  } else {
    throw new TypeError('sharedSecret must be a string or a Uint8Array');
  }
  if (secret.length < MIN_SECRET_LENGTH)
    throw new RangeError(`sharedSecret must be at least ${MIN_SECRET_LENGTH} characters or bytes`);
  return `Bearer ${token}`;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** A check of a call's metadata against `expected` (a `bearer()` value), in constant time. */
export function bearerCheck(expected: string): (metadata: Metadata) => boolean {
  const want = sha256(expected);
  return (metadata) => {
    const values = metadata.get('authorization');
    const [got] = values;
    const equal = timingSafeEqual(sha256(typeof got === 'string' ? got : ''), want);
    return equal && values.length === 1;
  };
}

type Unary = (request: unknown, ctx: HandlerContext) => unknown;

/**
 * Wraps every (unary) handler of `impl`: a call without the right header is answered
 * UNAUTHENTICATED before the handler, and so the store, sees it.
 */
export function requireSecret<T extends object>(impl: T, authorization: string): T {
  const check = bearerCheck(authorization);
  const guarded: Record<string, Unary> = {};
  for (const [name, handler] of Object.entries(impl) as [string, Unary][]) {
    guarded[name] = (request, ctx) => {
      if (!check(ctx.metadata)) throw new GrpcError(Code.UNAUTHENTICATED, 'missing or wrong shared secret');
      return handler(request, ctx);
    };
  }
  return guarded as T;
}
