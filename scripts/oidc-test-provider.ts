import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { errors, Provider } from 'oidc-provider';
import type { Account, Configuration } from 'oidc-provider';
import { say } from './lib/log';

/**
 * A real local OpenID provider (`oidc-provider`, a dev dependency) for the web app's sign-in tests: the
 * authorisation code flow with PKCE, its own login and consent pages (devInteractions: any password), ID
 * tokens carrying name, roles and org, RS256 JWT access tokens for the API's audience (resource indicator)
 * with the same claims, rotating refresh tokens that renew them, a JWKS for the API to verify them, and RP-initiated logout. Never used in production.
 *
 * Settings (environment): OIDC_TEST_PORT, OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_WEB_BASE_URL
 * (the web app: redirect and post-logout URIs), OIDC_TEST_RESOURCE and OIDC_TEST_AUDIENCE (the API), and
 * OIDC_TEST_ACCESS_TOKEN_TTL (seconds, default 600), OIDC_TEST_ACCOUNTS: JSON `{ "<login>": { "name", "roles", "org" } }`.
 */
interface TestAccount {
  name: string;
  roles: string[];
  org: string;
}

const setting = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main(): Promise<void> {
  const port = Number(setting('OIDC_TEST_PORT'));
  const webBaseUrl = setting('OIDC_TEST_WEB_BASE_URL');
  const resource = setting('OIDC_TEST_RESOURCE');
  const audience = setting('OIDC_TEST_AUDIENCE');
  const accounts = JSON.parse(setting('OIDC_TEST_ACCOUNTS')) as Record<string, TestAccount>;
  const accessTokenTTL = Number(process.env.OIDC_TEST_ACCESS_TOKEN_TTL ?? 600);
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

  const find = (login: string): TestAccount | undefined =>
    Object.hasOwn(accounts, login) ? accounts[login] : undefined;
  const account = (login: string): Account | undefined => {
    const found = find(login);
    return found && { accountId: login, claims: () => ({ sub: login, ...found }) };
  };

  const configuration: Configuration = {
    clients: [
      {
        client_id: setting('OIDC_TEST_CLIENT_ID'),
        client_secret: setting('OIDC_TEST_CLIENT_SECRET'),
        redirect_uris: [`${webBaseUrl}/auth/callback`],
        post_logout_redirect_uris: [`${webBaseUrl}/signed-out`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    // The web app reads the person from the ID token (its access token is for the API, not the userinfo endpoint).
    claims: { openid: ['sub'], profile: ['name', 'roles', 'org'] },
    conformIdTokenClaims: false,
    // A refresh token with every code for a client allowed the grant (by default only with offline_access and consent).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every renewal gives a new refresh token and spends the old one, as many providers do; one spent again is taken
    // as stolen and revokes the grant (by default oidc-provider rotates a confidential client's only late in its life).
    rotateRefreshToken: true,
    findAccount: (_ctx, sub) => account(sub),
    extraTokenClaims: (_ctx, token) => {
      const found = 'accountId' in token ? find(token.accountId) : undefined;
      return found && { name: found.name, roles: found.roles, org: found.org };
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return {
            scope: '',
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };

  const provider = new Provider(issuer, configuration);
  holdRequestsOnRequest(provider);
  const server = provider.listen(port, '127.0.0.1');
  server.on('listening', () => say(`test OpenID provider at ${issuer}`));
  const stop = (): void => {
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** The requests a test can make the provider hold unanswered, by the path they are sent to. */
const HELD_PATHS = { revocations: '/token/revocation', tokens: '/token' } as const;

/**
 * Test control, for each kind of request in HELD_PATHS: `POST /test/<kind>/hold` makes such requests wait (a
 * provider that does not answer), `GET /test/<kind>/held` counts those waiting, and `POST /test/<kind>/release`
 * lets them through.
 */
function holdRequestsOnRequest(provider: Provider): void {
  const held = new Map<string, (() => void)[]>();
  provider.use(async (ctx, next) => {
    const [, test, kind, action] = ctx.path.split('/');
    if (test === 'test' && Object.hasOwn(HELD_PATHS, kind)) {
      if (action === 'hold' && ctx.method === 'POST') {
        if (!held.has(kind)) held.set(kind, []);
        ctx.status = 204;
      } else if (action === 'release' && ctx.method === 'POST') {
        const waiting = held.get(kind) ?? [];
        held.delete(kind);
        waiting.forEach((resume) => resume());
        ctx.status = 204;
      } else if (action === 'held') {
        ctx.body = { held: held.get(kind)?.length ?? 0 };
      }
      return;
    }
    const holding = Object.entries(HELD_PATHS).find(([kind, path]) => path === ctx.path && held.has(kind));
    const waiting = holding && held.get(holding[0]);
    if (waiting) await new Promise<void>((resume) => waiting.push(resume));
    await next();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
