import { createSecretKey, type KeyObject, randomBytes, scrypt } from 'node:crypto';
import { gcmOpen, gcmSeal, KEY_BYTES } from './aead.js';

/**
 * The data key and how it is protected: a random 32-byte data key encrypts every record; in
 * password mode it is wrapped (AES-256-GCM) under a key-encryption key derived by scrypt
 * (RFC 7914) from the node's password; in data-key mode it comes from outside (a KMS, an
 * environment variable) and only a key check is stored.
 */

/** scrypt cost parameters (RFC 7914 §2: N, r, p) and the salt, stored beside the wrapped key. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Uint8Array;
}

/** Production cost: N = 2^15, r = 8, p = 1 (about 100 ms and 32 MiB per unlock). */
export const SCRYPT_LOG_N = 15;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
export const SALT_BYTES = 16;

/** Bounds accepted from a file, so a tampered header cannot ask for absurd memory or time. */
const MIN_LOG_N = 10;
const MAX_LOG_N = 20;

export function assertScryptParams(params: ScryptParams): void {
  const { N, r, p, salt } = params;
  const logN = Math.log2(N);
  const ok =
    Number.isInteger(logN) &&
    logN >= MIN_LOG_N &&
    logN <= MAX_LOG_N &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    salt.length === SALT_BYTES;
  if (!ok) throw new RangeError('unsupported scrypt parameters');
}

/** Fresh parameters; `logN` below SCRYPT_LOG_N is only for tests (see OpenOptions). */
export function newScryptParams(logN = SCRYPT_LOG_N): ScryptParams {
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N)
    throw new RangeError(`scrypt logN must be an integer in [${MIN_LOG_N}, ${MAX_LOG_N}]`);
  return { N: 2 ** logN, r: SCRYPT_R, p: SCRYPT_P, salt: randomBytes(SALT_BYTES) };
}

/** The key-encryption key: scrypt(password, salt, N, r, p, dkLen = 32). The caller wipes it. */
export function deriveKek(password: Uint8Array, params: ScryptParams): Promise<Buffer> {
  assertScryptParams(params);
  const { N, r, p, salt } = params;
  // RFC 7914 §6: scrypt needs 128·r·N bytes for V plus 128·r·p for B; leave headroom.
  const maxmem = 256 * r * N + 128 * r * p + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** The wrap is bound to the KDF parameters, so altering them fails like a wrong password. */
function wrapAad(params: ScryptParams): Uint8Array {
  const salt = Buffer.from(params.salt).toString('base64');
  return new TextEncoder().encode(
    JSON.stringify(['mpcium.keystore.v1.data-key', 'scrypt', params.N, params.r, params.p, salt]),
  );
}

export function wrapDataKey(kek: Uint8Array, dataKey: Uint8Array, params: ScryptParams): Buffer {
  return gcmSeal(kek, wrapAad(params), dataKey);
}

/** The data key, or `undefined` for a wrong password (or altered wrap or parameters). */
export function unwrapDataKey(
  kek: Uint8Array,
  wrapped: Uint8Array,
  params: ScryptParams,
): Uint8Array | undefined {
  const key = gcmOpen(kek, wrapAad(params), wrapped);
  if (key && key.length !== KEY_BYTES) {
    key.fill(0);
    return undefined;
  }
  return key;
}

const CHECK_AAD = new TextEncoder().encode('mpcium.keystore.v1.key-check');
const CHECK_TEXT = new TextEncoder().encode('mpcium keystore data key check');

/** A value that only the right data key opens; lets data-key mode reject a wrong key up front. */
export function makeKeyCheck(key: KeyObject): Buffer {
  return gcmSeal(key, CHECK_AAD, CHECK_TEXT);
}

export function verifyKeyCheck(key: KeyObject, sealed: Uint8Array): boolean {
  const text = gcmOpen(key, CHECK_AAD, sealed);
  return text !== undefined && Buffer.compare(text, CHECK_TEXT) === 0;
}

/** A fresh random data key (for provisioning a KMS-held key). */
export function generateDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

const BASE64_32 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * A data key given directly: 32 bytes, or their standard base64 (44 characters, surrounding
 * whitespace ignored, as when read from an environment variable or a file).
 */
export function parseDataKey(value: Uint8Array | string): Buffer {
  if (typeof value === 'string') {
    const text = value.trim();
    if (!BASE64_32.test(text))
      throw new RangeError('dataKey must be 32 bytes given as standard base64 (44 characters)');
    return Buffer.from(text, 'base64');
  }
  if (!(value instanceof Uint8Array)) throw new TypeError('dataKey must be a Uint8Array or a base64 string');
  if (value.length !== KEY_BYTES) throw new RangeError(`dataKey must be ${KEY_BYTES} bytes`);
  return Buffer.from(value);
}

/** Moves raw key bytes into a native KeyObject and wipes the JavaScript copy. */
export function toKeyObject(raw: Uint8Array): KeyObject {
  const key = createSecretKey(raw);
  raw.fill(0);
  return key;
}
