import type { PoolClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { eventually, referralBody } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { testEnvironment } from './support/test-environment';

/** Generous bounds and statement timeouts: the drains below must not be cut short on a loaded machine. */
const PATIENT = {
  SHUTDOWN_GRACE_MS: '60000',
  DB_STATEMENT_TIMEOUT_MS: '120000',
  TEMPORAL_UPDATE_TIMEOUT_MS: '120000',
};

/** Holds a table lock in an open transaction until released, so a request or activity touching it waits. */
async function holdLock(stack: Stack, table: string, mode: string): Promise<{ release(): Promise<void> }> {
  const client: PoolClient = await stack.db.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ${mode} MODE`);
  return {
    release: async () => {
      await client.query('COMMIT');
      client.release();
    },
  };
}

/** Resolves once a service query waits on a lock (the request or activity is in flight and held). */
async function waitUntilBlocked(stack: Stack): Promise<void> {
  await eventually(async () => {
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = 'rocu-gateway' AND wait_event_type = 'Lock' AND datname = current_database()`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
}

async function submitted(stack: Stack): Promise<{ id: string; referrer: string }> {
  const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
  const response = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
  expect(response.status).toBe(201);
  return { id: response.body.id, referrer };
}

describe('graceful shutdown on SIGTERM', () => {
  it('API: finishes the request in flight, refuses new connections meanwhile, then exits cleanly', async () => {
    const stack = await Stack.start({ env: PATIENT });
    try {
      const { id, referrer } = await submitted(stack);
      const lock = await holdLock(stack, 'referral_history', 'ACCESS EXCLUSIVE');
      const inFlight = stack.http.get<{ id: string }>(`/referrals/${id}`, referrer);
      await waitUntilBlocked(stack);

      const ended = stack.terminate('api');
      // The listener closes at once: a new connection is refused while the held request is still running.
      await eventually(() => expect(fetch(`${stack.apiBaseUrl}/health/live`)).rejects.toThrow());
      await lock.release();

      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(answered.body.id).toBe(id);
      expect(await ended).toEqual({ code: null, signal: 'SIGTERM' });
    } finally {
      await stack.stop();
    }
  });

  it('API: a request still running after SHUTDOWN_GRACE_MS does not hold the process; it exits with 1', async () => {
    const stack = await Stack.start({ env: { SHUTDOWN_GRACE_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '120000' } });
    const { id, referrer } = await submitted(stack);
    const lock = await holdLock(stack, 'referral_history', 'ACCESS EXCLUSIVE');
    try {
      const inFlight = stack.http.get(`/referrals/${id}`, referrer).then(
        () => 'answered',
        (error: unknown) => String(error),
      );
      await waitUntilBlocked(stack);
      expect(await stack.terminate('api')).toEqual({ code: 1, signal: null });
      expect(await inFlight).toMatch(/fetch failed/); // cut off with the process
    } finally {
      await lock.release();
      await stack.stop();
    }
  });

  it('worker: lets the activity in flight complete (once, no retry) and exits cleanly; the action lands', async () => {
    const stack = await Stack.start({ env: PATIENT });
    const connection = await Connection.connect({ address: testEnvironment().temporalAddress });
    try {
      const { id } = await submitted(stack);
      const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
      // Inserting the history row waits; reading it (the API's own checks) does not.
      const lock = await holdLock(stack, 'referral_history', 'EXCLUSIVE');
      const triage = stack.http.post<{ status: string }>(
        `/referrals/${id}/triage`,
        { decision: 'ACCEPT', reason: 'Meets ROCU threshold' },
        assessor,
      );
      await waitUntilBlocked(stack);

      const ended = stack.terminate('worker');
      await eventually(async () => {
        const ready = (await (await fetch(`${stack.workerOpsUrl}/health/ready`)).json()) as {
          checks: { worker: string };
        };
        expect(ready.checks.worker).toBe('down'); // draining: no longer polling, the activity still running
      });
      await lock.release();
      expect(await ended).toEqual({ code: null, signal: 'SIGTERM' });

      // The projection activity ran once and completed on the drained worker: no timeout, no retry.
      const workflowId = (await stack.db.query('SELECT workflow_id FROM referrals WHERE id = $1', [id])).rows[0]
        .workflow_id as string;
      const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
      const events = history.events ?? [];
      const scheduled = events.filter(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'projectTransition',
      );
      expect(scheduled).toHaveLength(1);
      const started = events.filter(
        (event) =>
          event.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled[0].eventId?.toString(),
      );
      expect(started.map((event) => event.activityTaskStartedEventAttributes?.attempt)).toEqual([1]);
      expect(events.filter((event) => event.activityTaskCompletedEventAttributes)).toHaveLength(2); // submission, triage
      expect(
        events.filter((event) => event.activityTaskTimedOutEventAttributes ?? event.activityTaskFailedEventAttributes),
      ).toEqual([]);

      // A new worker finishes the workflow's side: the person's action is answered and applied once.
      stack.startWorker();
      const answered = await triage;
      expect(answered.status).toBe(200);
      expect(answered.body.status).toBe('ASSESSMENT');
      const { rows } = await stack.db.query(
        'SELECT to_status FROM referral_history WHERE referral_id = $1 ORDER BY seq',
        [id],
      );
      expect(rows.map((row: { to_status: string }) => row.to_status)).toEqual(['SUBMITTED', 'ASSESSMENT']);
    } finally {
      await connection.close();
      await stack.stop();
    }
  });
});
