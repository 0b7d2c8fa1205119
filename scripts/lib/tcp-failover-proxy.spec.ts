import { createConnection, createServer, Server } from 'node:net';
import { startTcpFailoverProxy, TcpFailoverProxy } from './tcp-failover-proxy';

/** A server that answers every connection with its name and closes. */
async function namedServer(name: string): Promise<{ server: Server; address: string }> {
  const server = createServer((socket) => socket.end(name));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const bound = server.address();
  return { server, address: `127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}` };
}

function answerThrough(proxy: TcpFailoverProxy): Promise<string> {
  const [host, port] = proxy.address.split(':');
  return new Promise((resolvePromise, reject) => {
    let answer = '';
    const socket = createConnection({ host, port: Number(port) });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolvePromise(answer));
    socket.on('error', reject);
  });
}

describe('TCP failover proxy', () => {
  it('sends connections to the first upstream that accepts, and to the next once it is gone', async () => {
    const first = await namedServer('node1');
    const second = await namedServer('node2');
    const proxy = await startTcpFailoverProxy([first.address, second.address]);
    try {
      expect(await answerThrough(proxy)).toBe('node1');
      expect(proxy.failovers()).toBe(0);
      await new Promise((closed) => first.server.close(closed));
      expect(await answerThrough(proxy)).toBe('node2');
      expect(proxy.failovers()).toBe(1);
    } finally {
      await proxy.close();
      await new Promise((closed) => second.server.close(closed));
    }
  });

  it('drops the client when no upstream accepts', async () => {
    const gone = await namedServer('gone');
    await new Promise((closed) => gone.server.close(closed));
    const proxy = await startTcpFailoverProxy([gone.address]);
    try {
      expect(await answerThrough(proxy)).toBe('');
    } finally {
      await proxy.close();
    }
  });
});
