import { isWorkingDay, workingTimeBetween } from '@rocu/domain';
import { pausedWorkingTime } from './support/paused-working-time';
import { Stack } from './support/stack';
import { referralBody, workedExampleAssessment } from './support/referral-fixtures';

interface Detail {
  id: string;
  reference: string;
  status: string;
  pausedMs: number;
  submittedAt: string;
  priority: string | null;
  riskScore: number | null;
  history: {
    seq: number;
    from: string | null;
    to: string;
    action: string;
    actor: { sub: string };
    at: string;
    reason: string | null;
    durationMs: number;
  }[];
  deadlines: { stage: string; dueAt: string; status: string }[];
  assessment: {
    riskScore: number;
    priority: string;
    scheme: { id: string; version: number };
    version: number;
    breakdown: { explanation: string };
  } | null;
  assessmentHistory: { version: number; riskScore: number; priority: string; assessedBy: { sub: string } }[];
  information: { kind: string; text: string }[];
  availableActions: string[];
  deconfliction?: { referralId: string; basis: string }[];
}

/** The fields a list row shares with the referral's detail. */
const SUMMARY_FIELDS = [
  'id',
  'reference',
  'status',
  'urgency',
  'region',
  'ownerOrg',
  'classification',
  'subjectType',
  'subjectName',
  'priority',
  'riskScore',
  'submittedAt',
  'updatedAt',
  'nextDeadlineAt',
];

describe('referral intake, triage and assessment over HTTP', () => {
  let stack: Stack;
  let referrer: string;
  let assessor: string;

  beforeAll(async () => {
    stack = await Stack.start();
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const submit = async (overrides: Record<string, unknown> = {}) => {
    const response = await stack.http.post<{
      id: string;
      reference: string;
      status: string;
      region: string;
      urgency: string;
    }>('/referrals', referralBody(overrides), referrer);
    expect(response.status).toBe(201);
    return response.body;
  };
  const detail = async (id: string, token = assessor) => stack.http.get<Detail>(`/referrals/${id}`, token);

  it('takes a referral from submission to awaiting decision with the worked example score', async () => {
    const submitted = await submit();
    expect(submitted).toMatchObject({ status: 'SUBMITTED', urgency: 'ROUTINE', region: 'YHROCU' });
    expect(submitted.reference).toMatch(/^YHROCU-\d{4}-\d{6}$/);

    const seenByReferrer = await detail(submitted.id, referrer);
    expect(seenByReferrer.status).toBe(200);
    expect(seenByReferrer.body.availableActions).toEqual(['WITHDRAW']);

    const before = await detail(submitted.id);
    expect(before.body.availableActions).toEqual(['TRIAGE']);

    const triaged = await stack.http.post(
      `/referrals/${submitted.id}/triage`,
      { decision: 'ACCEPT', reason: 'Meets ROCU threshold' },
      assessor,
    );
    expect(triaged.status).toBe(200);
    expect(triaged.body.status).toBe('ASSESSMENT');
    expect((await detail(submitted.id)).body.status).toBe('ASSESSMENT'); // a GET right after the write sees it

    const assessed = await stack.http.post(
      `/referrals/${submitted.id}/assessment`,
      workedExampleAssessment(),
      assessor,
    );
    expect(assessed.status).toBe(200);
    expect(assessed.body).toMatchObject({
      riskScore: 21.2,
      priority: 'P2',
      status: 'AWAITING_DECISION',
      scheme: { id: 'rocu-morile-default', version: 1 },
    });

    const after = (await detail(submitted.id)).body;
    expect(after.status).toBe('AWAITING_DECISION');
    expect(after).toMatchObject({ priority: 'P2', riskScore: 21.2 });
    expect(after.assessment).toMatchObject({ riskScore: 21.2, priority: 'P2', version: 1 });
    expect(after.assessment?.breakdown.explanation).toEqual(expect.any(String));
    // Its list row says what the detail says: the same instants to the millisecond, the score as a number.
    const listed = await stack.http.get<{ items: Record<string, unknown>[] }>(
      `/referrals?q=${after.reference}`,
      assessor,
    );
    const summary = Object.fromEntries(
      SUMMARY_FIELDS.map((field) => [field, (after as unknown as Record<string, unknown>)[field]]),
    );
    expect(listed.body.items).toEqual([{ ...summary, deconflicted: false }]);
    expect(summary).toMatchObject({
      riskScore: 21.2,
      submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:]{8}\.\d{3}Z$/),
    });
    expect(after.history.map((entry) => [entry.seq, entry.from, entry.to, entry.action])).toEqual([
      [0, null, 'SUBMITTED', 'SUBMIT'],
      [1, 'SUBMITTED', 'ASSESSMENT', 'TRIAGE'],
      [2, 'ASSESSMENT', 'AWAITING_DECISION', 'ASSESS'],
    ]);
    expect(after.history.every((entry) => entry.durationMs >= 0)).toBe(true);
    expect(after.deadlines.map((deadline) => [deadline.stage, deadline.status])).toEqual([
      ['TRIAGE', 'MET'],
      ['ASSESSMENT', 'MET'],
    ]);

    // Re-scoring adds an assessment and keeps the earlier one.
    const rescored = await stack.http.post(
      `/referrals/${submitted.id}/assessment`,
      workedExampleAssessment({ likelihood: 5 }),
      assessor,
    );
    expect(rescored.status).toBe(200);
    expect(rescored.body.riskScore).toBe(26.5);
    const { rows } = await stack.db.query('SELECT risk_score FROM assessments WHERE referral_id = $1 ORDER BY seq', [
      submitted.id,
    ]);
    expect(rows.map((row: { risk_score: string }) => Number(row.risk_score))).toEqual([21.2, 26.5]);
    const history = (await detail(submitted.id)).body.assessmentHistory;
    expect(history.map((entry) => [entry.version, entry.riskScore, entry.priority])).toEqual([
      [2, 26.5, 'P2'],
      [1, 21.2, 'P2'],
    ]);
  });

  it('pauses the triage clock while waiting for the referrer', async () => {
    const submitted = await submit();
    const dueAtSubmission = (await detail(submitted.id)).body.deadlines.find(
      (deadline) => deadline.stage === 'TRIAGE',
    )?.dueAt;

    const asked = await stack.http.post(
      `/referrals/${submitted.id}/triage`,
      { decision: 'REQUEST_INFO', reason: 'Which OCG members are involved?' },
      assessor,
    );
    expect(asked.body.status).toBe('INFO_REQUESTED');
    const waiting = (await detail(submitted.id, referrer)).body;
    expect(waiting.deadlines.find((deadline) => deadline.stage === 'TRIAGE')?.status).toBe('PAUSED');
    expect(waiting.availableActions).toEqual(['PROVIDE_INFORMATION', 'WITHDRAW']);

    await new Promise((wake) => setTimeout(wake, 1_200));
    const answered = await stack.http.post(
      `/referrals/${submitted.id}/information`,
      { response: 'Three nominals, see IR-124' },
      referrer,
    );
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('TRIAGE');

    const resumed = (await detail(submitted.id)).body;
    expect(resumed.pausedMs).toBeGreaterThanOrEqual(1_000);
    const triageDue = resumed.deadlines.find((deadline) => deadline.stage === 'TRIAGE');
    expect(triageDue?.status).toBe('PENDING');
    // The pause is given back as the working time it took (all of it on a working day, none at a weekend).
    const [pausedAt, resumedAt] = resumed.history
      .filter((entry) => entry.action === 'TRIAGE' || entry.action === 'PROVIDE_INFORMATION')
      .map((entry) => new Date(entry.at));
    expect(resumedAt.getTime() - pausedAt.getTime()).toBe(resumed.pausedMs);
    expect(workingTimeBetween(new Date(dueAtSubmission ?? 0), new Date(triageDue?.dueAt ?? 0))).toBe(
      pausedWorkingTime(new Date(resumed.submittedAt), pausedAt, resumedAt),
    );
    expect(isWorkingDay(new Date(triageDue?.dueAt ?? 0))).toBe(true);
    // The answer's text comes only with an access justification (need-to-know.e2e.ts).
    expect(resumed.information.map((entry) => [entry.kind, entry.text])).toEqual([
      ['REQUEST', 'Which OCG members are involved?'],
      ['RESPONSE', undefined],
    ]);
    expect(
      (
        await stack.http.post(
          `/referrals/${submitted.id}/triage`,
          { decision: 'ACCEPT', reason: 'Now clear' },
          assessor,
        )
      ).body.status,
    ).toBe('ASSESSMENT');
  });

  it('rejects at triage with a reason and tells the referrer', async () => {
    const submitted = await submit();
    const rejected = await stack.http.post(
      `/referrals/${submitted.id}/triage`,
      { decision: 'REJECT', reason: 'Force-level matter' },
      assessor,
    );
    expect(rejected.body.status).toBe('REJECTED');
    const seen = (await detail(submitted.id, referrer)).body;
    expect(seen.status).toBe('REJECTED');
    expect(seen.history.at(-1)).toMatchObject({ to: 'REJECTED', reason: 'Force-level matter' });
    expect(seen.availableActions).toEqual([]);
    const { rows } = await stack.db.query(
      `SELECT recipient_role, recipient_org FROM notifications WHERE referral_id = $1 AND kind = 'REFERRAL_REJECTED'`,
      [submitted.id],
    );
    expect(rows).toEqual([{ recipient_role: 'FORCE_REFERRER', recipient_org: 'WYP' }]);
  });

  it('lets the referrer withdraw before a decision, then refuses further moves with 409', async () => {
    const submitted = await submit();
    const withdrawn = await stack.http.post(
      `/referrals/${submitted.id}/withdraw`,
      { reason: 'Dealt with locally' },
      referrer,
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('WITHDRAWN');

    const again = await stack.http.post(`/referrals/${submitted.id}/withdraw`, { reason: 'again' }, referrer);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({ status: 409, state: 'WITHDRAWN', allowedActions: [] });
    expect(String(again.body.detail)).toContain('WITHDRAWN');
    const triage = await stack.http.post(
      `/referrals/${submitted.id}/triage`,
      { decision: 'ACCEPT', reason: 'late' },
      assessor,
    );
    expect(triage.status).toBe(409);
  });

  it('answers a move not allowed in the current state with 409 naming the state and the allowed actions', async () => {
    const submitted = await submit();
    const early = await stack.http.post(`/referrals/${submitted.id}/assessment`, workedExampleAssessment(), assessor);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'NOT_ALLOWED_IN_STATE' });
    expect(early.body).toMatchObject({ state: 'SUBMITTED', allowedActions: ['TRIAGE'] });
    expect(String(early.body.detail)).toContain('SUBMITTED');
  });

  it('answers an action the role may not take on a visible referral with 403', async () => {
    const submitted = await submit();
    const manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    const response = await stack.http.post(
      `/referrals/${submitted.id}/triage`,
      { decision: 'ACCEPT', reason: 'x' },
      manager,
    );
    expect(response.status).toBe(403);
  });

  it('links referrals sharing a nominal for the gateway team without telling the referrer', async () => {
    const shared = 'PND-SHARED-0001';
    const first = await submit({
      subject: { type: 'OCG', name: 'Op One', nominals: [{ identifier: shared, role: 'PRINCIPAL' }] },
    });
    const otherForce = await stack.token(['FORCE_REFERRER'], 'KENT');
    const second = await stack.http.post<{ id: string; region: string }>(
      '/referrals',
      referralBody({
        forcesAffected: ['KENT'],
        // Stray white space hides no overlap: the identifier is trimmed before it is matched.
        subject: { type: 'OCG', name: 'Op Two', nominals: [{ identifier: `  ${shared} `, role: 'ASSOCIATE' }] },
      }),
      otherForce,
    );
    expect(second.status).toBe(201);
    expect(second.body.region).toBe('ERSOU');

    const gateway = (await detail(first.id)).body;
    expect(gateway.deconfliction).toEqual([expect.objectContaining({ referralId: second.body.id, basis: 'NOMINAL' })]);
    const ersouAssessor = await stack.token(['GATEWAY_ASSESSOR'], 'ERSOU');
    expect((await detail(second.body.id, ersouAssessor)).body.deconfliction).toEqual([
      expect.objectContaining({ referralId: first.id, basis: 'NOMINAL' }),
    ]);
    const referrerView = (await detail(first.id, referrer)).body;
    expect(referrerView.deconfliction).toBeUndefined();
    type Listed = { items: { id: string; deconflicted?: boolean }[] };
    const queue = await stack.http.get<Listed>('/referrals?q=op%20one', assessor);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ id: first.id, deconflicted: true })]);
    const referrerList = await stack.http.get<Listed>('/referrals?q=op%20one', referrer);
    expect(referrerList.body.items.map((item) => item.id)).toEqual([first.id]);
    expect(referrerList.body.items[0]).not.toHaveProperty('deconflicted');
    expect(JSON.stringify(referrerView)).not.toContain(second.body.id);

    // Each gateway team is told about its own referral, which it can open.
    const { rows } = await stack.db.query<{ recipient_org: string; referral_id: string }>(
      `SELECT recipient_org, referral_id FROM notifications
        WHERE kind = 'DECONFLICTION' AND payload->'referralIds' ? $1 ORDER BY recipient_org`,
      [second.body.id],
    );
    expect(rows).toEqual([
      { recipient_org: 'ERSOU', referral_id: second.body.id },
      { recipient_org: 'YHROCU', referral_id: first.id },
    ]);
    // The YHROCU assessor was shown ERSOU's referral: its audit trail says so; the referrer's read names none.
    const { rows: reads } = await stack.db.query(
      `SELECT actor_org, details->'ids' AS ids FROM audit_log
        WHERE action = 'REFERRAL_VIEWED' AND entity_id = $1 ORDER BY id`,
      [first.id],
    );
    expect(reads.map((read: { actor_org: string; ids: unknown }) => [read.actor_org, read.ids])).toEqual([
      ['YHROCU', [second.body.id]],
      ['WYP', null],
    ]);
  });

  it('tells each gateway team once of a referral overlapping on a subject reference and several nominals', async () => {
    const [principal, associate, existingRef] = ['PND-SHARED-0002', 'PND-SHARED-0003', 'OP-SHARED-0004'];
    const subject = (name: string) => ({
      type: 'OCG',
      name,
      existingRef,
      nominals: [
        { identifier: principal, role: 'PRINCIPAL' },
        { identifier: associate, role: 'ASSOCIATE' },
      ],
    });
    const first = await submit({ subject: subject('Op Three') });
    const kent = await stack.token(['FORCE_REFERRER'], 'KENT');
    const second = await stack.http.post<{ id: string }>(
      '/referrals',
      referralBody({ forcesAffected: ['KENT'], subject: subject('Op Four') }),
      kent,
    );
    expect(second.status).toBe(201);
    // Three links, one per match, each way...
    expect((await detail(first.id)).body.deconfliction).toHaveLength(3);
    // ...and one notice to each team.
    const { rows } = await stack.db.query<{ recipient_org: string; matches: unknown }>(
      `SELECT recipient_org, payload->'matches' AS matches FROM notifications
        WHERE kind = 'DECONFLICTION' AND payload->'referralIds' ? $1 ORDER BY recipient_org`,
      [second.body.id],
    );
    expect(rows.map((row) => row.recipient_org)).toEqual(['ERSOU', 'YHROCU']);
    expect(rows[0].matches).toEqual(
      expect.arrayContaining([
        { basis: 'SUBJECT_REF', matched: existingRef },
        { basis: 'NOMINAL', matched: principal },
        { basis: 'NOMINAL', matched: associate },
      ]),
    );
  });

  it('lists referrals per visibility with filters, sorting and pagination', async () => {
    const sypReferrer = await stack.token(['FORCE_REFERRER'], 'SYP');
    const own = await stack.http.post<{ id: string }>('/referrals', referralBody({ urgency: 'PRIORITY' }), sypReferrer);
    expect(own.status).toBe(201);

    const sypList = await stack.http.get<{ items: { id: string; ownerOrg: string }[]; total: number }>(
      '/referrals',
      sypReferrer,
    );
    expect(sypList.body.items.map((item) => item.id)).toEqual([own.body.id]);
    expect(sypList.body.total).toBe(1);

    const regional = await stack.http.get<{
      items: { ownerOrg: string; urgency: string }[];
      total: number;
      page: number;
      pageSize: number;
    }>('/referrals?urgency=PRIORITY&pageSize=5', assessor);
    expect(regional.body).toMatchObject({ page: 1, pageSize: 5 });
    expect(regional.body.items.length).toBeGreaterThan(0);
    expect(regional.body.items.every((item) => item.urgency === 'PRIORITY')).toBe(true);

    const toTriage = await stack.http.get<{ items: { status: string }[]; total: number }>(
      '/referrals?status=SUBMITTED,TRIAGE&pageSize=200',
      assessor,
    );
    const statuses = new Set(toTriage.body.items.map((item) => item.status));
    expect(statuses.has('SUBMITTED')).toBe(true);
    expect([...statuses].every((status) => status === 'SUBMITTED' || status === 'TRIAGE')).toBe(true);
    const submittedOnly = await stack.http.get<{ total: number }>('/referrals?status=SUBMITTED', assessor);
    const inTriage = await stack.http.get<{ total: number }>('/referrals?status=TRIAGE', assessor);
    expect(toTriage.body.total).toBe(submittedOnly.body.total + inTriage.body.total);

    const everything = await stack.http.get<{ items: { nextDeadlineAt: string | null }[]; total: number }>(
      '/referrals?pageSize=200',
      assessor,
    );
    expect(everything.status).toBe(200);
    const deadlines = everything.body.items
      .map((item) => item.nextDeadlineAt)
      .filter((value): value is string => value !== null);
    // Several referrals still have a deadline to meet, so the order is something to check.
    expect(deadlines.length).toBeGreaterThan(1);
    expect(deadlines).toEqual([...deadlines].sort());

    const firstPage = await stack.http.get<{ items: { id: string }[] }>(
      '/referrals?pageSize=2&page=1&sort=submittedAt',
      assessor,
    );
    const secondPage = await stack.http.get<{ items: { id: string }[] }>(
      '/referrals?pageSize=2&page=2&sort=submittedAt',
      assessor,
    );
    expect(firstPage.body.items).toHaveLength(2);
    expect(secondPage.body.items.length).toBeGreaterThan(0);
    expect(secondPage.body.items.map((item) => item.id)).not.toContain(firstPage.body.items[0].id);

    const search = await stack.http.get<{ items: { subjectName: string }[] }>(
      '/referrals?q=op%20two',
      await stack.token(['GATEWAY_ASSESSOR'], 'ERSOU'),
    );
    expect(search.status).toBe(200);
    expect(search.body.items.map((item) => item.subjectName)).toEqual(['Op Two']);

    const badQuery = await stack.http.get('/referrals?pageSize=500&sort=name&status=NOPE', assessor);
    expect(badQuery.status).toBe(400);
    expect((badQuery.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'pageSize',
      'sort',
      'status',
    ]);
  });

  // Last in the file: it moves the national sequence on for every later submission.
  it('keeps references unique past the millionth referral, with as many digits as the number needs', async () => {
    await stack.db.query(`SELECT setval('referral_reference_seq', 999998)`);
    const submitted = [await submit(), await submit(), await submit()];
    expect(submitted.map((referral) => referral.reference.replace(/^YHROCU-\d{4}-/, ''))).toEqual([
      '999999',
      '1000000',
      '1000001',
    ]);
    const shown = await detail(submitted[1].id);
    expect(shown.status).toBe(200);
    expect(shown.body.reference).toBe(submitted[1].reference);
  });
});
