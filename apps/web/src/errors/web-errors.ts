/** Nobody is signed in (or the session ended): the filter sends the person to sign in. */
export class SignInRequiredError extends Error {
  constructor() {
    super('sign in required');
  }
}

/** A form arrived without this session's CSRF token. */
export class CsrfRefusedError extends Error {
  constructor() {
    super('invalid CSRF token');
  }
}
