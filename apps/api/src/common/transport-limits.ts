import type { Server } from 'node:http';
import bytes from 'bytes';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '@rocu/config';
import { UnreadableBodyError } from './unreadable-body';

/**
 * Refuses a declared Content-Length over the body limit at once (413, closing the connection). body-parser
 * would refuse it too, but only after reading the whole declared body off the socket, so a client declaring
 * a large body and sending it slowly held the request open.
 */
export function refuseDeclaredOversizeBody(limit: string) {
  const limitBytes = bytes.parse(limit);
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.headers['content-length']);
    if (limitBytes === null || !(declared > limitBytes)) return next();
    res.setHeader('Connection', 'close');
    next(new UnreadableBodyError('entity.too.large', 413));
  };
}

/**
 * A Slowloris defence from Node's own HTTP server: a client that takes longer than HEADERS_TIMEOUT_MS to
 * send its headers, or REQUEST_TIMEOUT_MS for the whole request, is answered 408 and disconnected. The
 * server checks its connections every second (the default is every 30 s).
 */
export function applyRequestTimeouts(server: Server, config: AppConfig): void {
  server.headersTimeout = config.HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1_000;
}

/** Responses of the API carry people's records: no cache (browser or shared) may keep them. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
