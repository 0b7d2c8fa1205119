import { randomUUID } from 'node:crypto';
import type { DeadlinePolicies } from '@rocu/domain';
import { Stack } from './support/stack';
import { eventually, referralBody } from './support/referral-fixtures';
import {
  devServerUnderTest,
  postgresServerUnderTest,
  printFigures,
  TemporalUnderTest,
} from './support/temporal-under-test';
import type { HttpResponse } from './support/http-client';
import { notificationCounts } from './support/notification-counts';

/** Referrals left waiting on their triage deadline timers across the outage. */
const WAITING = 10;
/** Triage actions sent just as the server dies. */
const IN_FLIGHT = 5;
/** Long enough to submit everything and kill the server before any is due, on a loaded machine. */
const TRIAGE_DUE_MS = 45_000;
const stages = {
  TRIAGE: { due: { elapsedMs: TRIAGE_DUE_MS }, reminderFraction: 0.5 },
  ASSESSMENT: { due: { elapsedMs: 3_600_000 }, reminderFraction: 0.75 },
};
const policies: DeadlinePolicies = { IMMEDIATE: stages, PRIORITY: stages, ROUTINE: stages };

interface Submitted {
  id: string;
  deadlines: { stage: string; dueAt: string }[];
}

const SERVERS: [string, () => Promise<TemporalUnderTest>][] = [
  ['the dev server with its SQLite file', devServerUnderTest],
  ['the Postgres-backed server', () => postgresServerUnderTest(1)],
];

/** Times an action sent while Temporal is down: it must be refused quickly, with when to retry. */
async function timed<T>(send: () => Promise<HttpResponse<T>>): Promise<{ response: HttpResponse<T>; ms: number }> {
  const started = performance.now();
  const response = await send();
  return { response, ms: Math.round(performance.now() - started) };
}

describe.each(SERVERS)('the Temporal server restarts: %s', (_name, startServer) => {
  let temporal: TemporalUnderTest;
  let stack: Stack;

  beforeAll(async () => {
    temporal = await startServer();
    stack = await Stack.start({ deadlinePolicies: policies, env: { TEMPORAL_ADDRESS: temporal.address } });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await temporal?.stop();
  });

  it('fires every due escalation once, applies every accepted action once, and refuses actions fast meanwhile', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const submit = () => stack.http.post<Submitted>('/referrals', referralBody(), referrer);
    const submitted: Submitted[] = [];
    for (let index = 0; index < WAITING + IN_FLIGHT + 1; index += 1) {
      const response = await submit();
      expect(response.status).toBe(201);
      submitted.push(response.body);
    }
    const waiting = submitted.slice(0, WAITING).map((referral) => referral.id);
    const inFlight = submitted.slice(WAITING, WAITING + IN_FLIGHT).map((referral) => referral.id);
    const probe = submitted[submitted.length - 1].id;
    const triage = (id: string) =>
      stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'in scope' }, assessor);

    // Updates in flight as the server dies: it is killed as soon as the first of them is answered.
    const sent = inFlight.map(triage);
    const triaging = Promise.all(sent);
    await Promise.race(sent);
    await temporal.kill();
    const killedAt = Date.now();
    const escalatedBeforeKill = await escalationCounts(stack, waiting);

    // While Temporal is down: actions are refused quickly with problem+json and Retry-After; reads go on.
    const action = await timed(() => triage(probe));
    // A person's referral sent now with its key fails; they edit it and send it again once Temporal is back.
    const key = `outage-${randomUUID()}`;
    const draft = referralBody();
    const sendKeyed = (summary: string) =>
      stack.http.post<Submitted & { code?: string }>('/referrals', { ...draft, summary }, referrer, {
        'Idempotency-Key': key,
      });
    const submission = await timed(() => sendKeyed('As first written.'));
    for (const { response } of [action, submission]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await stack.http.get(`/referrals/${probe}`, assessor)).status).toBe(200);

    // Every waiting referral falls due while the server is down.
    const lastDue = Math.max(
      ...submitted
        .slice(0, WAITING)
        .map((referral) => Date.parse(referral.deadlines.find((deadline) => deadline.stage === 'TRIAGE')?.dueAt ?? '')),
    );
    await new Promise((wake) => setTimeout(wake, Math.max(0, lastDue + 1_000 - Date.now())));
    const restartStarted = Date.now();
    await temporal.restart();
    const restartedAt = Date.now();

    const inFlightAnswers = (await triaging).map((response) => response.status);
    const accepted = inFlight.filter((_, index) => inFlightAnswers[index] === 200);
    expect(inFlightAnswers.every((status) => status === 200 || status === 503)).toBe(true);

    // Each due escalation fires once the server is back; then give duplicates their chance.
    await eventually(
      async () => expect((await escalationCounts(stack, waiting)).every((count) => count >= 1)).toBe(true),
      120_000,
      500,
    );
    const escalationsFiredAt = Date.now();
    // Actions work again (the API reconnects within seconds); a refused one is retried now.
    await eventually(async () => expect([200, 409]).toContain((await triage(probe)).status), 60_000, 500);
    // The failed send made nothing, so its key does not refuse the edited one: one referral, as edited.
    // (503 until no request with the key can still be in flight.)
    const edited = await eventually(
      async () => {
        const sent = await sendKeyed('As edited after the outage.');
        expect(sent.status).toBe(201);
        return sent;
      },
      60_000,
      1_000,
    );
    expect((await sendKeyed('As edited after the outage.')).body.id).toBe(edited.body.id);
    const summaries = await eventually(async () => {
      const { rows } = await stack.db.query<{ summary: string }>(
        `SELECT submission->>'summary' AS summary FROM referrals WHERE id = $1`,
        [edited.body.id],
      );
      expect(rows).toHaveLength(1);
      return rows.map((row) => row.summary);
    });
    expect(summaries).toEqual(['As edited after the outage.']);
    expect((await sendKeyed('As first written.')).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    for (const id of inFlight.filter((_, index) => inFlightAnswers[index] !== 200)) {
      await eventually(async () => expect([200, 409]).toContain((await triage(id)).status), 60_000, 500);
    }
    // A 409 can mean the workflow took the triage before the kill and its projection is still waiting out the
    // activity's timeout: wait for every triage to land, then give duplicates their chance.
    await eventually(
      async () => expect((await triageCounts(stack, [...inFlight, probe])).every((count) => count >= 1)).toBe(true),
      120_000,
      500,
    );
    await new Promise((wake) => setTimeout(wake, 2_000));

    const escalations = await escalationCounts(stack, waiting);
    const reminders = await notificationCounts(stack, waiting, 'DEADLINE_REMINDER');
    const triages = await triageCounts(stack, [...inFlight, probe]);
    const submissionRows = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referrals WHERE id = ANY($1::uuid[])`,
      [submitted.map((referral) => referral.id)],
    );
    printFigures(`Temporal restart, ${temporal.name}`, {
      operations: submitted.length + 1 + inFlight.length + 1,
      'faults injected': 1,
      'escalations due during the outage': WAITING - escalatedBeforeKill.filter((count) => count > 0).length,
      'escalations fired': `${escalations.filter((count) => count === 1).length}/${WAITING} once`,
      'reminders sent (none once overdue)': reminders.reduce((sum, count) => sum + count, 0),
      lost: escalations.filter((count) => count === 0).length + triages.filter((count) => count === 0).length,
      duplicated: [...escalations, ...reminders, ...triages].filter((count) => count > 1).length,
      'in-flight actions accepted before the kill': `${accepted.length}/${IN_FLIGHT}`,
      'action 503 during outage': `${action.ms} ms, Retry-After ${action.response.headers.get('retry-after')} s`,
      'submission 503 during outage': `${submission.ms} ms`,
      'outage s': ((restartStarted - killedAt) / 1000).toFixed(1),
      'restart s': ((restartedAt - restartStarted) / 1000).toFixed(1),
      'escalations caught up s after restart': ((escalationsFiredAt - restartedAt) / 1000).toFixed(1),
    });
    expect(escalations).toEqual(waiting.map(() => 1));
    // A reminder still due when the server was killed is skipped once the deadline itself has passed.
    expect(reminders.every((count) => count <= 1)).toBe(true);
    // Every accepted action applied once; the refused ones applied once after their retry, never twice.
    expect(triages).toEqual([...inFlight, probe].map(() => 1));
    expect(submissionRows.rows[0].n).toBe(submitted.length);
  }, 400_000);
});

function escalationCounts(stack: Stack, ids: string[]): Promise<number[]> {
  return notificationCounts(stack, ids, 'DEADLINE_ESCALATION');
}

async function triageCounts(stack: Stack, ids: string[]): Promise<number[]> {
  const { rows } = await stack.db.query<{ id: string; n: number }>(
    `SELECT r.id, count(h.seq)::int AS n FROM unnest($1::uuid[]) AS r(id)
       LEFT JOIN referral_history h ON h.referral_id = r.id AND h.action = 'TRIAGE' GROUP BY r.id`,
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row.n]));
  return ids.map((id) => byId.get(id) ?? 0);
}
