import { createServer, Server, Socket, connect } from 'node:net';
import { freePort } from '@rocu/observability';

/**
 * A TCP relay in front of a server (Postgres, Temporal) that a test can shut, making the server unreachable
 * to whoever connects through it (open connections are cut, new ones refused at once), and open again.
 */
export class TcpGate {
  private open = true;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    readonly port: number,
  ) {
    this.server = createServer((client) => this.relay(client));
  }

  static async start(target: string): Promise<TcpGate> {
    const [host, port] = target.split(':');
    const gate = new TcpGate(host, Number(port), await freePort());
    await new Promise<void>((listening) => gate.server.listen(gate.port, '127.0.0.1', listening));
    return gate;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  shut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
  }

  reopen(): void {
    this.open = true;
  }

  async stop(): Promise<void> {
    this.shut();
    await new Promise<void>((closed) => this.server.close(() => closed()));
  }

  private relay(client: Socket): void {
    if (!this.open) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  }
}
