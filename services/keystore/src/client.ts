/**
 * The KeyStore port over gRPC: a signer's handle on its node's keystore service. It answers like
 * SqliteKeyStore: absent records as `undefined` (or KeystoreNotFoundError where the port returns
 * nothing), write-once clashes as KeystoreConflictError, refused arguments as RangeError; other
 * failures are Errors naming the method and status, never the shared secret or record bytes.
 */
import { type CallOptions, type Client, Code, createClient, GrpcError, Metadata } from '@mpcium/grpc';
import {
  type KeyStore,
  KeystoreClosedError,
  KeystoreConflictError,
  KeystoreNotFoundError,
  type KeystoreStatus,
  type KeyType,
  MAX_VERSION,
  type PooledItem,
  type PoolKind,
  type ShareRecord,
} from '@mpcium/keystore-sqlite';
import { KeystoreService } from '@mpcium/proto';
import { parseKeystoreAddress } from './address.js';
import { bearer } from './auth.js';
import { MAX_MESSAGE_BYTES } from './routes.js';

export interface RemoteKeyStoreOptions {
  /** `unix:/abs/path`, or a loopback `host:port`, as the server was given. */
  readonly address: string;
  /** Required on TCP; on a unix socket only if the server has one. */
  readonly sharedSecret?: Uint8Array | string;
  /** Deadline of each call, connecting included, in ms; default 10000. */
  readonly timeoutMs?: number;
}

const REDACTED = 'RemoteKeyStore(<redacted>)';
const SYNCHRONOUS = ['off', 'normal', 'full', 'extra'] as const;
const KEY_SOURCES = ['password', 'data-key'] as const;
const SHARE_STATUSES = ['active', 'retired'] as const;

type Rpc = Client<typeof KeystoreService>;

export class RemoteKeyStore implements KeyStore {
  readonly #rpc: Rpc;
  readonly #authorization: string | undefined;
  #closed = false;

  private constructor(rpc: Rpc, authorization: string | undefined) {
    this.#rpc = rpc;
    this.#authorization = authorization;
  }

  /** Connects and asks for the status once, so a wrong address or secret fails here. */
  static async connect(options: RemoteKeyStoreOptions): Promise<RemoteKeyStore> {
    const where = parseKeystoreAddress(options.address);
    if (where.kind === 'tcp' && options.sharedSecret === undefined)
      throw new TypeError('keystore: a TCP address needs a sharedSecret');
    const authorization = options.sharedSecret === undefined ? undefined : bearer(options.sharedSecret);
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
      throw new RangeError('timeoutMs must be a positive integer');
    const rpc = createClient(KeystoreService, options.address, {
      defaultDeadlineMs: timeoutMs,
      maxReceiveMessageBytes: MAX_MESSAGE_BYTES,
    });
    const store = new RemoteKeyStore(rpc, authorization);
    try {
      await store.status();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  /** Closes the channel; calls in flight are cancelled. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#rpc.close();
  }

  /**
   * The store's status. The proto carries no foreignKeys or secureDelete; they read false
   * (unknown) rather than claim what the service did not say.
   */
  async status(): Promise<KeystoreStatus> {
    const s = await this.#call('status', (o) => this.#rpc.getKeystoreStatus({}, o));
    return {
      journalMode: s.journalMode,
      synchronous: oneOf(SYNCHRONOUS, s.synchronous, 'synchronous'),
      foreignKeys: false,
      secureDelete: false,
      schemaVersion: s.schemaVersion,
      keySource: oneOf(KEY_SOURCES, s.keySource, 'keySource'),
    };
  }

  async putShare(walletId: string, keyType: KeyType, version: number, bytes: Uint8Array): Promise<void> {
    const key = { walletId, keyType, version: shareVersion(version) };
    checkBytes(bytes, 'share');
    await this.#call('putShare', (o) => this.#rpc.putShare({ key, share: bytes }, o));
  }

  /** On the wire version 0 means "latest", so versions start at 1 here. */
  async getShare(walletId: string, keyType: KeyType, version?: number): Promise<ShareRecord | undefined> {
    const key = { walletId, keyType, version: version === undefined ? 0 : shareVersion(version) };
    const r = await this.#find('getShare', (o) => this.#rpc.getShare({ key }, o));
    if (!r) return undefined;
    const status = oneOf(SHARE_STATUSES, r.status, 'share status');
    return { walletId, keyType, version: r.key?.version ?? 0, status, bytes: r.share };
  }

  async retireShare(walletId: string, keyType: KeyType, version: number): Promise<void> {
    const key = { walletId, keyType, version: shareVersion(version) };
    await this.#call('retireShare', (o) => this.#rpc.retireShare({ key }, o));
  }

  async listWallets(): Promise<string[]> {
    return (await this.#call('listWallets', (o) => this.#rpc.listStoredWallets({}, o))).walletIds;
  }

  async putAuxInfo(setId: string, bytes: Uint8Array): Promise<void> {
    checkBytes(bytes, 'aux info');
    await this.#call('putAuxInfo', (o) => this.#rpc.putAuxInfo({ setId, auxInfo: bytes }, o));
  }

  async getAuxInfo(setId: string): Promise<Uint8Array | undefined> {
    return (await this.#find('getAuxInfo', (o) => this.#rpc.getAuxInfo({ setId }, o)))?.auxInfo;
  }

  async addPooled(
    kind: PoolKind,
    walletId: string,
    keyType: KeyType,
    keyVersion: number,
    items: readonly PooledItem[],
  ): Promise<void> {
    const pool = { kind, walletId, keyType, keyVersion: poolVersion(keyVersion) };
    if (!Array.isArray(items)) throw new TypeError('items must be an array');
    for (const item of items) checkBytes(item?.bytes, 'pooled item');
    const wire = items.map((i) => ({ id: i.id, item: i.bytes }));
    await this.#call('addPooled', (o) => this.#rpc.addPooled({ pool, items: wire }, o));
  }

  /**
   * Taken on the server before the answer travels: an answer lost on the way (deadline, close)
   * loses the item, which is the safe way round for single-use material.
   */
  async takePooled(
    kind: PoolKind,
    walletId: string,
    keyType: KeyType,
    keyVersion: number,
    id?: string,
  ): Promise<PooledItem | undefined> {
    const pool = { kind, walletId, keyType, keyVersion: poolVersion(keyVersion) };
    // '' on the wire asks for the oldest item, so it must not pass for an id.
    if (id === '') throw new RangeError('item id must not be empty');
    const r = await this.#find('takePooled', (o) => this.#rpc.takePooled({ pool, id: id ?? '' }, o));
    if (!r) return undefined;
    if (!r.item) throw new Error('keystore service: takePooled answered without an item');
    return { id: r.item.id, bytes: r.item.item };
  }

  async countPooled(kind: PoolKind, walletId: string, keyType: KeyType, keyVersion: number): Promise<number> {
    const pool = { kind, walletId, keyType, keyVersion: poolVersion(keyVersion) };
    return (await this.#call('countPooled', (o) => this.#rpc.countPooled({ pool }, o))).count;
  }

  async putSecret(name: string, bytes: Uint8Array): Promise<void> {
    checkBytes(bytes, 'secret');
    await this.#call('putSecret', (o) => this.#rpc.putSecret({ name, secret: bytes }, o));
  }

  async getSecret(name: string): Promise<Uint8Array | undefined> {
    return (await this.#find('getSecret', (o) => this.#rpc.getSecret({ name }, o)))?.secret;
  }

  async #call<T>(method: string, fn: (options: CallOptions) => Promise<T>): Promise<T> {
    if (this.#closed) throw new KeystoreClosedError();
    const metadata = new Metadata();
    if (this.#authorization !== undefined) metadata.set('authorization', this.#authorization);
    try {
      return await fn({ metadata });
    } catch (err) {
      throw localError(method, err);
    }
  }

  /** Like #call, but "not found" is `undefined`. */
  async #find<T>(method: string, fn: (options: CallOptions) => Promise<T>): Promise<T | undefined> {
    try {
      return await this.#call(method, fn);
    } catch (err) {
      if (err instanceof KeystoreNotFoundError) return undefined;
      throw err;
    }
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/** What the server's status means here; its messages are the store's, free of secrets. */
function localError(method: string, err: unknown): Error {
  if (!(err instanceof GrpcError)) return new Error(`keystore service: ${method} failed`, { cause: err });
  switch (err.code) {
    case Code.NOT_FOUND:
      return new KeystoreNotFoundError(err.message);
    case Code.ALREADY_EXISTS:
      return new KeystoreConflictError(err.message);
    case Code.INVALID_ARGUMENT:
      return new RangeError(err.message);
    default:
      return new Error(`keystore service: ${method} failed: ${err.codeName}: ${err.message}`, { cause: err });
  }
}

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  if (!allowed.includes(value as T)) throw new Error(`keystore service sent an unknown ${what}`);
  return value as T;
}

/** A share version the wire can name: 0 would mean "latest". */
function shareVersion(version: number): number {
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION)
    throw new RangeError(`version must be an integer in [1, ${MAX_VERSION}] over the keystore service`);
  return version;
}

function poolVersion(version: number): number {
  if (!Number.isInteger(version) || version < 0 || version > MAX_VERSION)
    throw new RangeError(`keyVersion must be an integer in [0, ${MAX_VERSION}]`);
  return version;
}

/** Bytes only (protobuf-es would fail obscurely on anything else); emptiness and size are the server's. */
function checkBytes(value: unknown, what: string): void {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array`);
}
