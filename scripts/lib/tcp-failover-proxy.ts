import { createConnection, createServer, Server, Socket } from 'node:net';

export interface TcpFailoverProxy {
  /** host:port clients connect to. */
  address: string;
  /** How many client connections were carried to a later upstream because an earlier one refused. */
  failovers(): number;
  close(): Promise<void>;
}

/** How long one upstream may take to accept before the next is tried (a dead host, not a refused port). */
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * A small layer-4 front for several Temporal frontends (the role a load balancer plays in production): each
 * client connection goes to the first upstream that accepts, in order, so every client shares the first
 * live node's frontend (which spreads the work over every node's history and matching shards anyway).
 * gRPC clients (the SDK's Connection and the worker's NativeConnection) take one address and reconnect by
 * themselves when a connection drops, so when that node dies they all land on the next live one.
 */
export async function startTcpFailoverProxy(upstreams: string[], port = 0): Promise<TcpFailoverProxy> {
  if (upstreams.length === 0) throw new Error('a proxy needs at least one upstream');
  const targets = upstreams.map((upstream) => {
    const [host, portText] = upstream.split(/:(?=\d+$)/);
    return { host, port: Number(portText) };
  });
  let failovers = 0;
  const sockets = new Set<Socket>();

  const connectUpstream = (attempt: number): Promise<Socket> =>
    new Promise((resolvePromise, reject) => {
      const target = targets[attempt];
      const upstream = createConnection({ ...target, timeout: CONNECT_TIMEOUT_MS });
      const giveUp = () => {
        upstream.destroy();
        if (attempt + 1 >= targets.length) reject(new Error('no upstream accepted the connection'));
        else connectUpstream(attempt + 1).then(resolvePromise, reject);
      };
      upstream.once('error', giveUp);
      upstream.once('timeout', giveUp);
      upstream.once('connect', () => {
        upstream.removeListener('error', giveUp);
        upstream.removeListener('timeout', giveUp);
        upstream.setTimeout(0);
        if (attempt > 0) failovers += 1;
        resolvePromise(upstream);
      });
    });

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    client.on('error', () => client.destroy());
    connectUpstream(0).then(
      (upstream) => {
        sockets.add(upstream);
        upstream.once('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => upstream.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => listening());
  });
  const bound = server.address();
  const boundPort = typeof bound === 'object' && bound ? bound.port : port;
  return {
    address: `127.0.0.1:${boundPort}`,
    failovers: () => failovers,
    close: () =>
      new Promise((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}
