import type { KeyType, PoolKind } from './validate.js';

/**
 * Where a record lives. Its encoding is the AES-GCM associated data of the record, so a
 * ciphertext copied onto another identity (another wallet, key type, version, item or name)
 * fails authentication instead of decrypting as someone else's secret.
 */
export type RecordIdentity =
  | {
      readonly table: 'shares';
      readonly walletId: string;
      readonly keyType: KeyType;
      readonly version: number;
    }
  | { readonly table: 'aux_info'; readonly setId: string }
  | {
      readonly table: 'pool';
      readonly kind: PoolKind;
      readonly walletId: string;
      readonly keyType: KeyType;
      readonly keyVersion: number;
      readonly itemId: string;
    }
  | { readonly table: 'secrets'; readonly name: string };

const DOMAIN = 'mpcium.keystore.v1.record';

/** Fields in a fixed order per table; the table name is part of the encoding. */
function fields(id: RecordIdentity): Array<[string, string | number]> {
  switch (id.table) {
    case 'shares':
      return [
        ['walletId', id.walletId],
        ['keyType', id.keyType],
        ['version', id.version],
      ];
    case 'aux_info':
      return [['setId', id.setId]];
    case 'pool':
      return [
        ['kind', id.kind],
        ['walletId', id.walletId],
        ['keyType', id.keyType],
        ['keyVersion', id.keyVersion],
        ['itemId', id.itemId],
      ];
    case 'secrets':
      return [['name', id.name]];
  }
}

/** Unambiguous bytes: a JSON array (strings quoted and escaped), UTF-8 encoded. */
export function identityAad(id: RecordIdentity): Uint8Array {
  const values = fields(id).map(([, v]) => v);
  return new TextEncoder().encode(JSON.stringify([DOMAIN, id.table, ...values]));
}

/** Human-readable identity for errors and logs, e.g. `shares{walletId="w1",keyType="ed25519",version=2}`. */
export function identityLabel(id: RecordIdentity): string {
  const inner = fields(id)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return `${id.table}{${inner}}`;
}
