import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { csrfSync } from 'csrf-sync';

/** A fresh nonce per response; only script tags carrying it run (there are no inline scripts). */
export function cspNonce(_req: Request, res: Response, next: NextFunction): void {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

/**
 * A strict Content-Security-Policy: scripts only by nonce (`strict-dynamic` lets our module load GOV.UK
 * and MoJ Frontend), everything else from this origin, no framing, forms post only here (and end at the
 * identity provider when one is configured: sign-out redirects there).
 */
export function securityHeaders(formTargets: () => string[] = () => []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: [(_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`, "'strict-dynamic'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        // Asked per response: the provider's endpoints are known once it has been discovered.
        formAction: ["'self'", () => formTargets().join(' ')],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * Pages are never kept by the browser or a proxy: they carry need-to-know detail, so after sign-out Back asks
 * the server again (and meets the sign-in page) instead of showing the page from a cache.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** Synchroniser-token CSRF protection: the token lives in the session and every form posts it as `_csrf`. */
export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const body = req.body as Record<string, unknown> | undefined;
    return typeof body?._csrf === 'string' ? body._csrf : undefined;
  },
});
