// A real OpenID provider (panva's oidc-provider) for the browser tests, run as its own process (the package
// is ESM-only). Its development login accepts any password for the accounts given in OIDC_ACCOUNTS; access
// tokens are RS256 JWTs for the API's audience carrying the `name`, `roles` and `org` claims it reads.
//   OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_AUDIENCE, OIDC_ACCOUNTS (JSON)
import Provider from 'oidc-provider';

const env = process.env;
const port = Number(env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(env.OIDC_ACCOUNTS ?? '{}');
const API_RESOURCE = 'urn:rocu-gateway:api';

const claimsOf = (sub) => {
  const account = accounts[sub];
  return account ? { sub, name: account.name, roles: account.roles, org: account.org } : undefined;
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env.OIDC_CLIENT_ID,
      client_secret: env.OIDC_CLIENT_SECRET,
      redirect_uris: [env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  scopes: ['openid', 'profile', 'api'],
  claims: { openid: ['sub'], profile: ['name', 'roles', 'org'] },
  conformIdTokenClaims: false,
  findAccount: (_ctx, sub) => (claimsOf(sub) ? { accountId: sub, claims: () => claimsOf(sub) } : undefined),
  extraTokenClaims: (_ctx, token) => {
    const claims = token.kind === 'AccessToken' ? claimsOf(token.accountId) : undefined;
    return claims ? { name: claims.name, roles: claims.roles, org: claims.org } : undefined;
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => API_RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience: env.OIDC_AUDIENCE,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});

provider.listen(port, '127.0.0.1', () => process.stdout.write(`oidc-provider listening on ${issuer}\n`));
