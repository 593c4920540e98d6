/**
 * The KeyStore port: what a signer needs from its node's share storage. `SqliteKeyStore`
 * implements it in-process; the keystore service's client implements it over gRPC (unix socket
 * or loopback with a shared secret). Both hand each pooled item out once, ever.
 */

import type { PooledItem } from './pool.js';
import type { ShareRecord } from './shares.js';
import type { KeystoreStatus } from './sqlite-key-store.js';
import type { KeyType, PoolKind } from './validate.js';

export interface KeyStore {
  status(): Promise<KeystoreStatus>;
  putShare(walletId: string, keyType: KeyType, version: number, bytes: Uint8Array): Promise<void>;
  getShare(walletId: string, keyType: KeyType, version?: number): Promise<ShareRecord | undefined>;
  retireShare(walletId: string, keyType: KeyType, version: number): Promise<void>;
  listWallets(): Promise<string[]>;
  putAuxInfo(setId: string, bytes: Uint8Array): Promise<void>;
  getAuxInfo(setId: string): Promise<Uint8Array | undefined>;
  addPooled(
    kind: PoolKind,
    walletId: string,
    keyType: KeyType,
    keyVersion: number,
    items: readonly PooledItem[],
  ): Promise<void>;
  takePooled(
    kind: PoolKind,
    walletId: string,
    keyType: KeyType,
    keyVersion: number,
    id?: string,
  ): Promise<PooledItem | undefined>;
  countPooled(kind: PoolKind, walletId: string, keyType: KeyType, keyVersion: number): Promise<number>;
  putSecret(name: string, bytes: Uint8Array): Promise<void>;
  getSecret(name: string): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}
