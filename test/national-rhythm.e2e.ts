import { frozenMeeting } from './support/meeting-fixtures';
import { ncaScore, taskingBody } from './support/national-fixtures';
import { eventually, meetingBody, referralBody, workedExampleAssessment } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { ok } from './support/tasking-fixtures';

interface Problem {
  status: number;
  errors?: { field: string; code: string }[];
}
interface MinutesItem {
  reference: string;
  decision: string | null;
  nationalPriority?: string;
  origin?: string;
  declineJustification?: string;
}
interface AgendaItem {
  referralId: string;
  reference: string;
  nationalPriority?: string;
  origin?: string;
}
interface ReportRow {
  region: string;
  nationalPriority: string;
  awaitingDecision: number;
  adopted: number;
  declined: number;
}
interface Report {
  rows: ReportRow[];
  declines: { referralId: string; nationalPriority: string; declineJustification: string; region: string }[];
}
interface CalendarEntry {
  id?: string;
  region: string;
  type: string;
  scheduledFor: string;
}

/** The chair and two of YHROCU's four forces: quorate. */
const QUORUM = [
  { sub: 'chair-rhythm', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [] },
  { sub: 'member-wyp', name: 'DCI WYP', org: 'WYP', conflicts: [] },
  { sub: 'member-syp', name: 'DCI SYP', org: 'SYP', conflicts: [] },
];

/** Issue 16: NCA tasking requests against national priorities, and the national calendar and report. */
describe('national rhythm: NCA tasking requests, the national calendar and report', () => {
  let stack: Stack;
  let nca: string;
  let chair: string;

  beforeAll(async () => {
    stack = await Stack.start();
    nca = await stack.token(['NCA_LIAISON'], 'NCA', 'nca-liaison');
    chair = await stack.token(['TTCG_CHAIR'], 'YHROCU', 'chair-rhythm');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const referralCount = async (): Promise<number> =>
    (await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM referrals')).rows[0].n;
  const fields = (problem: Problem): string[] => (problem.errors ?? []).map((error) => error.field).sort();

  it('lets everyone read the national priorities and only the NCA add and retire them', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const listed = await ok(
      'priorities',
      stack.http.get<{ items: { code: string; retiredAt: string | null }[] }>('/national/priorities', referrer),
    );
    expect(listed.items.map((item) => item.code)).toContain('FIREARMS');

    const bad = await stack.http.post<Problem>('/national/priorities', { code: 'lower case', title: ' ' }, nca);
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['code', 'title']);
    expect((await stack.http.post('/national/priorities', { code: 'ARMS', title: 'Arms' }, chair)).status).toBe(403);

    const created = await stack.http.post<{ code: string; retiredAt: string | null }>(
      '/national/priorities',
      { code: 'KIDNAP', title: 'Kidnap and extortion' },
      nca,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'KIDNAP', retiredAt: null });
    expect((await stack.http.post('/national/priorities', { code: 'KIDNAP', title: 'Again' }, nca)).status).toBe(409);

    const retired = await ok(
      'retire',
      stack.http.post<{ retiredAt: string | null }>('/national/priorities/KIDNAP/retirement', {}, nca),
    );
    expect(retired.retiredAt).not.toBeNull();
    expect((await stack.http.post('/national/priorities/NO_SUCH/retirement', {}, nca)).status).toBe(404);
    // A code no priority could have (a NUL, lower case) is simply not found: it never reaches the database.
    for (const code of ['%00', 'kidnap', 'K'])
      expect({
        code,
        status: (await stack.http.post(`/national/priorities/${code}/retirement`, {}, nca)).status,
      }).toEqual({
        code,
        status: 404,
      });

    // A request against a retired priority is a bad field; nothing is kept.
    const before = await referralCount();
    const against = await stack.http.post<Problem>(
      '/national/tasking-requests',
      taskingBody({ nationalPriority: 'KIDNAP' }),
      nca,
    );
    expect(against.status).toBe(400);
    expect(fields(against.body)).toEqual(['nationalPriority']);
    expect(await referralCount()).toBe(before);
  });

  it('adds a priority once under one Idempotency-Key, sent at once or again after its answer was lost', async () => {
    const body = { code: 'KEYED_PRIORITY', title: 'Sent under a key' };
    const keyed: Record<string, string> = { 'Idempotency-Key': `priority-${Date.now()}` };
    const add = (sent: object = body, headers = keyed, token = nca) =>
      stack.http.post<{ code: string; title: string } & Problem>('/national/priorities', sent, token, headers);
    const [first, second] = await Promise.all([add(), add()]);
    expect(first).toMatchObject({ status: 201, body });
    expect(second).toMatchObject({ status: 201, body: first.body });
    const forgotten = await stack.db.query(
      `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'national-priority:priority-%'`,
    );
    expect(forgotten.rowCount).toBe(1);
    expect(await add()).toMatchObject({ status: 201, body: first.body });
    // Without the key, or from another liaison with the same key, the code is taken.
    expect((await add(body, {})).body.code).toBe('ALREADY_EXISTS');
    const otherLiaison = await stack.token(['NCA_LIAISON'], 'NCA', 'another-liaison');
    expect((await add(body, keyed, otherLiaison)).body.code).toBe('ALREADY_EXISTS');
    expect((await add({ ...body, title: 'Changed' })).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Refused by what the key made, even with its outcome lost: another code under it adds nothing.
    await stack.db.query(`UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'national-priority:priority-%'`);
    const otherCode = await add({ code: 'KEYED_OTHER', title: 'Another' });
    expect(otherCode.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'NATIONAL_PRIORITY_CREATED' AND entity_id = ANY($1)`,
      [[body.code, 'KEYED_OTHER']],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a tasking request naming every bad field (400, nothing kept), and from anyone but the NCA (403)', async () => {
    const before = await referralCount();
    const { region: _region, nationalPriority: _priority, ...withoutThem } = taskingBody();
    const refused = await stack.http.post<Problem>(
      '/national/tasking-requests',
      { ...withoutThem, assessment: { ...ncaScore(), likelihood: 9 } },
      nca,
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(fields(refused.body)).toEqual(['assessment.likelihood', 'nationalPriority', 'region']);
    const hmrc = await stack.token(['FORCE_REFERRER'], 'HMRC');
    expect((await stack.http.post('/national/tasking-requests', taskingBody(), hmrc)).status).toBe(403);
    expect(await referralCount()).toBe(before);
  });

  it('refuses to decline a tasking request outside a meeting: no urgent decline, no return to force by assessment', async () => {
    const request = await ok(
      'IMMEDIATE request',
      stack.http.post<{ id: string }>('/national/tasking-requests', taskingBody({ threatToLife: true }), nca),
    );
    const urgent = await stack.http.post<Problem & { code: string; detail: string }>(
      `/referrals/${request.id}/urgent-decision`,
      { decision: 'DECLINE_RETURN_TO_FORCE', rationale: 'No capacity' },
      chair,
    );
    expect(urgent.status).toBe(422);
    expect(urgent.body).toMatchObject({ code: 'BUSINESS_RULE', detail: expect.stringContaining('only by a meeting') });
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const returned = await stack.http.post<Problem & { code: string }>(
      `/referrals/${request.id}/assessment`,
      workedExampleAssessment({ route: 'RETURN_TO_FORCE' }),
      assessor,
    );
    expect({ status: returned.status, code: returned.body.code, fields: fields(returned.body) }).toEqual({
      status: 422,
      code: 'BUSINESS_RULE',
      fields: ['route'],
    });
    // The ROCU manager was told of it at once, with no triage time (it has no triage).
    const { rows: told } = await stack.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM notifications WHERE referral_id = $1 AND kind = 'IMMEDIATE_REFERRAL'`,
      [request.id],
    );
    expect(told).toEqual([{ payload: { urgency: 'IMMEDIATE', urgencyReason: 'THREAT_TO_LIFE' } }]);
    // Nothing was recorded: it still awaits a meeting's decision.
    const detail = await ok(
      'detail',
      stack.http.get<{ status: string; history: unknown[] }>(`/referrals/${request.id}`, nca),
    );
    expect(detail).toMatchObject({ status: 'AWAITING_DECISION', history: [expect.anything(), expect.anything()] });
    // Withdrawn, so the next meeting's agenda and the report below are as they were.
    await ok('withdraw', stack.http.post(`/referrals/${request.id}/withdraw`, { reason: 'Test done' }, nca));
  });

  it('puts a tasking request straight on the next TTCG, flagged national; a decline needs a justification and is reported', async () => {
    const request = await stack.http.post<{ id: string; status: string; region: string }>(
      '/national/tasking-requests',
      taskingBody(),
      nca,
    );
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ status: 'AWAITING_DECISION', region: 'YHROCU' });
    const { id } = request.body;
    const detail = await ok(
      'NCA detail',
      stack.http.get<{ origin: string; nationalPriority: string; history: { to: string; action: string }[] }>(
        `/referrals/${id}`,
        nca,
      ),
    );
    expect(detail).toMatchObject({ origin: 'NCA_TASKING', nationalPriority: 'FIREARMS' });
    expect(detail.history.map((entry) => `${entry.action}:${entry.to}`)).toEqual([
      'SUBMIT:SUBMITTED',
      'NATIONAL_TASKING:AWAITING_DECISION',
    ]);
    // Another region's request, still awaiting its TTCG, counts in that region's row.
    await ok(
      'ERSOU request',
      stack.http.post('/national/tasking-requests', taskingBody({ region: 'ERSOU', forcesAffected: ['KENT'] }), nca),
    );
    // An ordinary referral on the same agenda carries no national flag.
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const ordinary = await ok('submit', stack.http.post<{ id: string }>('/referrals', referralBody(), referrer));
    await ok(
      'triage',
      stack.http.post(`/referrals/${ordinary.id}/triage`, { decision: 'ACCEPT', reason: 'Ok' }, assessor),
    );
    await ok('assess', stack.http.post(`/referrals/${ordinary.id}/assessment`, workedExampleAssessment(), assessor));

    // The assessor aligns another ordinary referral to an active national priority; an unknown, retired or
    // malformed code is a 400 naming the field, and the referral stays in assessment.
    const aligned = await ok('submit', stack.http.post<{ id: string }>('/referrals', referralBody(), referrer));
    await ok(
      'triage',
      stack.http.post(`/referrals/${aligned.id}/triage`, { decision: 'ACCEPT', reason: 'Ok' }, assessor),
    );
    await ok('add', stack.http.post('/national/priorities', { code: 'ALIGN_RETIRED', title: 'Retired' }, nca));
    await ok('retire', stack.http.post('/national/priorities/ALIGN_RETIRED/retirement', {}, nca));
    for (const nationalPriority of ['NO_SUCH_PRIORITY', 'ALIGN_RETIRED', 'lower case']) {
      const refused = await stack.http.post<Problem>(
        `/referrals/${aligned.id}/assessment`,
        workedExampleAssessment({ nationalPriority }),
        assessor,
      );
      expect({ nationalPriority, status: refused.status, fields: fields(refused.body) }).toEqual({
        nationalPriority,
        status: 400,
        fields: ['nationalPriority'],
      });
    }
    await ok(
      'assess aligned',
      stack.http.post(
        `/referrals/${aligned.id}/assessment`,
        workedExampleAssessment({ nationalPriority: 'FIREARMS' }),
        assessor,
      ),
    );
    await eventually(async () => {
      const detail = await ok(
        'aligned detail',
        stack.http.get<{ status: string; origin: string; nationalPriority: string | null }>(
          `/referrals/${aligned.id}`,
          assessor,
        ),
      );
      expect(detail).toMatchObject({ status: 'AWAITING_DECISION', origin: 'REFERRAL', nationalPriority: 'FIREARMS' });
    });

    const meeting = await frozenMeeting(stack);
    const { agenda } = await ok('agenda', stack.http.get<{ agenda: AgendaItem[] }>(`/meetings/${meeting}`, chair));
    const national = agenda.find((item) => item.referralId === id);
    expect(national).toMatchObject({ nationalPriority: 'FIREARMS', origin: 'NCA_TASKING' });
    const local = agenda.find((item) => item.referralId === ordinary.id);
    expect(local).toBeDefined();
    expect(local?.nationalPriority).toBeUndefined();
    expect(local?.origin).toBeUndefined();
    const alignedItem = agenda.find((item) => item.referralId === aligned.id);
    expect(alignedItem).toMatchObject({ nationalPriority: 'FIREARMS' });
    expect(alignedItem?.origin).toBeUndefined();

    await ok('attendance', stack.http.post(`/meetings/${meeting}/attendance`, { attendees: QUORUM }, chair));
    const decline = { referralId: id, decision: 'DECLINE_RETURN_TO_FORCE', rationale: 'Outside our capability' };
    const unjustified = await stack.http.post<Problem>(`/meetings/${meeting}/decisions`, decline, chair);
    expect(unjustified.status).toBe(400);
    expect(fields(unjustified.body)).toEqual(['declineJustification']);
    expect((await ok('still awaiting', stack.http.get<{ status: string }>(`/referrals/${id}`, nca))).status).toBe(
      'AWAITING_DECISION',
    );
    // An ordinary referral is declined with its rationale alone.
    await ok(
      'ordinary decline',
      stack.http.post(
        `/meetings/${meeting}/decisions`,
        { referralId: ordinary.id, decision: 'DECLINE_RETURN_TO_FORCE', rationale: 'Force-level matter' },
        chair,
      ),
    );
    const justification = 'All surveillance teams committed to two P1 threats to life until March';
    await ok(
      'justified decline',
      stack.http.post(`/meetings/${meeting}/decisions`, { ...decline, declineJustification: justification }, chair),
    );
    expect((await ok('declined', stack.http.get<{ status: string }>(`/referrals/${id}`, nca))).status).toBe('DECLINED');
    await ok(
      'defer the aligned referral',
      stack.http.post(
        `/meetings/${meeting}/decisions`,
        { referralId: aligned.id, decision: 'DEFER', rationale: 'Awaiting the surveillance product' },
        chair,
      ),
    );

    // The minutes carry the national flags and the decline's justification, as JSON and printed.
    const minutes = await ok(
      'minutes',
      stack.http.get<{ items: MinutesItem[] }>(`/meetings/${meeting}/minutes`, chair),
    );
    const minuted = (referralId: string) =>
      minutes.items.find((item) => item.reference === agenda.find((each) => each.referralId === referralId)?.reference);
    expect(minuted(id)).toMatchObject({
      nationalPriority: 'FIREARMS',
      origin: 'NCA_TASKING',
      decision: 'DECLINE_RETURN_TO_FORCE',
      declineJustification: justification,
    });
    expect(minuted(aligned.id)).toMatchObject({ nationalPriority: 'FIREARMS', decision: 'DEFER' });
    expect(minuted(aligned.id)?.origin).toBeUndefined();
    expect(minuted(ordinary.id)).toMatchObject({ decision: 'DECLINE_RETURN_TO_FORCE' });
    expect(minuted(ordinary.id)?.nationalPriority).toBeUndefined();
    expect(minuted(ordinary.id)?.declineJustification).toBeUndefined();
    const printed = await fetch(`${stack.http.baseUrl}/meetings/${meeting}/minutes?format=html`, {
      headers: { authorization: `Bearer ${chair}` },
    });
    const page = await printed.text();
    expect(page).toContain('NCA tasking request, national priority FIREARMS');
    expect(page).toContain(`<strong>Decline justification:</strong> ${justification}`);

    const report = await ok('report', stack.http.get<Report>('/national/report', nca));
    const row = (region: string) =>
      report.rows.find((candidate) => candidate.region === region && candidate.nationalPriority === 'FIREARMS');
    expect(row('YHROCU')).toEqual({
      region: 'YHROCU',
      nationalPriority: 'FIREARMS',
      awaitingDecision: 1,
      adopted: 0,
      declined: 1,
    });
    expect(row('ERSOU')).toMatchObject({ awaitingDecision: 1, adopted: 0, declined: 0 });
    // Counts only: the ordinary referral declined at the same meeting is in no row, and the rows name no referral.
    expect(report.rows.reduce((sum, each) => sum + each.declined, 0)).toBe(1);
    expect(JSON.stringify(report.rows)).not.toContain(ordinary.id);
    expect(report.declines).toEqual([
      expect.objectContaining({
        referralId: id,
        meetingId: meeting,
        region: 'YHROCU',
        nationalPriority: 'FIREARMS',
        declineJustification: justification,
      }),
    ]);
    expect((await stack.http.get('/national/report', chair)).status).toBe(403);
  });

  it("lists every region's meetings on the national calendar, covert ones without their detail", async () => {
    const ersouChair = await stack.token(['TTCG_CHAIR'], 'ERSOU');
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const yh = await ok(
      'YHROCU TTCG',
      stack.http.post<{ id: string }>(
        '/meetings',
        { region: 'YHROCU', type: 'TTCG', scheduledFor: inDays(10), papersCloseAt: inDays(5) },
        chair,
      ),
    );
    const ersou = await ok(
      'ERSOU TTCG',
      stack.http.post<{ id: string }>(
        '/meetings',
        { region: 'ERSOU', type: 'TTCG', scheduledFor: inDays(11), papersCloseAt: inDays(6) },
        ersouChair,
      ),
    );
    const covert = await ok(
      'YHROCU covert',
      stack.http.post<{ id: string }>(
        '/meetings',
        { region: 'YHROCU', type: 'COVERT_COMMISSIONING', scheduledFor: inDays(12), papersCloseAt: inDays(7) },
        chair,
      ),
    );
    const calendar = await eventually(async () => {
      const listed = await ok(
        'calendar',
        stack.http.get<{ items: CalendarEntry[] }>(`/national/calendar?from=${inDays(9)}&to=${inDays(13)}`, nca),
      );
      if (!listed.items.some((item) => item.type === 'COVERT_COMMISSIONING')) throw new Error('no covert yet');
      return listed;
    });
    const ids = calendar.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([yh.id, ersou.id]));
    expect(calendar.items.map((item) => item.region)).toEqual(expect.arrayContaining(['YHROCU', 'ERSOU']));
    const covertEntries = calendar.items.filter((item) => item.type === 'COVERT_COMMISSIONING');
    expect(covertEntries.length).toBeGreaterThan(0);
    for (const entry of covertEntries) expect(Object.keys(entry).sort()).toEqual(['region', 'scheduledFor', 'type']);
    expect(JSON.stringify(calendar)).not.toContain(covert.id);
    // Soonest first.
    const times = calendar.items.map((item) => item.scheduledFor);
    expect(times).toEqual([...times].sort());

    const badWindow = await stack.http.get<Problem>(`/national/calendar?from=${inDays(5)}&to=${inDays(1)}`, nca);
    expect(badWindow.status).toBe(400);
    expect(fields(badWindow.body)).toEqual(['to']);
    // Instants as the contract has them (RFC 3339 with a zone); other ISO 8601 forms are named, never a 500.
    for (const from of ['2026-W05', '2026-335', '20261201', '2026-12-01T10:00']) {
      const odd = await stack.http.get<Problem>(`/national/calendar?from=${from}&to=${inDays(1)}`, nca);
      expect({ from, status: odd.status, fields: fields(odd.body) }).toEqual({ from, status: 400, fields: ['from'] });
    }
    // The default window's end (180 days on) stops at the end of year 9999, which Postgres reads; it was a 500.
    const lastYear = await stack.http.get<{ to: string; items: unknown[] }>(
      '/national/calendar?from=9999-12-31T00:00:00Z',
      nca,
    );
    expect({ status: lastYear.status, to: lastYear.body.to, items: lastYear.body.items }).toEqual({
      status: 200,
      to: '9999-12-31T23:59:59.999Z',
      items: [],
    });
    const pastLastYear = await stack.http.get<Problem>(
      `/national/calendar?from=${encodeURIComponent('9999-12-31T23:00:00-15:00')}`,
      nca,
    );
    expect({ status: pastLastYear.status, fields: fields(pastLastYear.body) }).toEqual({
      status: 400,
      fields: ['from'],
    });
    expect((await stack.http.get('/national/calendar', chair)).status).toBe(403);
  });

  it("reports a covert commissioning meeting's decline of a tasking request without the meeting's id", async () => {
    const request = await ok(
      'request',
      stack.http.post<{ id: string }>('/national/tasking-requests', taskingBody({ nationalPriority: 'CYBER' }), nca),
    );
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const covertRoute = workedExampleAssessment({ route: 'COVERT_COMMISSIONING' });
    await ok('route covert', stack.http.post(`/referrals/${request.id}/assessment`, covertRoute, assessor));
    const covert = await ok(
      'covert meeting',
      stack.http.post<{ id: string }>(
        '/meetings',
        { ...meetingBody(0, 30 * 60_000), type: 'COVERT_COMMISSIONING' },
        chair,
      ),
    );
    await eventually(async () => {
      const meeting = await ok(
        'frozen',
        stack.http.get<{ agendaFrozen: boolean; agenda: AgendaItem[] }>(`/meetings/${covert.id}`, chair),
      );
      expect(meeting.agendaFrozen).toBe(true);
      expect(meeting.agenda.map((item) => item.referralId)).toContain(request.id);
    });
    await ok('attendance', stack.http.post(`/meetings/${covert.id}/attendance`, { attendees: QUORUM }, chair));
    const justification = 'No covert capacity until the spring';
    await ok(
      'covert decline',
      stack.http.post(
        `/meetings/${covert.id}/decisions`,
        {
          referralId: request.id,
          decision: 'DECLINE_RETURN_TO_FORCE',
          rationale: 'Capacity',
          declineJustification: justification,
        },
        chair,
      ),
    );
    const report = await ok(
      'report',
      stack.http.get<Report & { declines: { meetingId: string | null }[] }>('/national/report', nca),
    );
    const decline = report.declines.find((each) => each.referralId === request.id);
    // The NCA reads why and when, not which covert meeting (its id is the way to its agenda).
    expect(decline).toMatchObject({ declineJustification: justification, meetingId: null });
    expect(JSON.stringify(report)).not.toContain(covert.id);
  });
});
