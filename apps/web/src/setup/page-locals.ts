import type { NextFunction, Request, Response } from 'express';
import type { WebSession } from '../auth/web-session';
import { navigationFor } from '../routes/navigation';
import { csrf } from './security';

/**
 * What the layout needs on every page: who is signed in, their navigation, and the form CSRF token. The token is
 * made when a form asks for it (`{{ csrfToken() }}`): made for every request, it would store a session for each
 * visitor without a cookie (a probe, a crawler, a mistyped address), one database row each for 30 minutes.
 */
export function pageLocals(req: Request & { session: WebSession }, res: Response, next: NextFunction): void {
  res.locals.user = req.session.user;
  res.locals.navigation = navigationFor(req.session.user, req.path);
  res.locals.csrfToken = () => csrf.generateToken(req);
  next();
}
