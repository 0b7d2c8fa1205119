import { join } from 'node:path';
import { ManagedProcess, startNodeProcess } from '../../../scripts/lib/child-process';
import { PROJECT_ROOT } from '../../../scripts/lib/project-paths';

export interface OidcAccount {
  name: string;
  roles: string[];
  org: string;
}

export interface OidcProviderSettings {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  audience: string;
  accounts: Record<string, OidcAccount>;
}

/** A real local OpenID provider (oidc-provider, test/support/oidc/dev-provider.mjs) in its own process. */
export class OidcProviderProcess {
  private constructor(
    private readonly process: ManagedProcess,
    readonly issuer: string,
  ) {}

  static async start(settings: OidcProviderSettings): Promise<OidcProviderProcess> {
    const child = startNodeProcess(
      'oidc-provider',
      join(PROJECT_ROOT, 'test/support/oidc/dev-provider.mjs'),
      {
        ...process.env,
        OIDC_PORT: String(settings.port),
        OIDC_CLIENT_ID: settings.clientId,
        OIDC_CLIENT_SECRET: settings.clientSecret,
        OIDC_REDIRECT_URI: settings.redirectUri,
        OIDC_AUDIENCE: settings.audience,
        OIDC_ACCOUNTS: JSON.stringify(settings.accounts),
      },
      'pipe',
    );
    const issuer = `http://127.0.0.1:${settings.port}`;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok)
          return new OidcProviderProcess(child, issuer);
      } catch {
        // not listening yet
      }
      await new Promise((wake) => setTimeout(wake, 200));
    }
    await child.stop();
    throw new Error('the OpenID provider did not start');
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
