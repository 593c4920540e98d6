/**
 * Network address fields: the NATS and Redis URLs, gRPC listen addresses and the keystore's
 * address (a unix socket, or a loopback port guarded by a shared secret: ARCHITECTURE.md
 * "Components", keystore). URLs with credentials are refused: a URL gets printed and logged,
 * so a password inside it would leak; credentials belong in files.
 */
import { isAbsolute, resolve } from 'node:path';
import { type Field, Invalid } from './fields.js';

const HOST =
  /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)$/;
const HOST_PORT = /^(.+):(\d{1,5})$/;

interface HostPort {
  readonly host: string;
  readonly port: number;
}

function splitHostPort(value: unknown, minPort: number): HostPort | undefined {
  if (typeof value !== 'string') return undefined;
  const m = HOST_PORT.exec(value);
  if (!m || !HOST.test(m[1]!)) return undefined;
  const port = Number(m[2]);
  return port >= minPort && port <= 65535 ? { host: m[1]!, port } : undefined;
}

/** `host:port` to listen on; port 0 asks the system for a free port (tests). */
export function listenAddress(): Field<string> {
  const expected = 'host:port, e.g. 127.0.0.1:50051';
  return {
    expected,
    env: 'string',
    parse: (value) => {
      const hp = splitHostPort(value, 0);
      if (!hp) throw new Invalid(expected);
      return `${hp.host}:${hp.port}`;
    },
  };
}

function parseUrl(value: unknown, protocols: readonly string[], expected: string): URL {
  if (typeof value !== 'string') throw new Invalid(expected);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Invalid(expected);
  }
  if (!protocols.includes(url.protocol) || url.hostname === '') throw new Invalid(expected);
  if (url.username !== '' || url.password !== '')
    throw new Invalid(`${expected} without credentials (a URL gets printed; put credentials in a file)`);
  if (url.search !== '' || url.hash !== '') throw new Invalid(expected);
  return url;
}

/** `nats://host:port` (or `tls://`); the port defaults to 4222. */
export function natsUrl(): Field<string> {
  const expected = 'nats://host:port';
  return {
    expected,
    env: 'string',
    parse: (value) => {
      const url = parseUrl(value, ['nats:', 'tls:'], expected);
      if (url.pathname !== '' && url.pathname !== '/') throw new Invalid(expected);
      return `${url.protocol}//${url.hostname}:${url.port || '4222'}`;
    },
  };
}

/** Where operations live: `memory` (embedded, one process) or `redis://host:port[/db]`. */
export function redisUrl(): Field<string> {
  const expected = 'redis://host:port[/db] or memory';
  return {
    expected,
    env: 'string',
    parse: (value) => {
      if (value === 'memory') return 'memory';
      const url = parseUrl(value, ['redis:', 'rediss:'], expected);
      const db = /^\/?(\d{0,2})$/.exec(url.pathname);
      if (!db) throw new Invalid(expected);
      const path = db[1] ? `/${db[1]}` : '';
      return `${url.protocol}//${url.hostname}:${url.port || '6379'}${path}`;
    },
  };
}

/** Linux limits sun_path to 108 bytes including the terminating NUL. */
const MAX_SOCKET_PATH = 107;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The keystore's address: `unix:PATH` (relative paths resolve against the config file's
 * directory) or a loopback `host:port`. Anything else would expose the keystore to the network.
 */
export function keystoreAddress(): Field<string> {
  const expected = 'unix:/path/to/socket or a loopback address like 127.0.0.1:50200';
  return {
    expected,
    env: 'string',
    parse: (value, ctx) => {
      if (typeof value === 'string' && value.startsWith('unix:')) {
        const raw = value.slice('unix:'.length).replace(/^\/\/(?=\/)/, '');
        if (raw === '' || raw.includes('\0')) throw new Invalid(expected);
        const path = isAbsolute(raw) ? resolve(raw) : resolve(ctx.dir, raw);
        if (Buffer.byteLength(path) > MAX_SOCKET_PATH)
          throw new Invalid(`a unix socket path of at most ${MAX_SOCKET_PATH} bytes once resolved`);
        return `unix:${path}`;
      }
      const hp = splitHostPort(value, 1);
      if (!hp || !isLoopback(hp.host)) throw new Invalid(expected);
      return `${hp.host}:${hp.port}`;
    },
  };
}

/** True for a `unix:` keystore address; a TCP one needs the shared secret. */
export function isUnixAddress(address: string): boolean {
  return address.startsWith('unix:');
}
