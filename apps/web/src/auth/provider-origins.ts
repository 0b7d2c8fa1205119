/** The parts of the provider's discovered metadata that a browser is sent to. */
export interface ProviderEndpoints {
  authorization_endpoint?: string;
  end_session_endpoint?: string;
}

/**
 * An http(s) origin a header may name as it is: a provider's metadata comes from elsewhere, and an origin with a
 * character a directive cannot hold (a URL's host may have `;` or `,`) would break every page's header.
 */
const WEB_ORIGIN = /^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d+)?$/;

/**
 * The origins the browser may be sent to at the identity provider, for the Content-Security-Policy's form-action:
 * sign-out is a form whose answer redirects to the end-session endpoint, and browsers hold a redirect after a form
 * to that list too. A provider may serve these on another origin than its issuer (Amazon Cognito does).
 */
export function providerOrigins(issuer: string, endpoints: ProviderEndpoints = {}): string[] {
  const urls = [issuer, endpoints.authorization_endpoint, endpoints.end_session_endpoint];
  return [...new Set(urls.flatMap((url) => (url && URL.canParse(url) ? [new URL(url).origin] : [])))].filter((origin) =>
    WEB_ORIGIN.test(origin),
  );
}
