import { IsIn, IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';
import { IsWholeNumber, validateConfig } from './app-config';
import { IsTrustProxy } from './trust-proxy';

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'] };

/**
 * Every setting the web app (apps/web) reads, validated once at start-up like AppConfig. The web app is a
 * backend-for-frontend: it reaches the API over HTTP and Postgres only for its sessions.
 */
export class WebConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsWholeNumber(0, 65535) WEB_PORT = 3001;

  /**
   * The TLS proxies whose X-Forwarded-Proto (and -For) are believed, as the API's TRUST_PROXY: behind one the
   * request counts as https, so the Secure session cookie is set. By default a proxy on the same host.
   */
  @IsTrustProxy()
  TRUST_PROXY = 'loopback';

  /** The HTTP API the web app calls with the signed-in person's token. */
  @IsUrl(URL_OPTIONS)
  API_BASE_URL = 'http://127.0.0.1:3000/api/v1';

  /** How long a page waits for the API before showing "try again" (the form is kept). */
  @IsWholeNumber(1000) API_TIMEOUT_MS = 35_000;

  /** Postgres holding the sessions (table `web_session`, created by the migrations). */
  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  /** The role the web app acts as (SET ROLE at connect), like the API and worker. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DB_APP_ROLE = 'rocu_app';

  /** Signs the session cookie; at least 32 characters. */
  @IsString()
  @MinLength(32)
  SESSION_SECRET!: string;

  /** A session ends after this long without a request (30 minutes; tests use seconds). */
  @IsWholeNumber(1) SESSION_IDLE_TIMEOUT_SECONDS = 1800;

  /** `dev`: sign in as a listed persona (a token from the API's dev-token route); `oidc`: OpenID Connect. */
  @IsIn(['dev', 'oidc'])
  AUTH_MODE: 'dev' | 'oidc' = 'dev';

  /** With AUTH_MODE=oidc: the identity provider's issuer URL (discovery at /.well-known/openid-configuration). */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  OIDC_ISSUER_URL?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** The web app's public URL (the OIDC redirect URI is `<WEB_BASE_URL>/auth/callback`). */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  WEB_BASE_URL?: string;

  /** The scopes asked for at sign-in; the ID token must carry the claims name, roles and org. */
  @Matches(/^openid( [^\s"\\]+)*$/, { message: 'OIDC_SCOPE must be space-separated scopes starting with openid' })
  OIDC_SCOPE = 'openid profile';

  /** The API as a resource indicator (RFC 8707), sent so the access token is issued for the API's audience. */
  @IsOptional()
  @IsString()
  OIDC_RESOURCE?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Where `npm start`'s local SMTP sink keeps the e-mails it received; with AUTH_MODE=dev the web app shows
   * them at /dev/mailbox. Unset (and always in production): no development mailbox.
   */
  @IsOptional()
  @IsString()
  DEV_MAILBOX_DIR?: string;
}

const OIDC_SETTINGS = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'WEB_BASE_URL'] as const;

/**
 * The shortest idle timeout outside tests: the warning opens a third of the way from the end of a short one, and
 * below about 66 seconds that third is under WCAG 2.2.1's 20 seconds. Tests run with seconds.
 */
const PRODUCTION_MIN_IDLE_TIMEOUT_SECONDS = 120;

/** Builds and validates the web app's configuration; throws ConfigError listing every problem. */
export function loadWebConfig(env: Record<string, string | undefined>): WebConfig {
  return validateConfig(
    WebConfig,
    env,
    ['DATABASE_URL', 'SESSION_SECRET', 'OIDC_RESOURCE', 'DEV_MAILBOX_DIR', ...OIDC_SETTINGS],
    (config) => [
      ...(config.NODE_ENV === 'production' && config.AUTH_MODE === 'dev'
        ? ['AUTH_MODE=dev is refused when NODE_ENV=production; set AUTH_MODE=oidc and the OIDC_* settings']
        : []),
      ...(config.NODE_ENV === 'production' && config.SESSION_IDLE_TIMEOUT_SECONDS < PRODUCTION_MIN_IDLE_TIMEOUT_SECONDS
        ? [
            `SESSION_IDLE_TIMEOUT_SECONDS must be at least ${PRODUCTION_MIN_IDLE_TIMEOUT_SECONDS} in production, so the ` +
              'timeout warning leaves at least 20 seconds to stay signed in (WCAG 2.2.1)',
          ]
        : []),
      ...(config.AUTH_MODE === 'oidc'
        ? OIDC_SETTINGS.filter((key) => !config[key]).map((key) => `${key} is required when AUTH_MODE=oidc`)
        : []),
    ],
  );
}
