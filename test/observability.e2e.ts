import { Client, Connection } from '@temporalio/client';
import { REFERRAL_REGION, REFERRAL_STAGE_DUE_AT, REFERRAL_STATUS, REFERRAL_URGENCY } from '@rocu/contracts';
import type { DeadlinePolicies } from '@rocu/domain';
import { eventually, referralBody } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { TcpGate } from './support/tcp-gate';
import { testEnvironment } from './support/test-environment';

const secondsScale = {
  // A reminder 3 s in and 9 s before the escalation: it lands before its deadline even on a loaded machine.
  TRIAGE: { due: { elapsedMs: 12_000 }, reminderFraction: 0.25 },
  ASSESSMENT: { due: { elapsedMs: 600_000 }, reminderFraction: 0.75 },
};
const policies: DeadlinePolicies = { IMMEDIATE: secondsScale, PRIORITY: secondsScale, ROUTINE: secondsScale };

async function text(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

async function json(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

/** The value of one series (name and every label given) in Prometheus text, or undefined. */
function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  const line = metrics
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('observability: metrics and health probes', () => {
  let stack: Stack;
  let postgres: TcpGate;
  let temporal: TcpGate;

  beforeAll(async () => {
    const settings = testEnvironment();
    postgres = await TcpGate.start(new URL(settings.adminUrl).host);
    temporal = await TcpGate.start(settings.temporalAddress);
    stack = await Stack.start({
      deadlinePolicies: policies,
      postgresVia: postgres.address,
      env: { TEMPORAL_ADDRESS: temporal.address },
    });
  });

  afterAll(async () => {
    await stack.stop();
    await Promise.all([postgres.stop(), temporal.stop()]);
  });

  it('serves Prometheus metrics on the operations ports only, by route template, Update, SLA stage and outbox', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    expect((await stack.http.get(`/referrals/${id}`, referrer)).status).toBe(200);

    // The reminder and the escalation of the seconds-scale triage deadline are counted by region and stage.
    const worker = await eventually(async () => {
      const scraped = await text(`${stack.workerOpsUrl}/metrics`);
      expect(sample(scraped.body, 'rocu_sla_notifications_total', { kind: 'ESCALATION', stage: 'TRIAGE' })).toBe(1);
      return scraped;
    }, 90_000);
    expect(worker.status).toBe(200);
    expect(
      sample(worker.body, 'rocu_sla_notifications_total', { kind: 'REMINDER', region: 'YHROCU', stage: 'TRIAGE' }),
    ).toBe(1);
    // The submission, reminder and escalation notices wait in the outbox (no SMTP server is configured here).
    expect(sample(worker.body, 'rocu_outbox_depth', { service: 'worker' })).toBeGreaterThanOrEqual(3);
    expect(sample(worker.body, 'rocu_db_pool_waiting', { service: 'worker' })).toBe(0);
    // The SDK core's worker metrics: workflow task and activity latency.
    expect(worker.body).toMatch(/^temporal_workflow_task_execution_latency_(bucket|count)\{/m);
    expect(worker.body).toMatch(
      /^temporal_activity_execution_latency_(bucket|count)\{.*activity_type="projectSubmission"/m,
    );

    const api = await text(`${stack.apiOpsUrl}/metrics`);
    expect(api.status).toBe(200);
    const route = (template: string, status: string) =>
      sample(api.body, 'rocu_http_request_duration_seconds_count', { route: template, status });
    expect(route('/api/v1/referrals', '201')).toBe(1);
    expect(route('/api/v1/referrals/:id', '200')).toBeGreaterThanOrEqual(1);
    expect(api.body).not.toContain(id); // route templates, never raw paths
    expect(
      sample(api.body, 'rocu_temporal_update_duration_seconds_count', {
        update: 'submitReferral',
        outcome: 'completed',
      }),
    ).toBe(1);
    expect(sample(api.body, 'rocu_db_pool_waiting', { service: 'api' })).toBe(0);
    expect(api.body).toMatch(/^nodejs_eventloop_lag_seconds\{/m);
    // Nothing about people or referrals is in a label: only templates, codes, regions and stages.
    expect(api.body).not.toMatch(/Bearer|PND-|Kestrel/);

    // Not on the public port.
    expect((await fetch(`${stack.apiBaseUrl.replace('/api/v1', '')}/metrics`)).status).toBe(404);
    expect((await stack.http.get('/metrics')).status).toBe(404);
  });

  it("finds a referral by its reference in Temporal's own visibility, its status kept current", async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const submitted = await stack.http.post<{ id: string; reference: string }>(
      '/referrals',
      referralBody({ urgency: 'PRIORITY' }),
      referrer,
    );
    expect(submitted.status).toBe(201);
    const { id, reference } = submitted.body;
    const connection = await Connection.connect({ address: testEnvironment().temporalAddress });
    try {
      const client = new Client({ connection });
      // References repeat across the test run's stacks (each has its own database) on one Temporal server.
      const findOne = async (filter: string) => {
        const query = `TaskQueue = "${stack.taskQueue}" AND ${filter}`;
        const found = [];
        for await (const execution of client.workflow.list({ query })) found.push(execution);
        expect(found).toHaveLength(1);
        return found[0];
      };
      const listed = await eventually(() => findOne(`RocuReference = "${reference}"`));
      expect(listed.workflowId).toBe(
        (await stack.db.query('SELECT workflow_id FROM referrals WHERE id = $1', [id])).rows[0].workflow_id,
      );
      expect(listed.typedSearchAttributes.get(REFERRAL_REGION)).toBe('YHROCU');
      expect(listed.typedSearchAttributes.get(REFERRAL_URGENCY)).toBe('PRIORITY');
      expect(listed.typedSearchAttributes.get(REFERRAL_STATUS)).toBe('SUBMITTED');
      expect(listed.typedSearchAttributes.get(REFERRAL_STAGE_DUE_AT)).toBeInstanceOf(Date);

      const triaged = await stack.http.post(
        `/referrals/${id}/triage`,
        { decision: 'ACCEPT', reason: 'Meets ROCU threshold' },
        assessor,
      );
      expect(triaged.status).toBe(200);
      await eventually(() => findOne(`RocuReference = "${reference}" AND RocuStatus = "ASSESSMENT"`));
    } finally {
      await connection.close();
    }
  });

  /**
   * While `gate` is shut, both readiness probes answer 503 naming `dependency` down (and only it), both
   * liveness probes stay 200; once it reopens, both are ready again.
   */
  async function throughOutage(gate: TcpGate, dependency: 'database' | 'temporal'): Promise<void> {
    const checks = { database: 'up', temporal: 'up', [dependency]: 'down' };
    gate.shut();
    try {
      await eventually(async () =>
        expect(await json(`${stack.apiBaseUrl}/health/ready`)).toEqual({
          status: 503,
          // The API also says why, in words naming the dependency.
          body: {
            status: 'down',
            checks,
            reasons: { [dependency]: expect.stringContaining(dependency === 'database' ? 'Postgres' : 'Temporal') },
          },
        }),
      );
      await eventually(async () =>
        expect(await json(`${stack.workerOpsUrl}/health/ready`)).toEqual({
          status: 503,
          body: { status: 'down', checks: { ...checks, worker: 'up' } },
        }),
      );
      expect(await json(`${stack.apiBaseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await json(`${stack.workerOpsUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      // The worker's scrape still answers (the outbox depth keeps its last value).
      expect((await text(`${stack.workerOpsUrl}/metrics`)).status).toBe(200);
    } finally {
      gate.reopen();
    }
    await eventually(async () => expect((await fetch(`${stack.apiBaseUrl}/health/ready`)).status).toBe(200), 60_000);
    await eventually(async () => expect((await fetch(`${stack.workerOpsUrl}/health/ready`)).status).toBe(200), 60_000);
  }

  it('is ready, live and says so on both services', async () => {
    expect(await json(`${stack.apiBaseUrl}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'up', temporal: 'up' } },
    });
    expect(await json(`${stack.workerOpsUrl}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'up', temporal: 'up', worker: 'up' } },
    });
  });

  it("logs a failed statement's error by its code and constraint, without the values the statement was given", async () => {
    const secret = `Operation Nightjar ${Date.now()}`;
    // A constraint the API does not expect: the insert fails as a QueryFailedError, a 500.
    await stack.db.query(
      `ALTER TABLE national_priorities ADD CONSTRAINT no_nightjar CHECK (description NOT LIKE '%Nightjar%')`,
    );
    try {
      const nca = await stack.token(['NCA_LIAISON'], 'NCA');
      const response = await stack.http.post<{ correlationId: string }>(
        '/national/priorities',
        { code: 'NIGHTJAR', title: 'Log check', description: secret },
        nca,
      );
      expect(response.status).toBe(500);
      const failure = await eventually(async () => {
        const line = stack
          .recentLogLines()
          .find((entry) => entry.correlationId === response.body.correlationId && entry.msg === 'request failed');
        expect(line).toBeDefined();
        return line as { err: Record<string, unknown> };
      });
      expect(failure.err).toMatchObject({ type: 'QueryFailedError', code: '23514', constraint: 'no_nightjar' });
      expect(String(failure.err.message)).toContain('no_nightjar');
      expect(stack.recentLogs()).not.toContain(secret);
    } finally {
      await stack.db.query('ALTER TABLE national_priorities DROP CONSTRAINT no_nightjar');
    }
  });

  it('keeps liveness up and fails readiness naming Postgres while Postgres is unreachable', () =>
    throughOutage(postgres, 'database'));

  it('keeps liveness up and fails readiness naming Temporal while Temporal is unreachable', () =>
    throughOutage(temporal, 'temporal'));
});
