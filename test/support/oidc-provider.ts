import { join } from 'node:path';
import type { Role } from '@rocu/domain';
import { ManagedProcess, startNodeProcess } from '../../scripts/lib/child-process';
import { freePort } from '@rocu/observability';
import { PROJECT_ROOT } from '../../scripts/lib/project-paths';
import type { ApiJwksAuth } from './stack';

/** A person the test provider knows, signed in by their login (any password). */
export interface ProviderAccount {
  name: string;
  roles: Role[];
  org: string;
}

/** What the provider can be made to hold unanswered (scripts/oidc-test-provider.ts). */
export type HeldRequests = 'revocations' | 'tokens';

const CLIENT_ID = 'rocu-web';
const CLIENT_SECRET = 'test-client-secret-0123456789';
const AUDIENCE = 'rocu-gateway';
const RESOURCE = 'urn:rocu-gateway:api';

/**
 * The real local OpenID provider (scripts/oidc-test-provider.ts, `oidc-provider`) as a child process, with
 * the web app's client registered for a web app on `webPort`. `apiAuth` points the API at its JWKS, issuer
 * and audience; `webEnv` signs the web app in through it (AUTH_MODE=oidc).
 */
export class OidcTestProvider {
  private constructor(
    private readonly process: ManagedProcess,
    readonly issuer: string,
    readonly webPort: string,
    private readonly output: string[],
  ) {}

  /** `accessTokenTtlSeconds`: the life of the API access tokens it issues (its refresh tokens renew them). */
  static async start(
    accounts: Record<string, ProviderAccount>,
    accessTokenTtlSeconds = 600,
  ): Promise<OidcTestProvider> {
    const [port, webPort] = await Promise.all([freePort(), freePort()]);
    const output: string[] = [];
    const child = startNodeProcess(
      'oidc-provider',
      join(PROJECT_ROOT, 'dist/scripts/oidc-test-provider.js'),
      {
        ...process.env,
        NODE_ENV: 'test',
        OIDC_TEST_PORT: String(port),
        OIDC_TEST_CLIENT_ID: CLIENT_ID,
        OIDC_TEST_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_TEST_WEB_BASE_URL: `http://127.0.0.1:${webPort}`,
        OIDC_TEST_RESOURCE: RESOURCE,
        OIDC_TEST_AUDIENCE: AUDIENCE,
        OIDC_TEST_ACCOUNTS: JSON.stringify(accounts),
        OIDC_TEST_ACCESS_TOKEN_TTL: String(accessTokenTtlSeconds),
      },
      'pipe',
    );
    child.child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const provider = new OidcTestProvider(child, `http://127.0.0.1:${port}`, String(webPort), output);
    await provider.waitForDiscovery();
    return provider;
  }

  get apiAuth(): ApiJwksAuth {
    return { jwksUrl: `${this.issuer}/jwks`, issuer: this.issuer, audience: AUDIENCE };
  }

  get webEnv(): Record<string, string> {
    return {
      WEB_PORT: this.webPort,
      AUTH_MODE: 'oidc',
      OIDC_ISSUER_URL: this.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_RESOURCE: RESOURCE,
    };
  }

  /** The audience the provider's access tokens carry (the API's). */
  get audience(): string {
    return AUDIENCE;
  }

  /** The HTTP status and error of a refresh token grant for the web app's client, as the web app would make it. */
  async refresh(refreshToken: string): Promise<{ status: number; error?: string }> {
    const metadata = (await (await fetch(`${this.issuer}/.well-known/openid-configuration`)).json()) as {
      token_endpoint: string;
    };
    const response = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, resource: RESOURCE }),
    });
    const { error } = (await response.json()) as { error?: string };
    return { status: response.status, error };
  }

  /**
   * Makes the provider hold requests of a kind unanswered until `release` (a provider that hangs): revocations, or
   * token requests (code exchanges and refresh token grants).
   */
  async hold(kind: HeldRequests): Promise<void> {
    await this.control('POST', kind, 'hold');
  }

  /** How many requests of a kind the provider is holding. */
  async held(kind: HeldRequests): Promise<number> {
    return ((await (await this.control('GET', kind, 'held')).json()) as { held: number }).held;
  }

  async release(kind: HeldRequests): Promise<void> {
    await this.control('POST', kind, 'release');
  }

  private async control(method: 'GET' | 'POST', kind: HeldRequests, action: string): Promise<Response> {
    const response = await fetch(`${this.issuer}/test/${kind}/${action}`, { method });
    if (!response.ok) throw new Error(`the test provider refused ${action} ${kind}: ${response.status}`);
    return response;
  }

  private async waitForDiscovery(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.issuer}/.well-known/openid-configuration`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((wake) => setTimeout(wake, 200));
    }
    throw new Error(`the test OpenID provider did not start:\n${this.output.join('')}`);
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }
}
