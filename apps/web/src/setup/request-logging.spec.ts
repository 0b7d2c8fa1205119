import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { PinoNestLogger, requestLogging } from './request-logging';

/** A real Express app behind the middleware, logging JSON lines into an array. */
async function serve(level: pino.Level): Promise<{ url: string; lines: Record<string, unknown>[]; server: Server }> {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = express();
  app.use(requestLogging(logger));
  app.get('/referrals', (_req, res) => res.send('ok'));
  app.get('/health', (_req, res) => res.send('ok'));
  app.get('/assets/app.css', (_req, res) => res.send('ok'));
  app.get('/broken', (_req, res) => res.status(500).send('broken'));
  const server = await new Promise<Server>((started) => {
    const listening = app.listen(0, '127.0.0.1', () => started(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines, server };
}

/** A line is written when the response closes, just after the client has it: waits for `count` lines. */
async function logged(lines: unknown[], count: number): Promise<void> {
  while (lines.length < count) await new Promise((next) => setImmediate(next));
}

describe('requestLogging', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  afterEach(() => new Promise((closed) => served.server.close(closed)));

  it('logs each page request once with its correlation id, echoed on the response, never the cookie or the query', async () => {
    served = await serve('info');
    const response = await fetch(`${served.url}/referrals?q=Kestrel`, { headers: { cookie: 'rocu.sid=secret' } });
    await response.text();
    await logged(served.lines, 1);
    const id = response.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(served.lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        correlationId: id,
        req: { method: 'GET', url: '/referrals' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number) as number,
      }),
    ]);
    expect(JSON.stringify(served.lines)).not.toMatch(/secret|Kestrel/);
  });

  it("reuses a caller's well-formed X-Correlation-Id and replaces a malformed one", async () => {
    served = await serve('info');
    const kept = await fetch(`${served.url}/referrals`, { headers: { 'x-correlation-id': 'abc-123-def' } });
    const replaced = await fetch(`${served.url}/referrals`, { headers: { 'x-correlation-id': 'bad id!' } });
    await Promise.all([kept.text(), replaced.text()]);
    await logged(served.lines, 2);
    expect(kept.headers.get('x-correlation-id')).toBe('abc-123-def');
    expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(served.lines.map((line) => line.correlationId).sort()).toEqual(
      [kept.headers.get('x-correlation-id'), replaced.headers.get('x-correlation-id')].sort(),
    );
  });

  it('logs a server error at error level, and nothing for the health probe or static files', async () => {
    served = await serve('info');
    for (const path of ['/health', '/assets/app.css', '/broken']) await (await fetch(`${served.url}${path}`)).text();
    await logged(served.lines, 1);
    expect(served.lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 500 } }),
    ]);
  });

  it('above info level writes no request lines but still gives every response its correlation id', async () => {
    served = await serve('warn');
    const response = await fetch(`${served.url}/referrals`);
    await response.text();
    expect(response.headers.get('x-correlation-id')).toBeTruthy();
    expect(served.lines).toEqual([]);
  });
});

describe('PinoNestLogger', () => {
  it("writes Nest's log calls as pino lines with their context, errors with their stack", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = new PinoNestLogger(
      pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }),
    );
    logger.log('started', 'Bootstrap');
    logger.debug('not written', 'Bootstrap');
    logger.warn('unread count not shown', 'UnreadCountInterceptor');
    logger.error('failed', 'Error: failed\n    at here', 'ExceptionsHandler');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'started', context: 'Bootstrap' }),
      expect.objectContaining({ level: 40, msg: 'unread count not shown', context: 'UnreadCountInterceptor' }),
      expect.objectContaining({
        level: 50,
        msg: 'failed',
        context: 'ExceptionsHandler',
        stack: 'Error: failed\n    at here',
      }),
    ]);
  });
});
