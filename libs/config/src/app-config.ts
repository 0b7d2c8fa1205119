import { plainToInstance, Transform } from 'class-transformer';
import { DEFAULT_MEETING_SETTINGS, MeetingSettings, parseMeetingSettings } from '@rocu/domain';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { IsTrustProxy } from './trust-proxy';

export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * A whole number from an environment variable, at least `min` (and at most `max`, if given). Applied bottom-up,
 * as the same decorators written stacked would be, so a bad value's messages keep their order.
 */
export const IsWholeNumber =
  (min: number, max?: number): PropertyDecorator =>
  (target, key): void => {
    const stacked = [Transform(toInt), IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)])];
    for (const decorate of stacked.reverse()) decorate(target, key);
  };

/** A TCP port from an environment variable (0 lets the OS choose). */
const IsPortNumber =
  (): PropertyDecorator =>
  (target, key): void => {
    for (const decorate of [Transform(toInt), IsInt(), Min(0), Max(65535)]) decorate(target, key);
  };
/** Signs audit seals where no AUDIT_SEAL_KEY is set (development and tests only). */
export const DEV_AUDIT_SEAL_KEY = 'development-audit-seal-key-not-for-production';

/**
 * Every setting the api and worker read, validated once at start-up (fail fast, one message naming every
 * bad variable). Nothing else in the code reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsPortNumber()
  PORT = 3000;

  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  @IsWholeNumber(1) DB_POOL_MAX = 10;

  @IsWholeNumber(100) DB_CONNECTION_TIMEOUT_MS = 5000;

  @IsWholeNumber(100) DB_STATEMENT_TIMEOUT_MS = 15000;

  @IsString()
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE = 'rocu-gateway';

  @IsIn(['dev', 'jwks'])
  AUTH_MODE: 'dev' | 'jwks' = 'dev';

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  JWKS_URL?: string;

  @IsString()
  JWT_ISSUER = 'rocu-gateway-dev';

  @IsString()
  JWT_AUDIENCE = 'rocu-gateway';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  BODY_LIMIT = '100kb';

  /** Proxies whose X-Forwarded-* headers are believed (see trustProxySetting); by default none. */
  @IsTrustProxy()
  TRUST_PROXY = 'none';

  /** How long a client may take to send a request's headers, and the whole request, before a 408. */
  @IsWholeNumber(1000) HEADERS_TIMEOUT_MS = 10_000;

  @IsWholeNumber(1000) REQUEST_TIMEOUT_MS = 30_000;

  /** Requests per window per client address, and again per signed-in person (429 beyond either). */
  @IsWholeNumber(1) THROTTLE_LIMIT = 600;

  @IsWholeNumber(1000) THROTTLE_TTL_MS = 60000;

  /** A prebuilt workflow bundle (from bundleWorkflowCode); without it the worker bundles at start-up. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  /**
   * Workflows the worker keeps in memory (about 0.4 MiB each). Referrals sit idle for days, and replaying
   * their short histories after eviction is cheap, so a bounded cache beats the SDK's memory-based default.
   */
  @IsWholeNumber(0) WORKER_MAX_CACHED_WORKFLOWS = 500;

  /** Whether the worker keeps each region's TTCG schedule running (meetings created ahead from the cadence). */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  MEETING_SCHEDULES = true;

  /** Replaces the calendar cadence with a fixed interval in ms (drills and tests of the schedule). */
  @IsOptional()
  @IsWholeNumber(1000)
  MEETING_INTERVAL_MS?: number;

  /** The database role the services act as; created by the migrations, it may only SELECT and INSERT audit rows. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DB_APP_ROLE = 'rocu_app';

  /** How long the API waits for a workflow to handle a person's action before answering 503. */
  @IsWholeNumber(1000) TEMPORAL_UPDATE_TIMEOUT_MS = 30_000;

  /** Optional JSON override of the deadline policies per urgency (used to compress deadlines in tests). */
  @IsOptional()
  @IsString()
  DEADLINE_POLICIES_JSON?: string;

  /**
   * Optional JSON override of the NCA's answer's deadline for referrals sent national, as a stage policy, e.g.
   * `{"due":{"workingDays":10},"reminderFraction":0.75}` (the default); tests compress it to seconds.
   */
  @IsOptional()
  @IsString()
  NATIONAL_RESPONSE_POLICY_JSON?: string;

  /** Optional JSON override of the SIO allocation deadline and the plan review cadence (see README). */
  @IsOptional()
  @IsString()
  PLAN_POLICY_JSON?: string;

  /**
   * Optional JSON override of the meeting settings (quorum, session window, covert cadence), e.g.
   * `{"quorumForceFraction":0.5,"sessionOpensMinutesBefore":60,"covertEveryDays":14}`; keys left out keep the defaults.
   */
  @IsOptional()
  @IsString()
  MEETING_SETTINGS_JSON?: string;

  /**
   * Where the operations listener (Prometheus `/metrics`, and the worker's health probes) listens: apart from
   * the public port and unauthenticated, so loopback by default; a container sets 0.0.0.0 and does not
   * publish the port.
   */
  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** The API's operations port (`/metrics`); 0 picks a free port. */
  @IsPortNumber()
  METRICS_PORT = 9464;

  /** The worker's operations port (`/metrics`, `/health/live`, `/health/ready`); 0 picks a free port. */
  @IsPortNumber()
  WORKER_METRICS_PORT = 9465;

  /**
   * How long SIGTERM waits for in-flight requests (API) or activities (worker) to finish before the process
   * exits anyway (the worker cancels what is left, to be retried elsewhere).
   */
  @IsWholeNumber(1000) SHUTDOWN_GRACE_MS = 10_000;

  /**
   * The key the audit sealer signs each batch's head with (HMAC-SHA256) and verification checks it with; keep it
   * outside the database. The development default is refused in production.
   */
  @IsString()
  @MinLength(32)
  AUDIT_SEAL_KEY = DEV_AUDIT_SEAL_KEY;

  /** How often the audit sealer chains and signs new audit rows: the unsealed tail is about this long. */
  @IsWholeNumber(100, 60_000) AUDIT_SEAL_INTERVAL_MS = 1000;

  /**
   * How long an Idempotency-Key is remembered after its first use (a repeat within it answers as the first did),
   * and how often older ones are deleted by the worker. Default a week, hourly; at least a day, so no key is
   * forgotten while its first request may still be in flight.
   */
  @IsWholeNumber(24, 8760) IDEMPOTENCY_KEY_RETENTION_HOURS = 168;
  @IsWholeNumber(1000, 86_400_000) IDEMPOTENCY_KEY_PRUNE_INTERVAL_MS = 3_600_000;

  /**
   * How long the API keeps the reference data it read (organisations, regions, code lists, the scoring scheme),
   * saving a query a request: an edit to it takes effect within this.
   */
  @IsWholeNumber(1000, 3_600_000) REFERENCE_CACHE_MS = 60_000;

  /** A 4P plan's workflow continues as new when its history reaches this many events (low in tests). */
  @IsWholeNumber(20, 40_000) PLAN_CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

  /**
   * The SMTP server notifications are e-mailed through, e.g. `smtp://user:pass@mail.example:587` (STARTTLS
   * when offered) or `smtps://…:465`. Without it nothing is e-mailed (the outbox still fills the inbox).
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'], require_protocol: true })
  SMTP_URL?: string;

  /**
   * The OpenTelemetry collector traces are sent to (OTLP over HTTP, JSON; `/v1/traces` is appended), e.g.
   * `http://otel-collector:4318`. Without it spans are still made (their ids go in the logs) but nothing is exported.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The From of every e-mail; its domain also names each message (`<notification-{id}@domain>`). */
  @Matches(/^(?:[^<>]*<)?[^\s@<>]+@([A-Za-z0-9.-]+)>?$/)
  MAIL_FROM = 'ROCU Gateway <notifications@gateway.example>';

  /** The web app's public address, for the link in each e-mail. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  NOTIFY_LINK_BASE_URL = 'http://localhost:3001';

  /** How often the outbox is swept for rows to hand to a delivery workflow. */
  @IsWholeNumber(200) NOTIFY_SWEEP_INTERVAL_MS = 5_000;

  /** One attempt at sending (connection, greeting and data); a worker lost mid-send is retried after it. */
  @IsWholeNumber(1000) NOTIFY_SEND_TIMEOUT_MS = 60_000;

  /** Temporal's retry policy for sending: first wait, growth per attempt, longest wait, attempts in all. */
  @IsWholeNumber(100) NOTIFY_RETRY_INITIAL_INTERVAL_MS = 10_000;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value,
  )
  @IsNumber()
  @Min(1)
  @Max(10)
  NOTIFY_RETRY_BACKOFF_COEFFICIENT = 2;

  @IsWholeNumber(100) NOTIFY_RETRY_MAXIMUM_INTERVAL_MS = 600_000;

  @IsWholeNumber(1, 100) NOTIFY_RETRY_MAXIMUM_ATTEMPTS = 10;
}

export class ConfigError extends Error {}

/**
 * Picks the variables a config class knows (empty means unset), applies its defaults and validates it;
 * throws ConfigError listing every problem, including those `crossChecks` finds between settings.
 */
export function validateConfig<T extends object>(
  type: new () => T,
  env: Record<string, string | undefined>,
  optionalKeys: readonly (keyof T & string)[],
  crossChecks: (config: T) => string[],
): T {
  const known: string[] = Object.keys(new type()).concat(optionalKeys);
  const picked = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''));
  const config = plainToInstance(type, picked, { exposeDefaultValues: true });
  const problems = validateSync(config, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  problems.push(...crossChecks(config));
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

/** The meeting settings every new meeting starts with: the domain defaults unless MEETING_SETTINGS_JSON overrides them. */
export function meetingSettingsOf(config: AppConfig): MeetingSettings {
  return config.MEETING_SETTINGS_JSON ? parseMeetingSettings(config.MEETING_SETTINGS_JSON) : DEFAULT_MEETING_SETTINGS;
}

/** Problems with MEETING_SETTINGS_JSON, if any. */
function meetingSettingsProblems(config: AppConfig): string[] {
  if (!config.MEETING_SETTINGS_JSON) return [];
  try {
    parseMeetingSettings(config.MEETING_SETTINGS_JSON);
    return [];
  } catch (error) {
    return [`MEETING_SETTINGS_JSON: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** Builds and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  return validateConfig(
    AppConfig,
    env,
    [
      'DATABASE_URL',
      'JWKS_URL',
      'DEADLINE_POLICIES_JSON',
      'PLAN_POLICY_JSON',
      'NATIONAL_RESPONSE_POLICY_JSON',
      'MEETING_SETTINGS_JSON',
      'WORKFLOW_BUNDLE_PATH',
      'SMTP_URL',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ],
    (config) => [
      ...(config.NODE_ENV === 'production' && config.AUTH_MODE === 'dev'
        ? ['AUTH_MODE=dev is refused when NODE_ENV=production; set AUTH_MODE=jwks and JWKS_URL']
        : []),
      ...(config.NODE_ENV === 'production' && config.AUDIT_SEAL_KEY === DEV_AUDIT_SEAL_KEY
        ? ['AUDIT_SEAL_KEY must be set when NODE_ENV=production']
        : []),
      ...(config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS
        ? ['HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS']
        : []),
      ...(config.AUTH_MODE === 'jwks' && !config.JWKS_URL ? ['JWKS_URL is required when AUTH_MODE=jwks'] : []),
      ...meetingSettingsProblems(config),
    ],
  );
}

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT for the tracing preload, which runs before main's fail-fast check: with any bad
 * setting it is undefined (nothing exported) and main then refuses to start, naming every problem.
 */
export function otlpEndpointOf(env: Record<string, string | undefined>): string | undefined {
  try {
    return loadConfig(env).OTEL_EXPORTER_OTLP_ENDPOINT;
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}
