import { createServer } from 'node:net';

export { freePort } from '@rocu/observability';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

/**
 * A free loopback port in [min, max]: for servers that cannot take the OS's pick (the Temporal server keeps
 * membership ports in a smallint column, so they must be below 32768, where the OS also hands out no
 * ephemeral ports for outgoing connections).
 */
export async function freePortInRange(min: number, max: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found between ${min} and ${max}`);
}
