import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { DeadlinePolicies, Role } from '@rocu/domain';
import { startNodeProcess, ManagedProcess } from '../../scripts/lib/child-process';
import { freePort } from '../../scripts/lib/free-port';
import { PROJECT_ROOT } from '../../scripts/lib/project-paths';
import { HttpClient } from './http-client';
import { testEnvironment } from './test-environment';

export interface StackOptions {
  deadlinePolicies?: DeadlinePolicies;
  env?: Record<string, string>;
}

/**
 * A real API and worker as separate processes, on their own database (cloned from the migrated template)
 * and their own task queue, against the run's Postgres and Temporal servers.
 */
export class Stack {
  readonly http: HttpClient;
  readonly db: Pool;
  private worker?: ManagedProcess;
  private api?: ManagedProcess;
  private readonly logs: string[] = [];
  private readonly tokens = new Map<string, string>();

  private constructor(
    private readonly env: NodeJS.ProcessEnv & { TEMPORAL_TASK_QUEUE: string },
    port: number,
    readonly databaseUrl: string,
  ) {
    this.http = new HttpClient(`http://127.0.0.1:${port}/api/v1`);
    this.db = new Pool({ connectionString: databaseUrl, max: 4 });
  }

  static async start(options: StackOptions = {}): Promise<Stack> {
    const settings = testEnvironment();
    const suffix = randomBytes(4).toString('hex');
    const database = `${settings.templateDatabase}_${suffix}`;
    const admin = new Pool({ connectionString: settings.adminUrl, max: 1 });
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${settings.templateDatabase}"`);
    await admin.end();
    const databaseUrl = new URL(settings.templateUrl);
    databaseUrl.pathname = `/${database}`;
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl.toString(),
      TEMPORAL_ADDRESS: settings.temporalAddress,
      TEMPORAL_TASK_QUEUE: `e2e-${suffix}`,
      WORKFLOW_BUNDLE_PATH: settings.workflowBundlePath,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'warn',
      THROTTLE_LIMIT: '100000',
      // Region schedules would add 9 long-lived workflows per stack; the schedule's own test turns them on.
      MEETING_SCHEDULES: 'false',
      ...(options.deadlinePolicies ? { DEADLINE_POLICIES_JSON: JSON.stringify(options.deadlinePolicies) } : {}),
      ...options.env,
    };
    const stack = new Stack(env, port, databaseUrl.toString());
    stack.startWorker();
    stack.api = stack.launch('api', 'dist/apps/api/src/main.js');
    await stack.waitForHealth();
    return stack;
  }

  private launch(name: string, entry: string): ManagedProcess {
    const child = startNodeProcess(name, join(PROJECT_ROOT, entry), this.env, 'pipe');
    const keep = (chunk: Buffer) => {
      this.logs.push(`[${name}] ${chunk.toString()}`);
      if (this.logs.length > 200) this.logs.shift();
    };
    child.child.stdout?.on('data', keep);
    child.child.stderr?.on('data', keep);
    return child;
  }

  /** This stack's own task queue: every workflow its API starts runs there. */
  get taskQueue(): string {
    return this.env.TEMPORAL_TASK_QUEUE;
  }

  startWorker(): void {
    this.worker = this.launch('worker', 'dist/apps/worker/src/main.js');
  }

  /** Kills the worker process outright, as a crash would. */
  async killWorker(): Promise<void> {
    await this.worker?.stop('SIGKILL');
  }

  async stopWorker(): Promise<void> {
    await this.worker?.stop('SIGTERM');
  }

  private async waitForHealth(): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      try {
        if ((await this.http.get('/health')).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((wake) => setTimeout(wake, 250));
    }
    throw new Error(`the API did not become healthy:\n${this.logs.join('')}`);
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

  async stop(): Promise<void> {
    await Promise.all([this.api?.stop(), this.worker?.stop()]);
    await this.db.end();
  }
}
