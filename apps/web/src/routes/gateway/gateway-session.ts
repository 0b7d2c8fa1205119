import type { AssessmentDraft } from './assessment-form';

declare module 'express-session' {
  interface SessionData {
    /** Per referral id: why the assessor needs its OFFICIAL-SENSITIVE detail (sent with each read; audited). */
    accessJustifications: Record<string, string>;
    /** Per referral id: the assessment grid between "Check the score" and submitting it. */
    assessmentDrafts: Record<string, AssessmentDraft>;
    /** A one-off confirmation for the next page (post-redirect-get). */
    gatewayNotice: { path: string; text: string };
  }
}
