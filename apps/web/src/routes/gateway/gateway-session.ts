import type { WebSession } from '../../auth/web-session';
import type { SentBodies } from '../../api/keyed-send';
import type { AssessmentDraft } from './assessment-form';

declare module 'express-session' {
  interface SessionData {
    /**
     * Per referral id: the assessment grid between "Check the score" and submitting it, with the key it is
     * sent under and the bodies already sent (see sendKeyed).
     */
    assessmentDrafts: Record<string, AssessmentDraft & { key?: string; sent?: SentBodies }>;
    /** A one-off confirmation for the next page (post-redirect-get). */
    gatewayNotice: { path: string; text: string };
  }
}

export const referralPath = (id: string): string => `/gateway/referrals/${encodeURIComponent(id)}`;

/** Keeps a confirmation for the next GET of `path` (post-redirect-get). */
export function notice(session: WebSession, path: string, text: string): void {
  session.gatewayNotice = { path, text };
}

/** The confirmation kept for this page, once. */
export function takeNotice(session: WebSession, path: string): string | undefined {
  const kept = session.gatewayNotice;
  if (kept?.path !== path) return undefined;
  delete session.gatewayNotice;
  return kept.text;
}
