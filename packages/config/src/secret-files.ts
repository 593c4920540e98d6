/**
 * Secrets named by a configuration file are read from their own files (mode 0600, written by
 * `mpcium init`), never written inline, so the YAML files can be shared and printed.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';
import { isUnixAddress } from './network-fields.js';
import { Secret } from './secret.js';

const MAX_SECRET_FILE_BYTES = 4096;

/** The file's text without its trailing newline, as a Secret; errors name the config field. */
export function readSecretFile(configFile: string, fieldPath: string, secretFile: string): Secret {
  let text: string;
  try {
    const buf = readFileSync(secretFile);
    if (buf.length > MAX_SECRET_FILE_BYTES) throw new Error(`larger than ${MAX_SECRET_FILE_BYTES} bytes`);
    text = buf.toString('utf8');
    buf.fill(0);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ConfigError(configFile, fieldPath, 'a readable secret file', `${reason}: ${secretFile}`);
  }
  const value = text.replace(/\r?\n$/, '');
  if (value.length === 0) throw new ConfigError(configFile, fieldPath, 'a non-empty secret file', secretFile);
  return new Secret(value);
}

/** A shared secret for the keystore's loopback port: at least 32 characters. */
export function readSharedSecret(configFile: string, fieldPath: string, secretFile: string): Secret {
  const secret = readSecretFile(configFile, fieldPath, secretFile);
  if (secret.length < 32)
    throw new ConfigError(
      configFile,
      fieldPath,
      'a shared secret file of at least 32 characters',
      secretFile,
    );
  return secret;
}

const HEX_32 = /^[0-9a-fA-F]{64}$/;

/** An Ed25519 secret key file: 64 hex characters (the 32-byte seed of RFC 8032 §5.1.5). */
export function readEd25519SecretKey(configFile: string, fieldPath: string, keyFile: string): Secret {
  const text = readSecretFile(configFile, fieldPath, keyFile).text().trim();
  if (!HEX_32.test(text))
    throw new ConfigError(
      configFile,
      fieldPath,
      'a key file holding 64 hex characters (an Ed25519 seed)',
      keyFile,
    );
  const seed = Buffer.from(text, 'hex');
  const secret = new Secret(seed);
  seed.fill(0);
  return secret;
}

/** Reads the keystore section's secret: required for a TCP address, optional for a socket. */
export function keystoreSharedSecret(
  name: string,
  keystore: { address: string; sharedSecretFile: string | undefined },
): Secret | undefined {
  if (keystore.sharedSecretFile === undefined) {
    if (isUnixAddress(keystore.address)) return undefined;
    throw new ConfigError(
      name,
      'keystore.sharedSecretFile',
      'a shared secret file when keystore.address is a TCP port',
      'missing',
    );
  }
  return readSharedSecret(name, 'keystore.sharedSecretFile', keystore.sharedSecretFile);
}
