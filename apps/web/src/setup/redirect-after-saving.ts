import type { Response } from 'express';
import type { WebSession } from '../auth/web-session';

/**
 * Redirects (303) once the session is stored: express-session sends a response's headers before its own save
 * finishes, so a browser following the redirect at once could read the session as it was before (a kept
 * form, a notice or a draft would be missing). Every redirect after a session change goes through here.
 */
export async function redirectAfterSaving(session: WebSession, response: Response, url: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    session.save((error: unknown) =>
      error ? reject(error instanceof Error ? error : new Error('the session could not be saved')) : resolve(),
    ),
  );
  response.redirect(303, url);
}
