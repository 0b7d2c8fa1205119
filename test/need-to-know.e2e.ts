import { Stack } from './support/stack';
import { eventually, referralBody } from './support/referral-fixtures';
import { partialRequest } from './support/raw-http';

interface Detail {
  submission: { summary?: string; intelligence?: unknown[]; subject: { name: string } };
  withheld?: { fields: string[]; howToAccess: string };
  information: { kind: string; text?: string }[];
  errors?: { field: string }[];
}

describe('need-to-know for OFFICIAL-SENSITIVE detail, and unusual access', () => {
  let stack: Stack;
  let referrer: string;
  let auditor: string;

  beforeAll(async () => {
    stack = await Stack.start();
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP', 'referrer-ntk');
    auditor = await stack.token(['AUDITOR'], 'YHROCU');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const read = (id: string, token: string, justification?: string) =>
    stack.http.request<Detail>('GET', `/referrals/${id}`, {
      token,
      headers: justification ? { 'X-Access-Justification': justification } : {},
    });

  it('withholds sensitive detail until a justification is given, and audits it with the read', async () => {
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU', 'assessor-ntk');

    const withheld = await read(id, assessor);
    expect(withheld.status).toBe(200);
    expect(withheld.body.submission.summary).toBeUndefined();
    expect(withheld.body.submission.intelligence).toBeUndefined();
    expect(withheld.body.submission.subject.name).toBe('Operation Kestrel');
    expect(withheld.body.withheld?.fields).toEqual([
      'submission.summary',
      'submission.intelligence',
      'information[kind=RESPONSE].text',
    ]);
    expect(withheld.body.withheld?.howToAccess).toContain('X-Access-Justification');

    expect((await read(id, assessor, 'short')).body.withheld).toBeDefined();
    // Issue 13: length alone is no justification: dots, invisible characters and one long word unlock nothing.
    // (Header values travel as bytes: the invisible characters go as their UTF-8, as a client would send them.)
    const utf8 = (text: string) => Buffer.from(text).toString('latin1');
    for (const token of [
      '..........',
      utf8('\u200B'.repeat(10)),
      'xxxxxxxxxxxxxxxx',
      utf8('Triage \u202Eof this one'),
    ]) {
      expect({ token, withheld: (await read(id, assessor, token)).body.withheld !== undefined }).toEqual({
        token,
        withheld: true,
      });
    }
    // Two headers would be joined into one longer justification: refused.
    const { hostname, port } = new URL(stack.http.baseUrl);
    const doubled = await partialRequest(
      stack.http.baseUrl,
      `GET /api/v1/referrals/${id} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${assessor}\r\n` +
        'X-Access-Justification: triage work\r\nX-Access-Justification: for the gateway\r\nConnection: close\r\n\r\n',
      5_000,
    );
    expect(doubled.status).toBe(400);
    expect(doubled.text).toContain('X-Access-Justification');
    // A reason a header cannot carry as typed comes as an RFC 8187 ext-value; one that does not decode is refused.
    const undecodable = await read(id, assessor, "UTF-8''I%E2%80m triaging it");
    expect({ status: undecodable.status, fields: undecodable.body.errors?.map((error) => error.field) }).toEqual({
      status: 400,
      fields: ['X-Access-Justification'],
    });

    const justified = await read(id, assessor, 'Triage of this referral for the gateway');
    expect(justified.body.withheld).toBeUndefined();
    expect(justified.body.submission.summary).toContain('firearms');
    expect(justified.body.submission.intelligence).toHaveLength(1);
    // Read as one line: its line breaks and padding are not part of it (nor of its length).
    const typed = await read(id, assessor, `UTF-8''${encodeURIComponent('I’m triaging this\n\n – for the gateway  ')}`);
    expect(typed.body.withheld).toBeUndefined();

    const trail = await stack.db.query<{ action: string; justification: string | null; withheld: boolean }>(
      `SELECT action, justification, details ? 'withheld' AS withheld FROM audit_log
        WHERE entity_id = $1 AND actor_sub = 'assessor-ntk' ORDER BY id`,
      [id],
    );
    // Every withheld read is audited; the justification is kept as it was stated, on one line.
    expect(trail.rows).toEqual([
      ...Array(6).fill({ action: 'REFERRAL_VIEWED', justification: null, withheld: true }),
      {
        action: 'REFERRAL_SENSITIVE_VIEWED',
        justification: 'Triage of this referral for the gateway',
        withheld: false,
      },
      { action: 'REFERRAL_SENSITIVE_VIEWED', justification: 'I’m triaging this – for the gateway', withheld: false },
    ]);
  });

  it("withholds the force's answers to the gateway's questions with the detail, and keeps the questions", async () => {
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU', 'assessor-answers');
    const question = 'Which nominals are linked to the firearms?';
    const answer = 'Both principals, seen with the weapons by a covert source.';
    const asked = await stack.http.post(
      `/referrals/${id}/triage`,
      { decision: 'REQUEST_INFO', reason: question },
      assessor,
    );
    expect(asked.status).toBe(200);
    const answered = await stack.http.post(`/referrals/${id}/information`, { response: answer }, referrer);
    expect(answered.status).toBe(200);

    const exchange = async (token: string, justification?: string) => {
      const response = await read(id, token, justification);
      expect(response.status).toBe(200);
      return response.body.information;
    };
    const withheld = [{ kind: 'REQUEST', text: question }, { kind: 'RESPONSE' }];
    // Whoever reads without a reason, the gateway or the force that answered, sees the question only.
    expect(await exchange(assessor)).toEqual(withheld.map((entry) => expect.objectContaining(entry)));
    expect((await exchange(assessor)).map((entry) => 'text' in entry)).toEqual([true, false]);
    expect((await exchange(referrer)).map((entry) => 'text' in entry)).toEqual([true, false]);
    expect(await exchange(assessor, 'Assessing the answer for the gateway')).toEqual([
      expect.objectContaining({ kind: 'REQUEST', text: question }),
      expect.objectContaining({ kind: 'RESPONSE', text: answer }),
    ]);

    const trail = await stack.db.query<{ withheld: string[] | null }>(
      `SELECT details->'withheld' AS withheld FROM audit_log WHERE entity_id = $1 AND actor_sub = 'assessor-answers'
          AND action IN ('REFERRAL_VIEWED', 'REFERRAL_SENSITIVE_VIEWED') ORDER BY id`,
      [id],
    );
    const fields = ['submission.summary', 'submission.intelligence', 'information[kind=RESPONSE].text'];
    expect(trail.rows.map((row) => row.withheld)).toEqual([fields, fields, null]);
  });

  it('shows OFFICIAL referrals in full without a justification', async () => {
    const submitted = await stack.http.post<{ id: string }>(
      '/referrals',
      referralBody({ classification: 'OFFICIAL' }),
      referrer,
    );
    expect(submitted.status).toBe(201);
    const detail = await read(submitted.body.id, referrer);
    expect(detail.body.withheld).toBeUndefined();
    expect(detail.body.submission.summary).toContain('firearms');
  });

  it('reports repeated refusals to auditors as unusual access', async () => {
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const prober = await stack.token(['FORCE_REFERRER'], 'KENT', 'prober-1');
    for (let attempt = 0; attempt < 5; attempt++) expect((await read(submitted.body.id, prober)).status).toBe(404);

    const report = await eventually(async () => {
      const response = await stack.http.get<{ items: { actorSub: string; refusals: number; flags: string[] }[] }>(
        '/audit/anomalies?days=1',
        auditor,
      );
      expect(response.body.items.map((item) => item.actorSub)).toContain('prober-1');
      return response.body;
    });
    expect(report.items.find((item) => item.actorSub === 'prober-1')).toMatchObject({
      refusals: 5,
      flags: ['REPEATED_REFUSALS'],
    });
    expect(report.items.map((item) => item.actorSub)).not.toContain('referrer-ntk');
    expect((await stack.http.get('/audit/anomalies', referrer)).status).toBe(403);
  });
});
