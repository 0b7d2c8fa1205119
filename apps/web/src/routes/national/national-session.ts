import type { SentBodies } from '../../api/keyed-send';
import type { TaskingDraft } from './tasking-request';

declare module 'express-session' {
  interface SessionData {
    /** The confirmation panel after the NCA answered a referral (post-redirect-get; shown once). */
    nationalAnswer: { title: string; text: string };
    /**
     * The tasking request being written; its key is the request's Idempotency-Key (sending twice makes one),
     * and `sent` the bodies already sent under it (see sendKeyed).
     */
    taskingRequest: { key: string; draft: TaskingDraft; sent?: SentBodies };
    /** The tasking request just sent, for the confirmation page (once); `earlier` as sendKeyed says. */
    taskingSent: { reference: string; region: string; earlier: boolean };
  }
}

export {};
