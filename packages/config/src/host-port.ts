/** Splits a validated `host:port` listen address (IPv6 hosts in brackets) for a server to bind. */
export function hostPort(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  const host = listen.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(listen.slice(at + 1)) };
}
