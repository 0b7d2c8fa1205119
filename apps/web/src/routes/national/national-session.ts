declare module 'express-session' {
  interface SessionData {
    /** The confirmation panel after the NCA answered a referral (post-redirect-get; shown once). */
    nationalAnswer: { title: string; text: string };
  }
}

export {};
