import { randomUUID } from 'node:crypto';
import { Stack } from './support/stack';
import { eventually, referralBody } from './support/referral-fixtures';
import { printFigures } from './support/temporal-under-test';
import type { HttpClient, HttpResponse } from './support/http-client';

/** Referrals submitted and triaged, spread over two APIs; one API and one worker die on the way. */
const OPERATIONS = 36;
const CONCURRENCY = 4;
const KILL_API_AFTER = 12;
const KILL_WORKER_AFTER = 18;
/** How long one request may keep being retried (on the other API) before the operation counts as lost. */
const RETRY_FOR_MS = 90_000;
/** Region schedules on, at a cadence slow enough not to load the machine: they are started by both workers. */
const MEETING_EVERY_MS = 60_000;
const ROCU_REGIONS = 9;

/** One API process as a load balancer sees it: its address, whether it is in rotation, and its dev tokens. */
interface Api {
  http: HttpClient;
  alive: boolean;
  referrer: string;
  assessor: string;
}

interface Outcome {
  id?: string;
  triaged: boolean;
  /** Answers that were not answers (connection refused or reset, or 503) and were sent again. */
  retries: number;
}

/** Each API signs its own dev tokens (a key pair made at start-up), so each caller has one per API. */
async function withTokens(http: HttpClient): Promise<Api> {
  const token = async (roles: string[], org: string) => {
    const sub = `${roles.join('+').toLowerCase()}@${org.toLowerCase()}`;
    const response = await http.post<{ token: string }>('/auth/dev-token', { sub, name: `Officer ${sub}`, roles, org });
    if (response.status !== 200) throw new Error(`dev token failed: ${JSON.stringify(response.body)}`);
    return response.body.token;
  };
  return {
    http,
    alive: true,
    referrer: await token(['FORCE_REFERRER'], 'WYP'),
    assessor: await token(['GATEWAY_ASSESSOR'], 'YHROCU'),
  };
}

describe('two APIs and two workers on one Temporal and one Postgres, one of each killed under load', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({
      env: { MEETING_SCHEDULES: 'true', MEETING_INTERVAL_MS: String(MEETING_EVERY_MS) },
    });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('loses and duplicates no referral, history entry, notification, audit row or meeting', async () => {
    // The second worker starts its region schedules while the first may still be starting its own.
    await stack.startAnotherWorker();
    const second = await stack.startAnotherApi();
    const apis = [await withTokens(stack.http), await withTokens(second.http)];
    let turn = 0;
    /** Round robin over the APIs in rotation, as a load balancer does. */
    const nextApi = () => {
      const alive = apis.filter((api) => api.alive);
      const live = alive.length > 0 ? alive : apis;
      turn += 1;
      return live[turn % live.length];
    };

    /** Sends until an API answers with something other than 503, each attempt to the next API in rotation. */
    const untilAnswered = async <T>(send: (api: Api) => Promise<HttpResponse<T>>, outcome: Outcome) => {
      const giveUpAt = Date.now() + RETRY_FOR_MS;
      for (;;) {
        const api = nextApi();
        const response = await send(api).catch(() => undefined);
        if (response && (response.status !== 503 || Date.now() > giveUpAt)) return response;
        // A refused or dropped connection takes the API out of rotation (a load balancer's failed check).
        if (!response) api.alive = false;
        if (Date.now() > giveUpAt) return undefined;
        outcome.retries += 1;
        await new Promise((wake) => setTimeout(wake, 500));
      }
    };
    const operation = async (): Promise<Outcome> => {
      const outcome: Outcome = { triaged: false, retries: 0 };
      // The same Idempotency-Key on every attempt, on either API: a submission taken before a crash is found again.
      const key = randomUUID();
      const body = referralBody();
      const submitted = await untilAnswered(
        (api) => api.http.post<{ id: string }>('/referrals', body, api.referrer, { 'Idempotency-Key': key }),
        outcome,
      );
      if (submitted?.status === 201 || submitted?.status === 200) {
        outcome.id = submitted.body.id;
        const triaged = await untilAnswered(
          (api) =>
            api.http.post(`/referrals/${outcome.id}/triage`, { decision: 'ACCEPT', reason: 'in scope' }, api.assessor),
          outcome,
        );
        // 409: an earlier attempt was applied before its answer was lost (the history below says whether).
        outcome.triaged = triaged?.status === 200 || triaged?.status === 409;
      }
      return outcome;
    };

    let started = 0;
    const outcomes: Outcome[] = [];
    const runner = async () => {
      while (started < OPERATIONS) {
        started += 1;
        if (started === KILL_API_AFTER + 1) {
          await stack.killApi();
        }
        if (started === KILL_WORKER_AFTER + 1) await stack.killWorker();
        outcomes.push(await operation());
      }
    };
    const loadStarted = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, runner));
    const loadMs = Date.now() - loadStarted;

    const ids = outcomes.flatMap((outcome) => (outcome.id ? [outcome.id] : []));
    const perReferral = async <T>(sql: string) => (await stack.db.query<T & { id: string }>(sql, [ids])).rows;
    const [referrals] = (
      await stack.db.query<{ n: number; references: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT reference)::int AS references FROM referrals WHERE id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows;
    const history = await perReferral<{ actions: string[]; seqs: number[] }>(
      `SELECT referral_id AS id, array_agg(action ORDER BY seq) AS actions, array_agg(seq ORDER BY seq) AS seqs
         FROM referral_history WHERE referral_id = ANY($1::uuid[]) GROUP BY referral_id`,
    );
    const audits = await perReferral<{ actions: string[] }>(
      `SELECT entity_id AS id, array_agg(action ORDER BY id) AS actions FROM audit_log
        WHERE entity_id = ANY($1::text[]) AND action IN ('REFERRAL_SUBMITTED', 'REFERRAL_TRIAGE') GROUP BY entity_id`,
    );
    const notifications = await perReferral<{ kinds: string[]; distinct: number }>(
      `SELECT referral_id AS id, array_agg(kind ORDER BY kind) AS kinds,
              count(DISTINCT (kind, recipient_role, recipient_org, coalesce(recipient_sub, '')))::int AS distinct
         FROM notifications WHERE referral_id = ANY($1::uuid[]) GROUP BY referral_id`,
    );
    // Every region's two schedules (TTCG, covert commissioning) were started by both workers: one set of meetings.
    const meetings = await eventually(async () => {
      const rows = await stack.db.query<{ schedules: number; doubled: number; meetings: number }>(
        `SELECT count(DISTINCT (region, type))::int AS schedules, count(*)::int AS meetings,
                (count(*) - count(DISTINCT (region, type, scheduled_for)))::int AS doubled FROM meetings`,
      );
      expect(rows.rows[0].schedules).toBe(2 * ROCU_REGIONS);
      return rows.rows[0];
    }, 60_000);

    const complete = history.filter((row) => JSON.stringify(row.seqs) === '[0,1]');
    const auditsOnce = audits.filter((row) => row.actions.join() === 'REFERRAL_SUBMITTED,REFERRAL_TRIAGE');
    const notifiedOnce = notifications.filter((row) => row.distinct === row.kinds.length);
    printFigures('two APIs and two workers, one of each killed', {
      operations: `${OPERATIONS} (submit + triage) at C=${CONCURRENCY} over 2 APIs`,
      'faults injected': `2 (API 1 SIGKILLed after ${KILL_API_AFTER} operations, worker 1 after ${KILL_WORKER_AFTER})`,
      lost: OPERATIONS - complete.length,
      duplicated:
        referrals.n -
        referrals.references +
        (history.length - complete.length) +
        (audits.length - auditsOnce.length) +
        (notifications.length - notifiedOnce.length) +
        meetings.doubled,
      'requests retried': outcomes.reduce((sum, outcome) => sum + outcome.retries, 0),
      'meetings created ahead': `${meetings.meetings} (doubled ${meetings.doubled})`,
      'load s': (loadMs / 1000).toFixed(1),
    });

    expect(outcomes.map((outcome) => [Boolean(outcome.id), outcome.triaged])).toEqual(outcomes.map(() => [true, true]));
    expect(outcomes).toHaveLength(OPERATIONS);
    expect(referrals).toEqual({ n: OPERATIONS, references: OPERATIONS });
    expect(history.map((row) => row.actions)).toEqual(ids.map(() => ['SUBMIT', 'TRIAGE']));
    expect(audits.map((row) => row.actions)).toEqual(ids.map(() => ['REFERRAL_SUBMITTED', 'REFERRAL_TRIAGE']));
    expect(notifications).toHaveLength(OPERATIONS);
    expect(notifications.every((row) => row.kinds.includes('REFERRAL_SUBMITTED'))).toBe(true);
    expect(notifications.filter((row) => row.distinct !== row.kinds.length)).toEqual([]);
    expect(meetings.doubled).toBe(0);
  }, 300_000);
});
