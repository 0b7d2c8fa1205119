import { createServer } from 'node:net';
import { freePort, freePortInRange } from './free-port';

const listen = (port: number) =>
  new Promise<ReturnType<typeof createServer>>((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise(server));
  });

const close = (server: ReturnType<typeof createServer>) => new Promise((closed) => server.close(closed));

describe('free ports', () => {
  it('come from below the ephemeral range, so no outgoing connection can take one before the server binds it', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(32_768);
    }
  });

  it('are never handed out twice by one process, even before a server binds them, one after another or at once', async () => {
    // 400 picks from a share of about 5,700 ports would repeat one almost surely (p > 0.999) if picks were free.
    const ports: number[] = [];
    for (let pick = 0; pick < 400; pick += 1) ports.push(await freePort());
    ports.push(...(await Promise.all(Array.from({ length: 400 }, () => freePort()))));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("come from this jest worker's own share of the range, which the other worker never picks from", async () => {
    const worker = Number(process.env.JEST_WORKER_ID);
    const size = Math.floor((32_767 - 10_000 + 1) / 4);
    const first = 10_000 + ((worker - 1) % 4) * size;
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(first);
      expect(port).toBeLessThan(first + size);
    }
  });

  it('never return a port that is taken, and return it once it is released', async () => {
    const holder = await listen(0); // outside every share, so this process has not handed it out
    const { port } = holder.address() as { port: number };
    await expect(freePortInRange(port, port)).rejects.toThrow(`no free port found between ${port} and ${port}`);
    await close(holder);
    expect(await freePortInRange(port, port)).toBe(port);
    await expect(freePortInRange(port, port)).rejects.toThrow('no free port found'); // handed out already
  });
});
