import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (asks the kernel, then releases it for the caller). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves when nothing listens on 127.0.0.1:port; rejects with a clear error otherwise. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => reject(new Error(`port ${port} on 127.0.0.1 is already in use`)));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}
