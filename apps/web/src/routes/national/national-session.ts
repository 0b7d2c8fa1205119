import type { TaskingDraft } from './tasking-request';

declare module 'express-session' {
  interface SessionData {
    /** The confirmation panel after the NCA answered a referral (post-redirect-get; shown once). */
    nationalAnswer: { title: string; text: string };
    /** The tasking request being written; its key is the request's Idempotency-Key (sending twice makes one). */
    taskingRequest: { key: string; draft: TaskingDraft };
    /** The tasking request just sent, for the confirmation page (once). */
    taskingSent: { reference: string; region: string };
  }
}

export {};
