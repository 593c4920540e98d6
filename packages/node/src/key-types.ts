import { KeyType } from '@mpcium/proto';
import { FROST_ED25519, FROST_TAPROOT, type FrostSuite } from '@mpcium/tss';

/** The keystore's name for each wallet key type. */
export type StoredKeyType = 'ecdsa-secp256k1' | 'ed25519' | 'taproot';

export function storedKeyType(keyType: KeyType): StoredKeyType {
  switch (keyType) {
    case KeyType.ECDSA_SECP256K1:
      return 'ecdsa-secp256k1';
    case KeyType.ED25519:
      return 'ed25519';
    case KeyType.TAPROOT:
      return 'taproot';
    default:
      throw new RangeError('unknown key type');
  }
}

export function frostSuite(keyType: KeyType): FrostSuite {
  if (keyType === KeyType.ED25519) return FROST_ED25519;
  if (keyType === KeyType.TAPROOT) return FROST_TAPROOT;
  throw new RangeError('not a FROST key type');
}
