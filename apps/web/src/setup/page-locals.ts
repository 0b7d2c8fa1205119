import type { NextFunction, Request, Response } from 'express';
import type { WebSession } from '../auth/web-session';
import { navigationFor } from '../routes/navigation';
import { csrf } from './security';

/** What the layout needs on every page: who is signed in, their navigation, and the form CSRF token. */
export function pageLocals(req: Request & { session: WebSession }, res: Response, next: NextFunction): void {
  res.locals.user = req.session.user;
  res.locals.navigation = navigationFor(req.session.user, req.path);
  res.locals.csrfToken = csrf.generateToken(req);
  next();
}
