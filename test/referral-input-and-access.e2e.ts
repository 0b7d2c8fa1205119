import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { recordIdempotentOutcome } from '@rocu/persistence';
import { directDataSource } from './support/scratch-database';
import { Stack } from './support/stack';
import { eventually, referralBody, workedExampleAssessment } from './support/referral-fixtures';
import { partnerCheckBody } from './support/national-fixtures';
import { testEnvironment } from './support/test-environment';
import { idForKey } from '../apps/api/src/common/keyed-id';
import { ratifyUrgentAdoptions } from './support/meeting-fixtures';
import { activeReferral } from './support/tasking-fixtures';

const GRPC_NOT_FOUND = 5;

type Problem = { status: number; errors?: { field: string; code: string }[] };

describe('referral input validation, visibility and idempotency', () => {
  let stack: Stack;
  let referrer: string;
  let temporal: Connection;

  const counts = async () => {
    const referrals = await stack.db.query('SELECT count(*)::int AS n FROM referrals');
    const audit = await stack.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'REFERRAL_VIEWED'`);
    const workflows = await new Client({ connection: temporal }).workflow.count(`TaskQueue = '${stack.taskQueue}'`);
    return { referrals: referrals.rows[0].n as number, audit: audit.rows[0].n as number, workflows: workflows.count };
  };

  beforeAll(async () => {
    // Expired Idempotency-Keys are looked for every second here (hourly by default).
    stack = await Stack.start({ env: { IDEMPOTENCY_KEY_PRUNE_INTERVAL_MS: '1000' } });
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    temporal = await Connection.connect({ address: testEnvironment().temporalAddress });
  });

  afterAll(async () => {
    await temporal.close();
    await stack.stop();
  });

  const fieldsOf = (body: Problem) => (body.errors ?? []).map((error) => error.field).sort();

  it.each<[string, unknown, string[]]>([
    [
      'an empty object',
      {},
      [
        'classification',
        'crimeTypes',
        'forcesAffected',
        'intelligence',
        'requestedCapabilities',
        'subject',
        'summary',
        'threatToLife',
        'urgency',
      ],
    ],
    ['an unknown field', referralBody({ priorityOverride: 'P1' }), ['priorityOverride']],
    [
      'unknown codes',
      referralBody({
        crimeTypes: ['ILLEGAL_DRUGS', 'JAYWALKING'],
        forcesAffected: ['XYZ'],
        requestedCapabilities: ['TELEPATHY'],
      }),
      ['crimeTypes', 'forcesAffected', 'requestedCapabilities'],
    ],
    ['a boolean sent as text', referralBody({ threatToLife: 'false' }), ['threatToLife']],
    ['oversize text', referralBody({ summary: 'x'.repeat(4001) }), ['summary']],
    // Issue 12: text is trimmed, and white space alone is no text.
    [
      'white space for text',
      referralBody({ summary: ' \n\t ', subject: { type: 'OCG', name: '   ', nominals: [] } }),
      ['subject.name', 'summary'],
    ],
    // De-confliction matches these keys: a blank one would link unrelated referrals.
    [
      'white space for a nominal or an existing subject reference',
      referralBody({
        subject: {
          type: 'OCG',
          name: 'Op Blank',
          existingRef: '  ',
          nominals: [{ identifier: ' ', role: 'PRINCIPAL' }],
        },
      }),
      ['subject.existingRef', 'subject.nominals[0].identifier'],
    ],
    [
      'white space for an intelligence reference',
      referralBody({ intelligence: [{ reference: '   ', grading: { source: '1', information: 'A', handling: 'P' } }] }),
      ['intelligence[0].reference'],
    ],
    // Issue 13: nothing invisible may disguise a name or a narrative.
    [
      'invisible and bidirectional control characters',
      referralBody({
        summary: 'Supply of\u200B firearms',
        subject: { type: 'OCG', name: '\u202Egnp.exe', nominals: [{ identifier: 'PND\u2066-1', role: 'PRINCIPAL' }] },
      }),
      ['subject.name', 'subject.nominals[0].identifier', 'summary'],
    ],
    [
      'handling code C without conditions',
      referralBody({
        intelligence: [{ reference: 'IR-9', grading: { source: '1', information: 'A', handling: 'C' } }],
      }),
      ['intelligence[0].conditions'],
    ],
    [
      'bad nested values',
      referralBody({ subject: { type: 'GANG', name: '', nominals: [{ identifier: 'A1', role: 'BOSS', extra: 1 }] } }),
      ['subject.name', 'subject.nominals[0].extra', 'subject.nominals[0].role', 'subject.type'],
    ],
    [
      'a bad grading',
      referralBody({
        intelligence: [{ reference: 'IR-9', grading: { source: '5', information: 'Z', handling: 'P' } }],
      }),
      ['intelligence[0].grading.information', 'intelligence[0].grading.source'],
    ],
  ])(
    'refuses %s with a 400 naming every bad field, persisting nothing and starting no workflow',
    async (_case, body, fields) => {
      const before = await counts();
      const response = await stack.http.post<Problem>('/referrals', body, referrer);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(response.body)).toEqual(fields.sort());
      expect(await counts()).toEqual(before);
    },
  );

  it.each<[string, string]>([
    ['an array', '[{"subject":{}}]'],
    ['a string', '"referral"'],
    ['null', 'null'],
    ['broken JSON', '{"subject":'],
  ])('refuses %s as the body with a 400', async (_case, rawBody) => {
    const before = await counts();
    const response = await stack.http.request<Problem>('POST', '/referrals', { token: referrer, rawBody });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['(body)']);
    expect(await counts()).toEqual(before);
  });

  it('names query parameters a route does not read, instead of answering as if they had filtered', async () => {
    const manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    const report = await stack.http.get<Problem>('/reports/deviations?region=ERSOU&month=2026-11', manager);
    expect(report.status).toBe(400);
    expect(report.body.errors).toEqual([
      expect.objectContaining({ field: 'region', code: 'unknown_field' }),
      expect.objectContaining({ field: 'month', code: 'unknown_field' }),
    ]);
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const detail = await stack.http.get<Problem>(`/referrals/${submitted.body.id}?fields=all`, referrer);
    expect({ status: detail.status, fields: fieldsOf(detail.body) }).toEqual({ status: 400, fields: ['fields'] });
    // A route with a query of its own still refuses only what it does not know.
    expect((await stack.http.get(`/referrals?page=1`, referrer)).status).toBe(200);
    expect((await stack.http.get(`/reports/deviations`, manager)).status).toBe(200);
  });

  it('refuses a bad assessment naming every field', async () => {
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    await stack.http.post(`/referrals/${submitted.body.id}/triage`, { decision: 'ACCEPT', reason: 'ok' }, assessor);
    const response = await stack.http.post<Problem>(
      `/referrals/${submitted.body.id}/assessment`,
      workedExampleAssessment({
        likelihood: 6,
        harm: { physical: 'extreme', psychological: 'none', financial: 'none', community: 'none' },
        // Every element needs its rationale, and white space is no rationale (issue 12).
        rationale: { harm: 'x', likelihood: ' \t\n ' },
        route: 'ELSEWHERE',
      }),
      assessor,
    );
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual([
      'harm.environmental',
      'harm.physical',
      'likelihood',
      'rationale.confidence',
      'rationale.geographicScope',
      'rationale.likelihood',
      'rationale.organisationalPosition',
      'rationale.route',
      'rationale.victimVulnerability',
      'route',
    ]);
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM assessments WHERE referral_id = $1', [
      submitted.body.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it("hides another force's referral: 404 on read and act, absent from lists", async () => {
    const submitted = await stack.http.post<{ id: string; reference: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const otherForce = await stack.token(['FORCE_REFERRER'], 'SYP');
    const otherRegion = await stack.token(['GATEWAY_ASSESSOR'], 'EMSOU');
    for (const token of [otherForce, otherRegion]) {
      const read = await stack.http.get<Problem>(`/referrals/${submitted.body.id}`, token);
      expect(read.status).toBe(404);
      expect(read.headers.get('content-type')).toContain('application/problem+json');
      const list = await stack.http.get<{ items: { id: string }[] }>(`/referrals?q=${submitted.body.reference}`, token);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
    }
    expect(
      (await stack.http.post(`/referrals/${submitted.body.id}/withdraw`, { reason: 'not mine' }, otherForce)).status,
    ).toBe(404);
    expect(
      (
        await stack.http.post(
          `/referrals/${submitted.body.id}/triage`,
          { decision: 'REJECT', reason: 'x' },
          otherRegion,
        )
      ).status,
    ).toBe(404);
    // A made-up id looks exactly the same as a hidden one.
    expect((await stack.http.get('/referrals/00000000-0000-4000-8000-000000000000', otherForce)).status).toBe(404);
    expect((await stack.http.get('/referrals/not-a-uuid', otherForce)).status).toBe(404);
    // Nothing was shown to them; each refusal on this record is on the audit trail.
    await eventually(async () => {
      const audit = await stack.db.query<{ outcome: string; n: number }>(
        `SELECT outcome, count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND actor_sub LIKE '%syp%' GROUP BY outcome`,
        [submitted.body.id],
      );
      expect(audit.rows).toEqual([{ outcome: 'DENIED', n: 2 }]);
    });
  });

  it('gives concurrent identical submissions with one Idempotency-Key one referral and one workflow', async () => {
    const key = `key-${Date.now()}`;
    const body = referralBody();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        stack.http.post<{ id: string; reference: string }>('/referrals', body, referrer, { 'Idempotency-Key': key }),
      ),
    );
    const ids = new Set(responses.map((response) => response.body.id));
    expect(ids.size).toBe(1);
    expect(new Set(responses.map((response) => response.body.reference)).size).toBe(1);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const [id] = [...ids];
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM referrals WHERE id = $1', [id]);
    expect(rows[0].n).toBe(1);
    const client = new Client({ connection: temporal });
    const runs = [];
    for await (const execution of client.workflow.list({ query: `WorkflowId = 'referral-${id}'` }))
      runs.push(execution.runId);
    expect(runs).toHaveLength(1);
    // The task-queue count used by the bad-input cases above does see this stack's workflows.
    expect((await client.workflow.count(`TaskQueue = '${stack.taskQueue}'`)).count).toBeGreaterThan(0);

    const repeat = await stack.http.post<{ id: string }>('/referrals', body, referrer, { 'Idempotency-Key': key });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(id);

    // Once the referral has ended, a repeat still answers with it and starts nothing new.
    await stack.http.post(`/referrals/${id}/withdraw`, { reason: 'duplicate' }, referrer);
    const afterEnd = await stack.http.post<{ id: string; status: string }>('/referrals', body, referrer, {
      'Idempotency-Key': key,
    });
    expect(afterEnd.status).toBe(200);
    expect(afterEnd.body).toMatchObject({ id, status: 'WITHDRAWN' });
    const runsAfter = [];
    for await (const execution of client.workflow.list({ query: `WorkflowId = 'referral-${id}'` }))
      runsAfter.push(execution.runId);
    expect(runsAfter).toHaveLength(1);

    // Nor once Temporal has forgotten the ended workflow (deleted here, as the namespace's retention does).
    // Deletion is a queued server task, slow on a busy machine: asked again until it has happened.
    const workflow = client.workflow.getHandle(`referral-${id}`);
    await eventually(
      async () => {
        await temporal.workflowService
          .deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: `referral-${id}` } })
          .catch((error: { code?: number }) => {
            if (error.code !== GRPC_NOT_FOUND) throw error; // deleted by an earlier ask
          });
        expect(await workflow.describe().catch((error: Error) => error.name)).toBe('WorkflowNotFoundError');
      },
      120_000,
      1_000,
    );
    const afterForgotten = await stack.http.post<{ id: string; status: string }>('/referrals', body, referrer, {
      'Idempotency-Key': key,
    });
    expect(afterForgotten.status).toBe(200);
    expect(afterForgotten.body).toMatchObject({ id, status: 'WITHDRAWN' });
    expect(await workflow.describe().catch((error: Error) => error.name)).toBe('WorkflowNotFoundError');
  });

  it('passes a key whose first use made nothing to a changed body, once no request with it can be in flight', async () => {
    const sub = `rebind-${Date.now()}`;
    const token = await stack.token(['FORCE_REFERRER'], 'WYP', sub);
    const key = `key-rebind-${Date.now()}`;
    const keyId = `referral:${idForKey({ org: 'WYP', sub }, key)}`;
    // A first request with the key, claimed and then lost before its workflow started (as when Temporal fails).
    await stack.db.query(`INSERT INTO idempotency_keys (key_id, fingerprint) VALUES ($1, 'first')`, [keyId]);
    const body = referralBody({ summary: 'As changed after the failure.' });
    const send = () => stack.http.post<{ id: string }>('/referrals', body, token, { 'Idempotency-Key': key });
    // It may still be on its way: the changed body waits (503, retry) rather than race it.
    const early = await send();
    expect(early.status).toBe(503);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    await stack.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '1 hour' WHERE key_id = $1`, [
      keyId,
    ]);
    const sent = await send();
    expect(sent.status).toBe(201);
    expect((await send()).body.id).toBe(sent.body.id);
    // Once it made a referral, the key is that referral's: another body is refused.
    const changed = await stack.http.post('/referrals', referralBody(), token, { 'Idempotency-Key': key });
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('forgets keys a week after their first use; a keyed submission repeated after that still finds its referral', async () => {
    const key = `key-retention-${Date.now()}`;
    const body = referralBody({ summary: 'Submitted under a key later forgotten.' });
    const submit = () => stack.http.post<{ id: string }>('/referrals', body, referrer, { 'Idempotency-Key': key });
    const submitted = await submit();
    expect(submitted.status).toBe(201);
    const age = (keyId: string, days: number) =>
      stack.db.query(`UPDATE idempotency_keys SET created_at = now() - $2 * interval '1 day' WHERE key_id = $1`, [
        keyId,
        days,
      ]);
    const submissionKey = `referral:${submitted.body.id}`;
    expect((await age(submissionKey, 8)).rowCount).toBe(1);
    // Kept: a key within its week, and an open plan's (its workflow forgets Update ids as it continues as new).
    const kept = `retention-kept-${Date.now()}`;
    const [open, closed] = [await activeReferral(stack), await activeReferral(stack)];
    const manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    await ratifyUrgentAdoptions(stack, [closed]);
    expect((await stack.http.post(`/referrals/${closed}/close`, { outcome: 'Charged' }, manager)).status).toBe(200);
    const planKey = (referralId: string) => `plan:${referralId}:action-${'0'.repeat(64)}`;
    await eventually(async () => {
      const plans = await stack.db.query<{ referral_id: string; open: boolean }>(
        'SELECT referral_id, closed_at IS NULL AS open FROM plans WHERE referral_id = ANY($1) ORDER BY open DESC',
        [[open, closed]],
      );
      expect(plans.rows).toEqual([
        { referral_id: open, open: true },
        { referral_id: closed, open: false },
      ]);
    });
    const [openPlanKey, closedPlanKey, missingPlanKey] = [planKey(open), planKey(closed), planKey(randomUUID())];
    for (const [keyId, days] of [
      [kept, 6],
      [openPlanKey, 30],
      [closedPlanKey, 30],
      [missingPlanKey, 30],
    ] as const) {
      await stack.db.query(`INSERT INTO idempotency_keys (key_id, fingerprint) VALUES ($1, 'kept')`, [keyId]);
      await age(keyId, days);
    }
    const present = async () =>
      (
        await stack.db.query<{ key_id: string }>(
          'SELECT key_id FROM idempotency_keys WHERE key_id = ANY($1) ORDER BY key_id',
          [[submissionKey, kept, openPlanKey, closedPlanKey, missingPlanKey]],
        )
      ).rows.map((row) => row.key_id);
    await eventually(async () => expect(await present()).toEqual([openPlanKey, kept].sort()));
    // The referral's id comes from the key, so a late repeat is still the same referral, not a second.
    const before = await counts();
    const repeated = await submit();
    expect(repeated.status).toBeLessThan(300);
    expect(repeated.body.id).toBe(submitted.body.id);
    expect((await counts()).referrals).toBe(before.referrals);
  });

  it("records a request's outcome only while the key is still that request's, claiming a freed key again", async () => {
    const dataSource = directDataSource(stack.databaseUrl);
    await dataSource.initialize();
    try {
      const keyId = `outcome-race-${Date.now()}`;
      // A slow first request's key passed meanwhile to a changed request (rebound to its fingerprint).
      await stack.db.query(`INSERT INTO idempotency_keys (key_id, fingerprint) VALUES ($1, 'second')`, [keyId]);
      const outcome = async () =>
        (await stack.db.query('SELECT outcome FROM idempotency_keys WHERE key_id = $1', [keyId])).rows[0].outcome;
      await recordIdempotentOutcome(dataSource.manager, keyId, 'first', { made: 'first' });
      expect(await outcome()).toBeNull();
      await recordIdempotentOutcome(dataSource.manager, keyId, 'second', { made: 'second' });
      expect(await outcome()).toEqual({ made: 'second' });
      // The key was freed meanwhile (its first request was refused) while a repeat of it succeeded: claimed again.
      const freed = `outcome-freed-${Date.now()}`;
      await recordIdempotentOutcome(dataSource.manager, freed, 'repeat', { made: 'repeat' });
      const { rows } = await stack.db.query('SELECT fingerprint, outcome FROM idempotency_keys WHERE key_id = $1', [
        freed,
      ]);
      expect(rows).toEqual([{ fingerprint: 'repeat', outcome: { made: 'repeat' } }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('applies a keyed partner check and a keyed assessment once, however often each is sent', async () => {
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const gain = await stack.token(['GAIN_COORDINATOR'], 'YHROCU');
    const { body: referral } = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    const path = (action: string) => `/referrals/${referral.id}/${action}`;
    await stack.http.post(path('triage'), { decision: 'ACCEPT', reason: 'In remit' }, assessor);
    const count = async (sql: string) => (await stack.db.query<{ n: number }>(sql, [referral.id])).rows[0].n;

    // A check stays in status, so nothing but the key tells a retry from a second check.
    const check = partnerCheckBody();
    const checkKey = { 'Idempotency-Key': `check-${Date.now()}` };
    const checks = [
      await stack.http.post(path('partner-checks'), check, gain, checkKey),
      await stack.http.post(path('partner-checks'), check, gain, checkKey),
    ];
    expect(checks.map((sent) => sent.status)).toEqual([201, 201]);
    expect(checks[1].body).toEqual(checks[0].body);
    await eventually(async () =>
      expect(await count('SELECT count(*)::int AS n FROM partner_checks WHERE referral_id = $1')).toBe(1),
    );

    // An assessment routed national moves the referral on: its repeat is answered as the first was, not 409.
    const assessment = workedExampleAssessment({ route: 'REFER_NATIONAL' });
    const assessKey = { 'Idempotency-Key': `assess-${Date.now()}` };
    const first = await stack.http.post(path('assessment'), assessment, assessor, assessKey);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'REFERRED_NATIONAL' });
    const repeat = await stack.http.post(path('assessment'), assessment, assessor, assessKey);
    expect({ status: repeat.status, body: repeat.body }).toEqual({ status: 200, body: first.body });
    // Without its key the same request is a new one, which the referral has moved past.
    expect((await stack.http.post(path('assessment'), assessment, assessor)).status).toBe(409);
    const changed = await stack.http.post(path('assessment'), workedExampleAssessment(), assessor, assessKey);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(
      await count(`SELECT count(*)::int AS n FROM referral_history WHERE referral_id = $1 AND action = 'ASSESS'`),
    ).toBe(1);
  });

  it('refuses an Idempotency-Key reused with a different body (422) and keys outside 8-255 visible characters (400)', async () => {
    const key = `key-reuse-${Date.now()}`;
    const first = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer, {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);
    const before = await stack.db.query('SELECT count(*)::int AS n FROM referrals');
    const reused = await stack.http.post(
      '/referrals',
      referralBody({ summary: 'Another matter entirely.' }),
      referrer,
      {
        'Idempotency-Key': key,
      },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The same key from another person is their own key, not a reuse.
    const otherReferrer = await stack.token(['FORCE_REFERRER'], 'WYP', 'another-referrer');
    expect(
      (await stack.http.post('/referrals', referralBody(), otherReferrer, { 'Idempotency-Key': key })).status,
    ).toBe(201);
    for (const bad of ['short', 'x'.repeat(256), 'has a space in it', 'tab\tinside-key', `${key}, ${key}`]) {
      const response = await stack.http.post('/referrals', referralBody(), referrer, { 'Idempotency-Key': bad });
      expect({ bad, status: response.status, errors: response.body.errors }).toEqual({
        bad,
        status: 400,
        errors: [expect.objectContaining({ field: 'Idempotency-Key' })],
      });
    }
    const after = await stack.db.query('SELECT count(*)::int AS n FROM referrals');
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  it('names a bad Idempotency-Key and every bad body field in one 400, making nothing', async () => {
    const before = await counts();
    const badKey = { 'Idempotency-Key': 'short' };
    const submitted = await stack.http.post<Problem>(
      '/referrals',
      referralBody({ summary: '', urgency: 'SOON' }),
      referrer,
      badKey,
    );
    expect({ status: submitted.status, fields: fieldsOf(submitted.body) }).toEqual({
      status: 400,
      fields: ['Idempotency-Key', 'summary', 'urgency'],
    });
    // A route whose record id comes before its body, and a good body: the key alone.
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const { body: referral } = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    const triage = (body: unknown) =>
      stack.http.post<Problem>(`/referrals/${referral.id}/triage`, body, assessor, badKey);
    const answers = [
      await triage({ decision: 'MAYBE', reason: '' }),
      await triage({ decision: 'ACCEPT', reason: 'ok' }),
    ];
    expect(answers.map((answer) => ({ status: answer.status, fields: fieldsOf(answer.body) }))).toEqual([
      { status: 400, fields: ['Idempotency-Key', 'decision', 'reason'] },
      { status: 400, fields: ['Idempotency-Key'] },
    ]);
    const after = await counts();
    expect(after.referrals).toBe(before.referrals + 1);
    expect((await stack.http.get<{ status: string }>(`/referrals/${referral.id}`, assessor)).body.status).toBe(
      'SUBMITTED',
    );
  });
});
