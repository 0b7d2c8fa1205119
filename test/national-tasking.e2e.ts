import { assessedReferral, frozenMeeting } from './support/meeting-fixtures';
import { referralBody, workedExampleAssessment } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { ok } from './support/tasking-fixtures';

interface Submitted {
  id: string;
  reference: string;
  status: string;
  region: string;
  deadlines: { stage: string; dueAt: string }[];
}
interface Problem {
  type: string;
  status: number;
  errors?: { field: string; code: string }[];
}
interface Detail {
  status: string;
  region: string;
  history: { to: string; action: string }[];
  availableActions: string[];
}

/** Issue 16: partner agencies refer to a region's gateway, with the intake, scoring and deadlines of forces. */
describe('national tasking: partner agencies refer', () => {
  let stack: Stack;
  let hmrc: string;
  let assessor: string;
  let chair: string;

  beforeAll(async () => {
    stack = await Stack.start();
    hmrc = await stack.token(['FORCE_REFERRER'], 'HMRC', 'hmrc-referrer');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    chair = await stack.token(['TTCG_CHAIR'], 'YHROCU', 'chair-national');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const referralCount = async (): Promise<number> =>
    (await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM referrals')).rows[0].n;

  it('takes an HMRC referral to the region it chose, and through triage, scoring and a TTCG to adoption', async () => {
    // London's forces have no ROCU: the chosen region decides, not the forces affected.
    const submitted = await stack.http.post<Submitted>(
      '/referrals',
      referralBody({ forcesAffected: ['MPS', 'WYP'], region: 'YHROCU', crimeTypes: ['MONEY_LAUNDERING'] }),
      hmrc,
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', region: 'YHROCU' });
    expect(submitted.body.deadlines.map((deadline) => deadline.stage)).toContain('TRIAGE');
    const { id } = submitted.body;

    // HMRC sees its own referral as a force does; a force does not see it.
    const own = await ok('HMRC detail', stack.http.get<Detail>(`/referrals/${id}`, hmrc));
    expect(own.availableActions).toEqual(['WITHDRAW']);
    const listed = await ok('HMRC list', stack.http.get<{ items: { id: string }[] }>('/referrals', hmrc));
    expect(listed.items.map((item) => item.id)).toEqual([id]);
    const wyp = await stack.token(['FORCE_REFERRER'], 'WYP');
    expect((await stack.http.get(`/referrals/${id}`, wyp)).status).toBe(404);
    // Another agency does not see it either.
    const borderForce = await stack.token(['FORCE_REFERRER'], 'BORDER_FORCE');
    expect((await stack.http.get(`/referrals/${id}`, borderForce)).status).toBe(404);

    await ok(
      'triage',
      stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'In scope' }, assessor),
    );
    const score = await ok(
      'assess',
      stack.http.post<{ priority: string }>(`/referrals/${id}/assessment`, workedExampleAssessment(), assessor),
    );
    expect(score.priority).toBe('P2');

    const meeting = await frozenMeeting(stack);
    const agenda = await ok(
      'agenda',
      stack.http.get<{ agenda: { referralId: string }[] }>(`/meetings/${meeting}`, chair),
    );
    expect(agenda.agenda.map((item) => item.referralId)).toContain(id);
    await ok(
      'attendance',
      stack.http.post(
        `/meetings/${meeting}/attendance`,
        {
          attendees: [
            { sub: 'chair-national', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [] },
            { sub: 'member-wyp', name: 'DCI WYP', org: 'WYP', conflicts: [] },
            { sub: 'member-syp', name: 'DCI SYP', org: 'SYP', conflicts: [] },
            { sub: 'member-hmrc', name: 'HMRC liaison', org: 'HMRC', conflicts: [] },
          ],
        },
        chair,
      ),
    );
    await ok(
      'adopt',
      stack.http.post(
        `/meetings/${meeting}/decisions`,
        { referralId: id, decision: 'ADOPT_ROCU_LEAD', rationale: 'Necessary and proportionate: laundering network' },
        chair,
      ),
    );
    const adopted = await ok('HMRC detail after adoption', stack.http.get<Detail>(`/referrals/${id}`, hmrc));
    expect(adopted.status).toBe('ADOPTED');
    expect(adopted.history.map((entry) => entry.to)).toEqual([
      'SUBMITTED',
      'ASSESSMENT',
      'AWAITING_DECISION',
      'ADOPTED',
    ]);
  });

  it('routes an agency referral without a region by the forces affected, and an NCA liaison refers too', async () => {
    const nca = await stack.token(['NCA_LIAISON'], 'NCA', 'nca-liaison');
    const submitted = await ok(
      'NCA submit',
      stack.http.post<Submitted>('/referrals', referralBody({ forcesAffected: ['BTP', 'KENT'] }), nca),
    );
    expect(submitted.region).toBe('ERSOU');
    const detail = await ok('NCA detail', stack.http.get<Detail>(`/referrals/${submitted.id}`, nca));
    expect(detail.availableActions).toEqual(['WITHDRAW']);
    const withdrawn = await ok(
      'NCA withdraws',
      stack.http.post<{ status: string }>(
        `/referrals/${submitted.id}/withdraw`,
        { reason: 'Taken on nationally' },
        nca,
      ),
    );
    expect(withdrawn.status).toBe('WITHDRAWN');
  });

  it('refuses (400, nothing kept) an agency referral with no region and no force a region can be derived from', async () => {
    const before = await referralCount();
    const refused = await stack.http.post<Problem>(
      '/referrals',
      referralBody({ forcesAffected: ['BTP', 'MPS'] }),
      await stack.token(['FORCE_REFERRER'], 'IMMIGRATION_ENFORCEMENT'),
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors?.map((error) => error.field).sort()).toEqual(['forcesAffected', 'region']);
    expect(await referralCount()).toBe(before);
  });

  it("refuses a force naming its region (400) and a region without a ROCU (400); a force's NCA route stays 422", async () => {
    const before = await referralCount();
    const wyp = await stack.token(['FORCE_REFERRER'], 'WYP');
    const forceChoosing = await stack.http.post<Problem>('/referrals', referralBody({ region: 'ERSOU' }), wyp);
    expect(forceChoosing.status).toBe(400);
    expect(forceChoosing.body.errors?.map((error) => error.field)).toEqual(['region']);
    const london = await stack.http.post<Problem>('/referrals', referralBody({ region: 'LONDON' }), hmrc);
    expect(london.status).toBe(400);
    expect(london.body.errors?.map((error) => error.field)).toEqual(['region']);
    const colp = await stack.token(['FORCE_REFERRER'], 'COLP');
    expect((await stack.http.post('/referrals', referralBody({ forcesAffected: ['COLP'] }), colp)).status).toBe(422);
    expect(await referralCount()).toBe(before);
  });
});

interface PartnerCheckView {
  agency: string;
  requestedOn: string;
  result: string;
  reference?: string;
  checkedOn: string;
  recordedBy: { sub: string; name: string };
}

/** Issue 16: the GAIN co-ordinator's partner-agency checks and disposals. */
describe('national tasking: GAIN partner checks', () => {
  let stack: Stack;
  let referrer: string;
  let assessor: string;
  let gain: string;

  const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const hit = {
    agency: 'HMRC',
    requestedOn: daysAgo(3),
    result: 'HIT',
    reference: 'HMRC-CI-0042',
    checkedOn: daysAgo(1),
  };

  beforeAll(async () => {
    stack = await Stack.start();
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    gain = await stack.token(['GAIN_COORDINATOR'], 'YHROCU', 'gain-yhrocu');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const inAssessment = async (): Promise<string> => {
    const { id } = await ok('submit', stack.http.post<{ id: string }>('/referrals', referralBody(), referrer));
    await ok(
      'triage',
      stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'In scope' }, assessor),
    );
    return id;
  };
  const checksSeenBy = async (id: string, token: string): Promise<PartnerCheckView[] | undefined> =>
    (await ok('detail', stack.http.get<{ partnerChecks?: PartnerCheckView[] }>(`/referrals/${id}`, token)))
      .partnerChecks;

  it('records checks during assessment and after, shows them to the gateway and on the agenda, not to the referrer', async () => {
    const id = await inAssessment();
    const recorded = await stack.http.post<{ status: string }>(`/referrals/${id}/partner-checks`, hit, gain);
    expect(recorded.status).toBe(201);
    expect(recorded.body.status).toBe('ASSESSMENT');
    await ok('assess', stack.http.post(`/referrals/${id}/assessment`, workedExampleAssessment(), assessor));
    const noHit = { agency: 'BORDER_FORCE', requestedOn: daysAgo(1), result: 'NO_HIT', checkedOn: daysAgo(0) };
    expect((await stack.http.post(`/referrals/${id}/partner-checks`, noHit, gain)).status).toBe(201);

    const seen = await checksSeenBy(id, assessor);
    expect(seen?.map(({ agency, result, reference }) => ({ agency, result, reference }))).toEqual([
      { agency: 'HMRC', result: 'HIT', reference: 'HMRC-CI-0042' },
      { agency: 'BORDER_FORCE', result: 'NO_HIT', reference: undefined },
    ]);
    expect(seen?.[0]).toMatchObject({
      requestedOn: hit.requestedOn,
      checkedOn: hit.checkedOn,
      recordedBy: { sub: 'gain-yhrocu' },
    });
    expect(await checksSeenBy(id, referrer)).toBeUndefined();

    const meeting = await frozenMeeting(stack);
    const chair = await stack.token(['TTCG_CHAIR'], 'YHROCU');
    const { agenda } = await ok(
      'agenda',
      stack.http.get<{ agenda: { referralId: string; partnerChecks: PartnerCheckView[] }[] }>(
        `/meetings/${meeting}`,
        chair,
      ),
    );
    const item = agenda.find((entry) => entry.referralId === id);
    expect(item?.partnerChecks.map((check) => `${check.agency}:${check.result}`)).toEqual([
      'HMRC:HIT',
      'BORDER_FORCE:NO_HIT',
    ]);
  });

  it('refuses a bad check with 400 naming each field, and keeps it from those who may not record or see it', async () => {
    const id = await inAssessment();
    const refused = await stack.http.post<Problem>(
      `/referrals/${id}/partner-checks`,
      { ...hit, reference: undefined, checkedOn: daysAgo(5) },
      gain,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field).sort()).toEqual(['checkedOn', 'reference']);
    const notAgency = await stack.http.post<Problem>(
      `/referrals/${id}/partner-checks`,
      { ...hit, agency: 'WYP' },
      gain,
    );
    expect(notAgency.status).toBe(400);
    expect(notAgency.body.errors?.map((error) => error.field)).toEqual(['agency']);

    expect((await stack.http.post(`/referrals/${id}/partner-checks`, hit, assessor)).status).toBe(403);
    const otherGain = await stack.token(['GAIN_COORDINATOR'], 'ERSOU');
    expect((await stack.http.post(`/referrals/${id}/partner-checks`, hit, otherGain)).status).toBe(404);
    expect(await checksSeenBy(id, assessor)).toEqual([]);
  });

  it("disposes of a referral to a partner with the partner's reference: REFERRED_PARTNER, seen by the referrer", async () => {
    const id = await inAssessment();
    const disposed = await ok(
      'dispose',
      stack.http.post<{ status: string }>(
        `/referrals/${id}/partner-disposal`,
        { agency: 'HMRC', reference: 'HMRC-FIS-2026-117', rationale: 'Tax evasion at the core: HMRC leads' },
        gain,
      ),
    );
    expect(disposed.status).toBe('REFERRED_PARTNER');
    const seen = await ok(
      'referrer detail',
      stack.http.get<Detail & { onwardReference: string; disposedTo: string }>(`/referrals/${id}`, referrer),
    );
    expect(seen).toMatchObject({
      status: 'REFERRED_PARTNER',
      onwardReference: 'HMRC-FIS-2026-117',
      disposedTo: 'HMRC',
    });
    expect(seen.history.at(-1)).toMatchObject({ action: 'DISPOSE_TO_PARTNER', to: 'REFERRED_PARTNER' });
    const late = await stack.http.post<Problem & { state: string }>(`/referrals/${id}/partner-checks`, hit, gain);
    expect(late.status).toBe(409);
    expect(late.body.state).toBe('REFERRED_PARTNER');
  });
});

interface QueueItem {
  id: string;
  region: string;
  referredAt: string;
  responseDueAt: string;
  overdue: boolean;
}

/** Issue 16: the NCA's national queue. */
describe('national tasking: the national queue', () => {
  let stack: Stack;
  let chair: string;
  let nca: string;
  let assessor: string;

  beforeAll(async () => {
    stack = await Stack.start();
    chair = await stack.token(['TTCG_CHAIR'], 'YHROCU', 'chair-queue');
    nca = await stack.token(['NCA_LIAISON'], 'NCA', 'nca-queue');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const queue = async (): Promise<QueueItem[]> =>
    (await ok('queue', stack.http.get<{ items: QueueItem[] }>('/national/queue', nca))).items;

  /** A frozen YHROCU TTCG, in session and quorate, deciding one item. */
  const decideAtMeeting = async (referralId: string, decision: Record<string, unknown>): Promise<void> => {
    const meeting = await frozenMeeting(stack);
    await ok(
      'attendance',
      stack.http.post(
        `/meetings/${meeting}/attendance`,
        {
          attendees: [
            { sub: 'chair-queue', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [] },
            { sub: 'member-wyp', name: 'DCI WYP', org: 'WYP', conflicts: [] },
            { sub: 'member-syp', name: 'DCI SYP', org: 'SYP', conflicts: [] },
          ],
        },
        chair,
      ),
    );
    await ok('decide', stack.http.post(`/meetings/${meeting}/decisions`, { referralId, ...decision }, chair));
  };

  it('sends a referral national at a TTCG; the NCA returns it with reasons; the next TTCG lists and adopts it', async () => {
    const { id } = await assessedReferral(stack);
    await decideAtMeeting(id, {
      decision: 'REFER_NATIONAL',
      rationale: 'Links to a national firearms supply network',
      onwardReference: 'NCA-REQ-2026-01',
    });
    const listed = (await queue()).find((item) => item.id === id);
    expect(listed).toMatchObject({ region: 'YHROCU', overdue: false });
    expect(Date.parse(listed?.responseDueAt ?? '')).toBeGreaterThan(Date.parse(listed?.referredAt ?? ''));
    const atNca = await ok('NCA detail', stack.http.get<Detail>(`/referrals/${id}`, nca));
    expect(atNca.availableActions).toEqual(['NATIONAL_ACCEPT', 'NATIONAL_RETURN']);

    const returned = await ok(
      'return',
      stack.http.post<{ status: string }>(
        `/referrals/${id}/national-return`,
        { reasons: 'Regional in scope: no national links found' },
        nca,
      ),
    );
    expect(returned.status).toBe('AWAITING_DECISION');
    expect((await queue()).map((item) => item.id)).not.toContain(id);
    // Back in the region, the NCA no longer sees it.
    expect((await stack.http.get(`/referrals/${id}`, nca)).status).toBe(404);

    await decideAtMeeting(id, { decision: 'ADOPT_ROCU_LEAD', rationale: 'Returned by the NCA: the ROCU leads' });
    const adopted = await ok('detail', stack.http.get<Detail>(`/referrals/${id}`, assessor));
    expect(adopted.status).toBe('ADOPTED');
    expect(adopted.history.map((entry) => `${entry.action}:${entry.to}`).slice(-3)).toEqual([
      'DECIDE:REFERRED_NATIONAL',
      'NATIONAL_RETURN:AWAITING_DECISION',
      'DECIDE:ADOPTED',
    ]);
  });

  it('lets the NCA accept one with its reference: off the queue, answered once, its history kept in the region', async () => {
    const { id } = await assessedReferral(stack, { route: 'REFER_NATIONAL' });
    expect((await queue()).map((item) => item.id)).toContain(id);
    expect((await stack.http.post(`/referrals/${id}/national-accept`, {}, nca)).status).toBe(404);
    const refused = await stack.http.post<Problem>(`/referrals/${id}/national-acceptance`, { reference: ' ' }, nca);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field)).toEqual(['reference']);
    // Only the NCA answers: the region's chair may see it but not accept it.
    expect((await stack.http.post(`/referrals/${id}/national-acceptance`, { reference: 'X' }, chair)).status).toBe(403);

    const accepted = await ok(
      'accept',
      stack.http.post<{ status: string }>(`/referrals/${id}/national-acceptance`, { reference: 'NCA-2026-0117' }, nca),
    );
    expect(accepted.status).toBe('REFERRED_NATIONAL');
    expect((await queue()).map((item) => item.id)).not.toContain(id);
    const again = await stack.http.post<Problem & { state: string }>(
      `/referrals/${id}/national-return`,
      { reasons: 'Changed our mind' },
      nca,
    );
    expect(again.status).toBe(409);

    const inRegion = await ok(
      'assessor detail',
      stack.http.get<Detail & { national: { reference: string; responseDueAt: string | null } }>(
        `/referrals/${id}`,
        assessor,
      ),
    );
    expect(inRegion.national).toMatchObject({ reference: 'NCA-2026-0117', responseDueAt: null });
    expect(inRegion.history.map((entry) => entry.action)).toEqual(['SUBMIT', 'TRIAGE', 'ASSESS', 'NATIONAL_ACCEPT']);
  });

  it.each([
    ['national-acceptance', 'NATIONAL_ACCEPT', { reference: 'NCA-2026-0200' }],
    ['national-return', 'NATIONAL_RETURN', { reasons: 'Regional in scope' }],
  ])(
    'answers a keyed %s sent again as first answered, once the referral has left the queue',
    async (route, action, body) => {
      const { id } = await assessedReferral(stack, { route: 'REFER_NATIONAL' });
      const keyed = { 'Idempotency-Key': `${route}-${id}` };
      const first = await stack.http.post(`/referrals/${id}/${route}`, body, nca, keyed);
      expect(first.status).toBe(200);
      // However the client spells the id.
      const again = () => stack.http.post(`/referrals/${id.toUpperCase()}/${route}`, body, nca, keyed);
      expect(await again()).toMatchObject({ status: 200, body: first.body });
      // The API lost the answer between the Update and recording it: Temporal's Update outcome answers, although
      // the liaison may no longer see the referral (a return) or act on it (409 without the key).
      const forgotten = await stack.db.query(
        `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'referral:' || $1 || ':' || $2 || '-%'`,
        [id, action],
      );
      expect(forgotten.rowCount).toBe(1);
      expect(await again()).toMatchObject({ status: 200, body: first.body });
      expect([404, 409]).toContain((await stack.http.post(`/referrals/${id}/${route}`, body, nca)).status);
      // The key is the liaison's own: another with the same key is a new request, refused as any other.
      const otherLiaison = await stack.token(['NCA_LIAISON'], 'NCA', 'nca-other');
      expect([404, 409]).toContain(
        (await stack.http.post(`/referrals/${id}/${route}`, body, otherLiaison, keyed)).status,
      );
      const history = await stack.db.query(
        `SELECT action FROM referral_history WHERE referral_id = $1 AND action = $2`,
        [id, action],
      );
      expect(history.rowCount).toBe(1);
    },
  );
});
