/**
 * Where a keystore listens: a unix socket (`unix:/abs/path`) or a loopback TCP `host:port`.
 * Nothing else is accepted, by the server or the client: the keystore serves its own node's
 * signer only, and TCP carries the shared secret in plaintext, so it must not leave the host.
 */
import { BlockList, isIP } from 'node:net';
import { isAbsolute } from 'node:path';

export type KeystoreAddress =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const TCP = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/;

/** Parses a keystore address; a TCP host must be a literal loopback IP (no names: they resolve). */
export function parseKeystoreAddress(address: string): KeystoreAddress {
  if (typeof address !== 'string') throw new TypeError('keystore address must be a string');
  if (address.startsWith('unix:')) {
    const path = address.slice('unix:'.length);
    if (!isAbsolute(path) || path.startsWith('//'))
      throw new RangeError('a keystore unix socket address must be unix:/abs/path');
    return { kind: 'unix', path };
  }
  const match = TCP.exec(address);
  if (!match) throw new RangeError('keystore address must be unix:/abs/path or a loopback host:port');
  const host = (match[1] ?? match[2])!;
  const port = Number(match[3]);
  if (port > 65535) throw new RangeError('keystore port must be in 0..65535');
  const family = isIP(host);
  if (family === 0 || !LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6'))
    throw new RangeError(`keystore TCP address must be a loopback IP (127.0.0.0/8 or [::1]), got ${host}`);
  return { kind: 'tcp', host, port };
}
