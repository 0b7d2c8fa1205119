/** The parts of the provider's discovered metadata that a browser is sent to. */
export interface ProviderEndpoints {
  authorization_endpoint?: string;
  end_session_endpoint?: string;
}

/**
 * The origins the browser may be sent to at the identity provider, for the Content-Security-Policy's form-action:
 * sign-out is a form whose answer redirects to the end-session endpoint, and browsers hold a redirect after a form
 * to that list too. A provider may serve these on another origin than its issuer (Amazon Cognito does).
 */
export function providerOrigins(issuer: string, endpoints: ProviderEndpoints = {}): string[] {
  const urls = [issuer, endpoints.authorization_endpoint, endpoints.end_session_endpoint];
  return [...new Set(urls.flatMap((url) => (url && URL.canParse(url) ? [new URL(url).origin] : [])))];
}
