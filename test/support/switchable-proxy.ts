import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { freePort } from '@rocu/observability';

function unavailable(outgoing: ServerResponse): void {
  outgoing.writeHead(503, { 'content-type': 'application/problem+json' });
  outgoing.end(
    JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'A dependency is unavailable; retry shortly' }),
  );
}

/**
 * An HTTP proxy in front of the API that a test can switch to answering 503 problem+json, as the API does
 * when Temporal or Postgres is down, without restarting anything (tokens stay valid); or to losing the API's
 * answers to changes (every method but GET), as a timeout does: the request reaches the API and takes effect,
 * the caller sees the 503. Reads still answer, so a page that reads before it sends gets as far as the send.
 */
export class SwitchableProxy {
  down = false;
  losesAnswers = false;
  private readonly server: Server;
  private port = 0;

  private constructor(private readonly target: URL) {
    this.server = createServer((incoming, outgoing) => this.handle(incoming, outgoing));
  }

  static async start(target: string): Promise<SwitchableProxy> {
    const proxy = new SwitchableProxy(new URL(target));
    proxy.port = await freePort();
    await new Promise<void>((listening) => proxy.server.listen(proxy.port, '127.0.0.1', listening));
    return proxy;
  }

  /** The proxied base URL (same path as the target). */
  get url(): string {
    return `http://127.0.0.1:${this.port}${this.target.pathname}`;
  }

  private handle(incoming: IncomingMessage, outgoing: ServerResponse): void {
    if (this.down) return unavailable(outgoing);
    const losesAnswer = this.losesAnswers && incoming.method !== 'GET';
    const { hostname, port } = this.target;
    const forwarded = request(
      { host: hostname, port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        if (losesAnswer) {
          answer.resume();
          return answer.on('end', () => unavailable(outgoing));
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  }

  close(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }
}
