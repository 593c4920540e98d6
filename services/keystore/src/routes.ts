/**
 * The keystore's gRPC edge: KeystoreService over a KeyStore. Failures become status codes here
 * (STYLE.md rule 7): store failures by kind, the store's entry checks (TypeError, RangeError) as
 * INVALID_ARGUMENT, anything else INTERNAL with a generic message (the cause goes to onError).
 * Store messages name records and rules, never their bytes, so they may reach the client.
 */
import { Code, GrpcError, type ServiceImpl } from '@mpcium/grpc';
import {
  type KeyStore,
  KeystoreError,
  type KeystoreErrorCode,
  type KeyType,
  MAX_RECORD_BYTES,
  type PoolKind,
} from '@mpcium/keystore-sqlite';
import type { KeystoreService, PoolKey, ShareKey } from '@mpcium/proto';

/** Largest message either way: one record of MAX_RECORD_BYTES plus room for its names. */
export const MAX_MESSAGE_BYTES = MAX_RECORD_BYTES + 64 * 1024;

const CODES: Readonly<Record<KeystoreErrorCode, Code>> = {
  'not-found': Code.NOT_FOUND,
  conflict: Code.ALREADY_EXISTS,
  closed: Code.UNAVAILABLE,
  locked: Code.FAILED_PRECONDITION,
  schema: Code.FAILED_PRECONDITION,
  integrity: Code.DATA_LOSS,
};

/** The status for what a store call threw; anything unknown is rethrown as it is (INTERNAL). */
function toStatus(err: unknown): unknown {
  if (err instanceof KeystoreError) return new GrpcError(CODES[err.code], err.message);
  if (err instanceof TypeError || err instanceof RangeError)
    return new GrpcError(Code.INVALID_ARGUMENT, err.message);
  return err;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStatus(err);
  }
}

const notFound = (what: string) => new GrpcError(Code.NOT_FOUND, `${what} not found`);

/** A ShareKey's fields; `version` 0 means "the latest active one", which only GetShare may ask. */
function shareKey(key: ShareKey | undefined, latestAllowed: boolean) {
  if (!key) throw new GrpcError(Code.INVALID_ARGUMENT, 'key is required');
  if (key.version === 0 && !latestAllowed)
    throw new GrpcError(Code.INVALID_ARGUMENT, 'version must be at least 1 (0 names the latest active one)');
  return { walletId: key.walletId, keyType: key.keyType as KeyType, version: key.version };
}

function poolKey(pool: PoolKey | undefined) {
  if (!pool) throw new GrpcError(Code.INVALID_ARGUMENT, 'pool is required');
  // The store checks kind and key type; the casts only name what it checks.
  return [pool.kind as PoolKind, pool.walletId, pool.keyType as KeyType, pool.keyVersion] as const;
}

/** KeystoreService over `store`, for `service(KeystoreService, keystoreRoutes(store))`. */
export function keystoreRoutes(store: KeyStore): ServiceImpl<typeof KeystoreService> {
  return {
    async getKeystoreStatus() {
      const s = await call(() => store.status());
      return {
        journalMode: s.journalMode,
        synchronous: s.synchronous,
        schemaVersion: s.schemaVersion,
        keySource: s.keySource,
      };
    },
    async putShare(req) {
      const k = shareKey(req.key, false);
      await call(() => store.putShare(k.walletId, k.keyType, k.version, req.share));
      return {};
    },
    async getShare(req) {
      const k = shareKey(req.key, true);
      const share = await call(() => store.getShare(k.walletId, k.keyType, k.version || undefined));
      if (!share) throw notFound('share');
      const { walletId, keyType, version, status, bytes } = share;
      return { key: { walletId, keyType, version }, status, share: bytes };
    },
    async retireShare(req) {
      const k = shareKey(req.key, false);
      await call(() => store.retireShare(k.walletId, k.keyType, k.version));
      return {};
    },
    async listStoredWallets() {
      return { walletIds: await call(() => store.listWallets()) };
    },
    async putAuxInfo(req) {
      await call(() => store.putAuxInfo(req.setId, req.auxInfo));
      return {};
    },
    async getAuxInfo(req) {
      const auxInfo = await call(() => store.getAuxInfo(req.setId));
      if (!auxInfo) throw notFound('aux info');
      return { auxInfo };
    },
    async addPooled(req) {
      const items = req.items.map((i) => ({ id: i.id, bytes: i.item }));
      await call(() => store.addPooled(...poolKey(req.pool), items));
      return {};
    },
    async takePooled(req) {
      // Proto3 has no absent string: '' asks for the oldest item (the client never sends '' as an id).
      const item = await call(() => store.takePooled(...poolKey(req.pool), req.id || undefined));
      if (!item) throw notFound('pooled item');
      return { item: { id: item.id, item: item.bytes } };
    },
    async countPooled(req) {
      return { count: await call(() => store.countPooled(...poolKey(req.pool))) };
    },
    async putSecret(req) {
      await call(() => store.putSecret(req.name, req.secret));
      return {};
    },
    async getSecret(req) {
      const secret = await call(() => store.getSecret(req.name));
      if (!secret) throw notFound('secret');
      return { secret };
    },
  };
}
