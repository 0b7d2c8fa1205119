import { ConfigError, loadConfig } from './app-config';
import { loadWebConfig } from './web-config';

const BASE = { DATABASE_URL: 'postgres://localhost/rocu', SESSION_SECRET: 'x'.repeat(32) };

describe('loadWebConfig', () => {
  it('applies the defaults: dev sign-in, port 3001, 30-minute idle sessions', () => {
    expect(loadWebConfig(BASE)).toMatchObject({
      AUTH_MODE: 'dev',
      WEB_PORT: 3001,
      SESSION_IDLE_TIMEOUT_SECONDS: 1800,
      API_BASE_URL: 'http://127.0.0.1:3000/api/v1',
      TRUST_PROXY: 'loopback',
    });
  });

  it('takes the TLS proxies to believe as the API does, and refuses anything else', () => {
    expect(loadWebConfig({ ...BASE, TRUST_PROXY: 'uniquelocal, 203.0.113.7' }).TRUST_PROXY).toBe(
      'uniquelocal, 203.0.113.7',
    );
    expect(() => loadWebConfig({ ...BASE, TRUST_PROXY: 'the proxy' })).toThrow(/TRUST_PROXY must be/);
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadWebConfig({ DATABASE_URL: 'postgres://localhost/rocu', SESSION_SECRET: 'short', WEB_PORT: 'eighty' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SESSION_SECRET[\s\S]*WEB_PORT|WEB_PORT[\s\S]*SESSION_SECRET/);
  });

  it('refuses dev sign-in in production', () => {
    expect(() => loadWebConfig({ ...BASE, NODE_ENV: 'production' })).toThrow(/AUTH_MODE=dev is refused/);
  });

  it('refuses an idle timeout in production too short for the timeout warning to leave 20 seconds', () => {
    const production = {
      ...BASE,
      NODE_ENV: 'production',
      AUTH_MODE: 'oidc',
      OIDC_ISSUER_URL: 'https://idp.example',
      OIDC_CLIENT_ID: 'web',
      OIDC_CLIENT_SECRET: 'secret',
      WEB_BASE_URL: 'https://gateway.example',
    };
    expect(() => loadWebConfig({ ...production, SESSION_IDLE_TIMEOUT_SECONDS: '119' })).toThrow(
      /SESSION_IDLE_TIMEOUT_SECONDS must be at least 120 in production/,
    );
    expect(loadWebConfig({ ...production, SESSION_IDLE_TIMEOUT_SECONDS: '120' }).SESSION_IDLE_TIMEOUT_SECONDS).toBe(
      120,
    );
    expect(loadWebConfig({ ...BASE, SESSION_IDLE_TIMEOUT_SECONDS: '3' }).SESSION_IDLE_TIMEOUT_SECONDS).toBe(3);
  });

  it('requires every OpenID Connect setting with AUTH_MODE=oidc', () => {
    expect(() => loadWebConfig({ ...BASE, AUTH_MODE: 'oidc', OIDC_CLIENT_ID: 'web' })).toThrow(
      /OIDC_ISSUER_URL is required[\s\S]*OIDC_CLIENT_SECRET is required[\s\S]*WEB_BASE_URL is required/,
    );
    expect(
      loadWebConfig({
        ...BASE,
        AUTH_MODE: 'oidc',
        OIDC_ISSUER_URL: 'http://127.0.0.1:4000',
        OIDC_CLIENT_ID: 'web',
        OIDC_CLIENT_SECRET: 'secret',
        WEB_BASE_URL: 'http://127.0.0.1:3001',
      }).AUTH_MODE,
    ).toBe('oidc');
  });

  it('asks for openid and profile by default, and refuses scopes without openid', () => {
    expect(loadWebConfig(BASE)).toMatchObject({ OIDC_SCOPE: 'openid profile', OIDC_RESOURCE: undefined });
    expect(loadWebConfig({ ...BASE, OIDC_SCOPE: 'openid profile rocu', OIDC_RESOURCE: 'urn:rocu:api' })).toMatchObject({
      OIDC_SCOPE: 'openid profile rocu',
      OIDC_RESOURCE: 'urn:rocu:api',
    });
    expect(() => loadWebConfig({ ...BASE, OIDC_SCOPE: 'profile' })).toThrow(/OIDC_SCOPE must be/);
  });

  it('leaves the API configuration as it was', () => {
    expect(() => loadConfig({ DATABASE_URL: 'x', NODE_ENV: 'production' })).toThrow(/AUTH_MODE=dev is refused/);
    expect(loadConfig({ DATABASE_URL: 'x' }).PORT).toBe(3000);
  });
});
