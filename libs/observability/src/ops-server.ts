import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an operations route answers: a status code and a body (JSON unless it is Prometheus text). */
export interface OpsAnswer {
  status: number;
  body: string | object;
}

export type OpsRoute = () => Promise<OpsAnswer>;

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A small HTTP listener for operators only (Prometheus scrapes, orchestrator probes), apart from the public
 * port: it carries no authentication, so it listens on METRICS_HOST (loopback by default) and is never
 * published. Only GET on the listed paths; everything else is 404.
 */
export function startOpsServer(host: string, port: number, routes: Record<string, OpsRoute>): Promise<OpsServer> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    const route = req.method === 'GET' ? routes[path] : undefined;
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route().then(
      ({ status, body }) => {
        const text = typeof body === 'string';
        res.writeHead(status, {
          'content-type': text ? 'text/plain; version=0.0.4; charset=utf-8' : 'application/json',
          'cache-control': 'no-store',
        });
        res.end(text ? body : JSON.stringify(body));
      },
      () => res.writeHead(500).end(),
    );
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
