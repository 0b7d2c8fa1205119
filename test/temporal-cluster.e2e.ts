import { randomUUID } from 'node:crypto';
import { Stack } from './support/stack';
import { referralBody } from './support/referral-fixtures';
import { postgresServerUnderTest, printFigures, TemporalUnderTest } from './support/temporal-under-test';
import type { HttpResponse } from './support/http-client';

/** Referrals submitted and triaged under load; one node dies after a third of them. */
const OPERATIONS = 36;
const CONCURRENCY = 4;
/** How long one operation may keep retrying through a failover before it counts as lost. */
const RETRY_FOR_MS = 90_000;

interface Outcome {
  /** The referral's id, once a submission was accepted. */
  id?: string;
  triaged: boolean;
  /** 503s answered (and retried) on the way. */
  refusals: number;
  startedAt: number;
  finishedAt: number;
}

describe('one node of the two-node Temporal cluster is killed under load', () => {
  let temporal: TemporalUnderTest;
  let stack: Stack;

  beforeAll(async () => {
    temporal = await postgresServerUnderTest(2);
    stack = await Stack.start({ env: { TEMPORAL_ADDRESS: temporal.address } });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await temporal?.stop();
  });

  it('carries on through the other node and loses or duplicates nothing', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const cluster = temporal.cluster;
    if (!cluster) throw new Error('a cluster was asked for');
    // The proxy sends every connection to the first live node: the API's and the worker's are on node1.

    /** Sends until the answer is not a 503 (a client honouring Retry-After, sooner), within a bound. */
    const untilAnswered = async <T>(send: () => Promise<HttpResponse<T>>, outcome: Outcome) => {
      const giveUpAt = Date.now() + RETRY_FOR_MS;
      for (;;) {
        const response = await send();
        if (response.status !== 503 || Date.now() > giveUpAt) return response;
        outcome.refusals += 1;
        await new Promise((wake) => setTimeout(wake, 500));
      }
    };
    const operation = async (): Promise<Outcome> => {
      const outcome: Outcome = { triaged: false, refusals: 0, startedAt: Date.now(), finishedAt: 0 };
      // The same Idempotency-Key on every retry: a submission the server took before failing is found again.
      const key = randomUUID();
      const body = referralBody();
      const submitted = await untilAnswered(
        () => stack.http.post<{ id: string }>('/referrals', body, referrer, { 'Idempotency-Key': key }),
        outcome,
      );
      if (submitted.status === 201 || submitted.status === 200) {
        outcome.id = submitted.body.id;
        const triaged = await untilAnswered(
          () =>
            stack.http.post(
              `/referrals/${submitted.body.id}/triage`,
              { decision: 'ACCEPT', reason: 'in scope' },
              assessor,
            ),
          outcome,
        );
        // 409: an earlier attempt was applied before its answer was lost.
        outcome.triaged = triaged.status === 200 || triaged.status === 409;
      }
      outcome.finishedAt = Date.now();
      return outcome;
    };

    let started = 0;
    let killedAt = 0;
    const outcomes: Outcome[] = [];
    const killAfter = Math.floor(OPERATIONS / 3);
    const runner = async () => {
      while (started < OPERATIONS) {
        started += 1;
        if (started === killAfter + 1) {
          killedAt = Date.now();
          await cluster.nodes[0].kill();
        }
        outcomes.push(await operation());
      }
    };
    const loadStarted = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, runner));
    const loadMs = Date.now() - loadStarted;

    const ids = outcomes.flatMap((outcome) => (outcome.id ? [outcome.id] : []));
    const history = await stack.db.query<{ id: string; seqs: number[]; actions: string[] }>(
      `SELECT referral_id AS id, array_agg(seq ORDER BY seq) AS seqs, array_agg(action ORDER BY seq) AS actions
         FROM referral_history WHERE referral_id = ANY($1::uuid[]) GROUP BY referral_id`,
      [ids],
    );
    const rows = await stack.db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT reference)::int AS distinct FROM referrals WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const audits = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1::text[]) AND action IN ('REFERRAL_SUBMITTED', 'REFERRAL_TRIAGE')
        GROUP BY entity_id`,
      [ids],
    );
    const slowest = (some: Outcome[]) =>
      (Math.max(...some.map((outcome) => outcome.finishedAt - outcome.startedAt)) / 1000).toFixed(1);
    const complete = history.rows.filter((row) => JSON.stringify(row.seqs) === '[0,1]');
    printFigures('Temporal node killed of a two-node cluster', {
      operations: `${OPERATIONS} (submit + triage) at C=${CONCURRENCY}`,
      'faults injected': `1 (${cluster.nodes[0].name} SIGKILLed after ${killAfter} operations)`,
      lost: OPERATIONS - complete.length,
      duplicated: history.rows.length - complete.length + (rows.rows[0].n - rows.rows[0].distinct),
      '503s retried': outcomes.reduce((sum, outcome) => sum + outcome.refusals, 0),
      'slowest operation before the kill s': slowest(outcomes.filter((outcome) => outcome.finishedAt < killedAt)),
      'slowest operation across or after it s': slowest(outcomes.filter((outcome) => outcome.finishedAt >= killedAt)),
      'proxy failovers': cluster.proxy?.failovers() ?? 0,
      'load s': (loadMs / 1000).toFixed(1),
    });
    expect(outcomes.map((outcome) => [Boolean(outcome.id), outcome.triaged])).toEqual(outcomes.map(() => [true, true]));
    expect(rows.rows[0]).toEqual({ n: OPERATIONS, distinct: OPERATIONS });
    expect(history.rows.map((row) => row.actions)).toEqual(ids.map(() => ['SUBMIT', 'TRIAGE']));
    expect(audits.rows.map((row) => row.n)).toEqual(ids.map(() => 2));
  }, 420_000);
});
