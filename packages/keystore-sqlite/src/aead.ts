import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM (NIST SP 800-38D) with a fresh random 96-bit nonce per call. Sealed layout:
 * nonce (12) || ciphertext || tag (16). A random nonce keeps the collision bound at 2^-32
 * after 2^32 seals under one key, far beyond one node's record writes.
 */
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function gcmSeal(key: KeyObject | Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  const final = cipher.final();
  return Buffer.concat([nonce, body, final, cipher.getAuthTag()]);
}

/** The plaintext, or `undefined` when authentication fails (wrong key, AAD, or altered bytes). */
export function gcmOpen(
  key: KeyObject | Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | undefined {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const out = decipher.update(body);
  try {
    const final = decipher.final();
    return final.length ? Buffer.concat([out, final]) : out;
  } catch {
    out.fill(0);
    return undefined;
  }
}
