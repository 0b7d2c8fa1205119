import { createServer } from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

/**
 * A free loopback port in [min, max], for a server started afterwards. Picks come from below 32768, where
 * neither Linux (32768-60999) nor macOS (49152-65535) hands out ephemeral ports: a port the OS picked for us
 * and we released could be taken by any outgoing connection (a Postgres pool, a Temporal client) before the
 * server binds it, which once failed an API start with EADDRINUSE. The Temporal server also needs them there:
 * it keeps membership ports in a smallint column.
 */
export async function freePortInRange(min: number, max: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found between ${min} and ${max}`);
}

/** A free loopback port for a server started afterwards: a test's, the bench's, or the worker's core metrics. */
export function freePort(): Promise<number> {
  return freePortInRange(10_000, 32_767);
}
