import { createServer } from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

/** Ports this process has handed out: the server given one may not have bound it yet, so it is not given again. */
const handedOut = new Set<number>();

/** Jest workers are numbered from 1; ranges are split into this many shares, so up to this many never meet. */
const WORKER_SHARES = 4;

/**
 * The part of [min, max] this process picks from. Jest's workers pick ports at the same time, and a port one
 * found free may be bound by the other before its own server binds it (seen as EADDRINUSE in `npm start`'s
 * test): each worker, and the processes it starts, picks from its own share of the range.
 */
function share(min: number, max: number): [number, number] {
  const worker = Number(process.env.JEST_WORKER_ID);
  const size = Math.floor((max - min + 1) / WORKER_SHARES);
  if (!Number.isInteger(worker) || worker < 1 || size < 100) return [min, max];
  const first = min + ((worker - 1) % WORKER_SHARES) * size;
  return [first, first + size - 1];
}

/**
 * A free loopback port in [min, max], for a server started afterwards. Picks come from below 32768, where
 * neither Linux (32768-60999) nor macOS (49152-65535) hands out ephemeral ports: a port the OS picked for us
 * and we released could be taken by any outgoing connection (a Postgres pool, a Temporal client) before the
 * server binds it, which once failed an API start with EADDRINUSE. The Temporal server also needs them there:
 * it keeps membership ports in a smallint column.
 */
export async function freePortInRange(min: number, max: number): Promise<number> {
  const [first, last] = share(min, max);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = first + Math.floor(Math.random() * (last - first + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port); // before the check, so picks made at once never share it
    if (await isFree(port)) return port;
    handedOut.delete(port);
  }
  throw new Error(`no free port found between ${first} and ${last}`);
}

/** A free loopback port for a server started afterwards: a test's, the bench's, or the worker's core metrics. */
export function freePort(): Promise<number> {
  return freePortInRange(10_000, 32_767);
}
