import { createServer } from 'node:net';
import { freePort, freePortInRange } from './free-port';

const listen = (port: number) =>
  new Promise<ReturnType<typeof createServer>>((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise(server));
  });

describe('free ports', () => {
  it('come from below the ephemeral range, so no outgoing connection can take one before the server binds it', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(32_768);
    }
  });

  it('never return a port that is taken, and return it again once it is released', async () => {
    const port = await freePort();
    const holder = await listen(port);
    await expect(freePortInRange(port, port)).rejects.toThrow(`no free port found between ${port} and ${port}`);
    await new Promise((closed) => holder.close(closed));
    expect(await freePortInRange(port, port)).toBe(port);
  });
});
