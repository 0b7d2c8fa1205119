import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { DeadlinePolicies, Role } from '@rocu/domain';
import { startNodeProcess, ManagedProcess } from '../../scripts/lib/child-process';
import { freePort } from '@rocu/observability';
import { PROJECT_ROOT } from '../../scripts/lib/project-paths';
import { HttpClient } from './http-client';
import { testEnvironment } from './test-environment';

export interface StackOptions {
  deadlinePolicies?: DeadlinePolicies;
  env?: Record<string, string>;
  /** Also start the web app (apps/web) against this stack's API; its URL is `webUrl`. */
  web?: boolean;
  /** Settings for that web app (e.g. AUTH_MODE=oidc and a chosen WEB_PORT). */
  webEnv?: Record<string, string>;
  /** The API verifies tokens from an identity provider (AUTH_MODE=jwks) instead of signing dev tokens. */
  jwks?: ApiJwksAuth;
  /** The API and worker reach Postgres through this `host:port` (e.g. a TcpGate) instead of directly. */
  postgresVia?: string;
  /** Another Postgres server than the run's (a fault test's own): its admin URL and a migrated template there. */
  postgres?: { adminUrl: string; templateDatabase: string; templateUrl: string };
}

/** Where the API (AUTH_MODE=jwks) finds the provider's keys, and the issuer and audience it insists on. */
export interface ApiJwksAuth {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

/** A session secret for test web apps (any 32+ characters; sessions die with the stack). */
const TEST_SESSION_SECRET = 'test-session-secret-0123456789abcdef';

/**
 * A real API and worker as separate processes, on their own database (cloned from the migrated template)
 * and their own task queue, against the run's Postgres and Temporal servers.
 */
export class Stack {
  readonly http: HttpClient;
  readonly db: Pool;
  private worker?: ManagedProcess;
  private api?: ManagedProcess;
  private readonly webApps: ManagedProcess[] = [];
  /** More API and worker processes on the same database and task queue (more instances of the service). */
  private readonly instances: ManagedProcess[] = [];
  private webBaseUrl?: string;
  private readonly logs: string[] = [];
  private readonly tokens = new Map<string, string>();

  private constructor(
    private readonly env: NodeJS.ProcessEnv & {
      TEMPORAL_TASK_QUEUE: string;
      METRICS_PORT: string;
      WORKER_METRICS_PORT: string;
    },
    private readonly port: number,
    readonly databaseUrl: string,
  ) {
    this.http = new HttpClient(`http://127.0.0.1:${port}/api/v1`);
    this.db = new Pool({ connectionString: databaseUrl, max: 4 });
  }

  static async start(options: StackOptions = {}): Promise<Stack> {
    const settings = { ...testEnvironment(), ...options.postgres };
    const suffix = randomBytes(4).toString('hex');
    const database = `${settings.templateDatabase}_${suffix}`;
    const admin = new Pool({ connectionString: settings.adminUrl, max: 1 });
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${settings.templateDatabase}"`);
    await admin.end();
    const databaseUrl = new URL(settings.templateUrl);
    databaseUrl.pathname = `/${database}`;
    const servicesDatabaseUrl = new URL(databaseUrl);
    if (options.postgresVia) servicesDatabaseUrl.host = options.postgresVia;
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: servicesDatabaseUrl.toString(),
      TEMPORAL_ADDRESS: settings.temporalAddress,
      TEMPORAL_TASK_QUEUE: `e2e-${suffix}`,
      METRICS_PORT: String(await freePort()),
      WORKER_METRICS_PORT: String(await freePort()),
      WORKFLOW_BUNDLE_PATH: settings.workflowBundlePath,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'warn',
      THROTTLE_LIMIT: '100000',
      // Region schedules would add 9 long-lived workflows per stack; the schedule's own test turns them on.
      MEETING_SCHEDULES: 'false',
      ...(options.deadlinePolicies ? { DEADLINE_POLICIES_JSON: JSON.stringify(options.deadlinePolicies) } : {}),
      ...(options.jwks
        ? {
            AUTH_MODE: 'jwks',
            JWKS_URL: options.jwks.jwksUrl,
            JWT_ISSUER: options.jwks.issuer,
            JWT_AUDIENCE: options.jwks.audience,
          }
        : {}),
      ...options.env,
    };
    const stack = new Stack(env, port, databaseUrl.toString());
    stack.startWorker();
    stack.api = stack.launch('api', 'dist/apps/api/src/main.js');
    // The worker too: a test's first action otherwise waits on a worker still starting (or failed, answered only
    // by the API's 503s once its Update times out, with the worker's output lost).
    try {
      await Promise.all([
        stack.waitForHealth(`${stack.http.baseUrl}/health`, 'the API'),
        stack.waitForHealth(`${stack.workerOpsUrl}/health/ready`, 'the worker'),
      ]);
      if (options.web) stack.webBaseUrl = await stack.startWeb(options.webEnv);
    } catch (error) {
      // The suite never gets the stack to stop: stop it here, or its processes outlive the run.
      await stack.stop();
      throw error;
    }
    return stack;
  }

  /** The API's base URL (`.../api/v1`). */
  get apiBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v1`;
  }

  /** The web app started with the stack (`web: true`). */
  get webUrl(): string {
    if (!this.webBaseUrl) throw new Error('the stack was started without the web app (web: true)');
    return this.webBaseUrl;
  }

  /**
   * Starts a web app process against this stack's API and database (more than one may run, e.g. one with a
   * short session idle timeout); resolves with its base URL once it serves. It listens on `env.WEB_PORT`
   * when given (an identity provider must know the redirect URI in advance), otherwise on a free port.
   */
  async startWeb(env: Record<string, string> = {}): Promise<string> {
    const port = env.WEB_PORT ?? String(await freePort());
    const url = `http://127.0.0.1:${port}`;
    const web = this.launch('web', 'dist/apps/web/src/main.js', {
      WEB_PORT: port,
      WEB_BASE_URL: url,
      API_BASE_URL: this.apiBaseUrl,
      SESSION_SECRET: TEST_SESSION_SECRET,
      ...env,
    });
    this.webApps.push(web);
    await this.waitForHealth(`${url}/health`, 'the web app');
    return url;
  }

  private launch(name: string, entry: string, env: Record<string, string> = {}): ManagedProcess {
    const child = startNodeProcess(name, join(PROJECT_ROOT, entry), { ...this.env, ...env }, 'pipe');
    const keep = (chunk: Buffer) => {
      this.logs.push(`[${name}] ${chunk.toString()}`);
      if (this.logs.length > 200) this.logs.shift();
    };
    child.child.stdout?.on('data', keep);
    child.child.stderr?.on('data', keep);
    // A service that ends by itself shows in a test only as refused requests: its output says why.
    child.child.once('close', (code, signal) => {
      if (!child.child.killed) process.stderr.write(`[${name}] exited (${signal ?? code}):\n${this.recentLogs()}\n`);
    });
    return child;
  }

  /** The API's operations listener (`/metrics`). */
  get apiOpsUrl(): string {
    return `http://127.0.0.1:${this.env.METRICS_PORT}`;
  }

  /** The worker's operations listener (`/metrics`, `/health/live`, `/health/ready`). */
  get workerOpsUrl(): string {
    return `http://127.0.0.1:${this.env.WORKER_METRICS_PORT}`;
  }

  /** This stack's own task queue: every workflow its API starts runs there. */
  get taskQueue(): string {
    return this.env.TEMPORAL_TASK_QUEUE;
  }

  startWorker(): void {
    this.worker = this.launch('worker', 'dist/apps/worker/src/main.js');
  }

  /**
   * Starts one more API process on this stack's database, Temporal and task queue (a second instance behind a
   * load balancer); resolves with its client once it serves.
   */
  async startAnotherApi(): Promise<{ http: HttpClient; process: ManagedProcess }> {
    const port = await freePort();
    const api = this.launch(`api${this.instances.length + 2}`, 'dist/apps/api/src/main.js', {
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
    });
    this.instances.push(api);
    const http = new HttpClient(`http://127.0.0.1:${port}/api/v1`);
    await this.waitForHealth(`${http.baseUrl}/health`, `API ${api.name}`);
    return { http, process: api };
  }

  /** Starts one more worker process polling this stack's task queue. */
  async startAnotherWorker(): Promise<ManagedProcess> {
    const worker = this.launch(`worker${this.instances.length + 2}`, 'dist/apps/worker/src/main.js', {
      WORKER_METRICS_PORT: String(await freePort()),
    });
    this.instances.push(worker);
    return worker;
  }

  /** Kills the stack's first API process outright, as a crash would. */
  async killApi(): Promise<void> {
    await this.api?.stop('SIGKILL');
  }

  /** Kills the worker process outright, as a crash would. */
  async killWorker(): Promise<void> {
    await this.worker?.stop('SIGKILL');
  }

  async stopWorker(): Promise<void> {
    await this.worker?.stop('SIGTERM');
  }

  /**
   * Sends SIGTERM to the API or the worker and resolves with how the process ended: `signal: 'SIGTERM'`
   * after a clean drain (Nest re-raises the signal), `code: 1` when the shutdown bound cut it short.
   */
  terminate(service: 'api' | 'worker'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const target = service === 'api' ? this.api : this.worker;
    if (!target) throw new Error(`no ${service} running`);
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) =>
      target.child.once('exit', (code, signal) => resolvePromise({ code, signal })),
    );
    target.child.kill('SIGTERM');
    return ended;
  }

  private async waitForHealth(url: string, what: string): Promise<void> {
    const deadline = Date.now() + 90_000;
    // What the last probe saw, so a start that never became healthy says why (not listening, or which check).
    let last = 'not listening';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url);
        if (response.status === 200) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = `not listening (${String(error)})`;
      }
      await new Promise((wake) => setTimeout(wake, 250));
    }
    throw new Error(`${what} did not become healthy (last probe: ${last}):\n${this.logs.join('')}`);
  }

  /** A dev token for a user; cached per identity. */
  async token(
    roles: Role[],
    org: string,
    sub = `${roles.join('+').toLowerCase()}@${org.toLowerCase()}`,
  ): Promise<string> {
    const key = `${sub}|${roles.join(',')}|${org}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const response = await this.http.post<{ token: string }>('/auth/dev-token', {
      sub,
      name: `Officer ${sub}`,
      roles,
      org,
    });
    if (response.status !== 200) throw new Error(`dev token failed: ${JSON.stringify(response.body)}`);
    this.tokens.set(key, response.body.token);
    return response.body.token;
  }

  recentLogs(): string {
    return this.logs.join('');
  }

  /** The JSON log lines the services wrote (of their recent output), parsed. */
  recentLogLines(): Record<string, unknown>[] {
    return this.recentLogs()
      .split('\n')
      .map((line) => line.replace(/^\[\w+\] /, ''))
      .filter((line) => line.startsWith('{') && line.endsWith('}')) // not a line the output split in two
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    const services = [this.api, this.worker, ...this.instances, ...this.webApps];
    await Promise.all(services.flatMap((service) => (service ? [service.stop()] : [])));
    await this.db.end();
  }
}
