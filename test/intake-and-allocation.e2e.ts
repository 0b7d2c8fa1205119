import { Stack } from './support/stack';
import { activeReferral, addPlanAction, planActionBody } from './support/tasking-fixtures';
import {
  eventually,
  meetingBody,
  P1_ASSESSMENT,
  referralBody,
  workedExampleAssessment,
} from './support/referral-fixtures';

interface Submitted {
  id: string;
  status: string;
  region: string;
  urgency: string;
  urgencyBasis: { requested: string; reason: string; explanation: string };
  deadlines: { stage: string; dueAt: string }[];
}

const HOUR_MS = 3_600_000;

describe('intake routing, effective urgency, deferred referrals and allocation over HTTP', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const token = (role: Parameters<Stack['token']>[0][number], org: string) => stack.token([role], org);
  const submit = async (overrides: Record<string, unknown> = {}, org = 'WYP'): Promise<Submitted> => {
    const response = await stack.http.post<Submitted>(
      '/referrals',
      referralBody(overrides),
      await token('FORCE_REFERRER', org),
    );
    expect(response.status).toBe(201);
    return response.body;
  };
  const must = async <T>(what: string, status: number, pending: Promise<{ status: number; body: T }>) => {
    const response = await pending;
    if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  /** A force of a ROCU region and the region: its referrals affect that force. */
  interface Home {
    force: string;
    rocu: string;
  }
  const YORKSHIRE: Home = { force: 'WYP', rocu: 'YHROCU' };
  /** Submitted by the home force, accepted and scored by its ROCU: awaiting a decision. */
  const awaitingDecision = async (
    overrides: Record<string, unknown> = {},
    home: Home = YORKSHIRE,
    assessment: Record<string, unknown> = {},
  ): Promise<Submitted> => {
    const submitted = await submit({ forcesAffected: [home.force], ...overrides }, home.force);
    const assessor = await token('GATEWAY_ASSESSOR', home.rocu);
    await must(
      'triage',
      200,
      stack.http.post(`/referrals/${submitted.id}/triage`, { decision: 'ACCEPT', reason: 'In scope' }, assessor),
    );
    await must(
      'assess',
      200,
      stack.http.post(`/referrals/${submitted.id}/assessment`, workedExampleAssessment(assessment), assessor),
    );
    return submitted;
  };
  /** A threat-to-life referral adopted out of meeting by its ROCU's chair. */
  const adopted = async (
    overrides: Record<string, unknown> = {},
    home: Home = YORKSHIRE,
    assessment: Record<string, unknown> = {},
  ): Promise<Submitted> => {
    const submitted = await awaitingDecision({ threatToLife: true, ...overrides }, home, assessment);
    await must(
      'urgent adoption',
      200,
      stack.http.post(
        `/referrals/${submitted.id}/urgent-decision`,
        { decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' },
        await token('TTCG_CHAIR', home.rocu),
      ),
    );
    return submitted;
  };
  const allocate = async (id: string, officerSub: string, rocu: string, extra: Record<string, unknown> = {}) =>
    stack.http.post<{ status: string; code?: string; rules?: { rule: string }[]; errors?: { field: string }[] }>(
      `/referrals/${id}/sio`,
      { officerSub, justification: 'Best placed', conflictDeclaration: { hasConflict: false }, ...extra },
      await token('ROCU_MANAGER', rocu),
    );

  const referralCount = async (): Promise<number> =>
    Number((await stack.db.query(`SELECT count(*) AS n FROM referrals`)).rows[0].n);

  describe('routing (domain.md section 3)', () => {
    it('routes to the ROCU of the first force affected that has one, whoever refers', async () => {
      const metReferrer = await stack.token(['FORCE_REFERRER'], 'MPS');
      const response = await stack.http.post<Submitted>(
        '/referrals',
        referralBody({ forcesAffected: ['MPS', 'COLP', 'KENT', 'WYP'] }),
        metReferrer,
      );
      expect(response.status).toBe(201);
      expect(response.body.region).toBe('ERSOU');
      const ersouAssessor = await stack.token(['GATEWAY_ASSESSOR'], 'ERSOU');
      expect((await stack.http.get(`/referrals/${response.body.id}`, ersouAssessor)).status).toBe(200);
      expect((await stack.http.get(`/referrals/${response.body.id}`, metReferrer)).status).toBe(200);
    });

    it('lets British Transport Police refer to the ROCU where the crime is', async () => {
      const btpReferrer = await stack.token(['FORCE_REFERRER'], 'BTP');
      const response = await stack.http.post<Submitted>(
        '/referrals',
        referralBody({ forcesAffected: ['BTP', 'GMP'] }),
        btpReferrer,
      );
      expect(response.status).toBe(201);
      expect(response.body.region).toBe('NWROCU');
    });

    it.each([
      ['MPS', ['MPS', 'COLP']],
      ['BTP', ['BTP']],
      ['WYP', ['COLP']],
    ])('refuses a referral from %s affecting only %j with 422 naming the NCA route', async (org, forces) => {
      const before = await referralCount();
      const response = await stack.http.post<{ code: string; detail: string; errors: { field: string }[] }>(
        '/referrals',
        referralBody({ forcesAffected: forces }),
        await stack.token(['FORCE_REFERRER'], org),
      );
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('NO_ROCU');
      expect(response.body.detail).toContain('National Crime Agency');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'forcesAffected' })]);
      expect(await referralCount()).toBe(before);
    });
  });

  describe('threat to life (domain.md section 5)', () => {
    it('works a ROUTINE referral with a threat to life as IMMEDIATE, says why, and tells the ROCU manager at once', async () => {
      const before = Date.now();
      const submitted = await submit({ urgency: 'ROUTINE', threatToLife: true });
      expect(submitted.urgency).toBe('IMMEDIATE');
      expect(submitted.urgencyBasis).toEqual({
        requested: 'ROUTINE',
        reason: 'THREAT_TO_LIFE',
        explanation: 'submitted as ROUTINE with a threat to life, so worked as IMMEDIATE',
      });
      const triageDueAt = submitted.deadlines.find((deadline) => deadline.stage === 'TRIAGE')!.dueAt;
      const triageDue = Date.parse(triageDueAt);
      expect(triageDue - before).toBeLessThanOrEqual(HOUR_MS + 60_000);

      const assessor = await token('GATEWAY_ASSESSOR', 'YHROCU');
      const detail = await must(
        'detail',
        200,
        stack.http.get<{ urgency: string; urgencyBasis: { reason: string } }>(`/referrals/${submitted.id}`, assessor),
      );
      expect(detail).toMatchObject({ urgency: 'IMMEDIATE', urgencyBasis: { reason: 'THREAT_TO_LIFE' } });
      const listed = await must(
        'list',
        200,
        stack.http.get<{ items: { id: string }[] }>('/referrals?urgency=IMMEDIATE&pageSize=200', assessor),
      );
      expect(listed.items.map((item) => item.id)).toContain(submitted.id);

      const { rows } = await stack.db.query(
        `SELECT recipient_role, recipient_org, payload FROM notifications WHERE referral_id = $1 AND kind = 'IMMEDIATE_REFERRAL'`,
        [submitted.id],
      );
      expect(rows).toEqual([
        {
          recipient_role: 'ROCU_MANAGER',
          recipient_org: 'YHROCU',
          // When triage is due, as the region's IMMEDIATE deadline sets it (the notice says so).
          payload: { urgency: 'IMMEDIATE', urgencyReason: 'THREAT_TO_LIFE', dueAt: triageDueAt },
        },
      ]);
    });

    it('keeps a referral without a threat to life at its urgency, with no message to the ROCU manager', async () => {
      const submitted = await submit({ urgency: 'PRIORITY', threatToLife: false });
      expect(submitted).toMatchObject({
        urgency: 'PRIORITY',
        urgencyBasis: { requested: 'PRIORITY', reason: 'AS_REQUESTED' },
      });
      const { rows } = await stack.db.query(`SELECT kind FROM notifications WHERE referral_id = $1 ORDER BY kind`, [
        submitted.id,
      ]);
      expect(rows).toEqual([{ kind: 'REFERRAL_SUBMITTED' }]);
    });

    it('allows an urgent out-of-meeting decision on a PRIORITY referral with a threat to life only', async () => {
      const chair = await token('TTCG_CHAIR', 'YHROCU');
      const decide = (id: string) =>
        stack.http.post<{ status: string }>(
          `/referrals/${id}/urgent-decision`,
          { decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life cannot wait for the TTCG' },
          chair,
        );
      const plain = await awaitingDecision({ urgency: 'PRIORITY', threatToLife: false });
      expect((await decide(plain.id)).status).toBe(422);
      const threatened = await awaitingDecision({ urgency: 'PRIORITY', threatToLife: true });
      const decided = await decide(threatened.id);
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('ADOPTED');
    });
  });

  describe('deferred referrals (domain.md section 1)', () => {
    /** Two referrals awaiting decision, both deferred at a YHROCU TTCG. */
    const deferTwo = async (): Promise<[Submitted, Submitted]> => {
      const first = await awaitingDecision();
      const second = await awaitingDecision();
      const chair = await token('TTCG_CHAIR', 'YHROCU');
      const meeting = await must(
        'create the meeting',
        201,
        stack.http.post<{ id: string }>('/meetings', meetingBody(1_000, 30 * 60_000), chair),
      );
      await eventually(async () => {
        const current = await stack.http.get<{ agendaFrozen: boolean }>(`/meetings/${meeting.id}`, chair);
        expect(current.body.agendaFrozen).toBe(true);
      });
      await must(
        'attendance',
        200,
        stack.http.post(
          `/meetings/${meeting.id}/attendance`,
          {
            attendees: [
              { sub: 'ttcg_chair@yhrocu', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [] },
              ...['WYP', 'SYP', 'HUM'].map((org) => ({ sub: `member-${org}`, name: `DCI ${org}`, org, conflicts: [] })),
            ],
          },
          chair,
        ),
      );
      for (const referral of [first, second]) {
        await must(
          'defer',
          200,
          stack.http.post(
            `/meetings/${meeting.id}/decisions`,
            { referralId: referral.id, decision: 'DEFER', rationale: 'Awaiting the financial picture' },
            chair,
          ),
        );
      }
      return [first, second];
    };
    const detail = async (
      id: string,
      org = 'YHROCU',
      role: 'GATEWAY_ASSESSOR' | 'FORCE_REFERRER' = 'GATEWAY_ASSESSOR',
    ) =>
      must(
        'detail',
        200,
        stack.http.get<{
          status: string;
          availableActions: string[];
          assessment: { version: number; riskScore: number };
        }>(`/referrals/${id}`, await token(role, org)),
      );

    it('lets the referrer withdraw a deferred referral and the assessor re-score one, which stays deferred', async () => {
      const [withdrawn, rescored] = await deferTwo();
      expect((await detail(withdrawn.id, 'WYP', 'FORCE_REFERRER')).availableActions).toEqual(['WITHDRAW']);
      const afterWithdrawal = await must(
        'withdraw',
        200,
        stack.http.post<{ status: string }>(
          `/referrals/${withdrawn.id}/withdraw`,
          { reason: 'Force has arrested the principal' },
          await token('FORCE_REFERRER', 'WYP'),
        ),
      );
      expect(afterWithdrawal.status).toBe('WITHDRAWN');
      expect((await detail(withdrawn.id)).status).toBe('WITHDRAWN');

      expect((await detail(rescored.id)).availableActions).toEqual(['ASSESS']);
      const result = await must(
        're-score',
        200,
        stack.http.post<{ status: string; riskScore: number }>(
          `/referrals/${rescored.id}/assessment`,
          workedExampleAssessment({ likelihood: 5 }),
          await token('GATEWAY_ASSESSOR', 'YHROCU'),
        ),
      );
      expect(result.status).toBe('DEFERRED');
      const after = await detail(rescored.id);
      expect(after).toMatchObject({ status: 'DEFERRED', assessment: { version: 2, riskScore: result.riskScore } });
      expect(result.riskScore).toBeGreaterThan(21.2);
    });
  });

  describe('SIO specialism and capacity (domain.md section 7)', () => {
    interface Candidate {
      sub: string;
      rules: { rule: string; met: boolean; detail: string }[];
    }
    const verdicts = (candidate: Candidate | undefined) =>
      Object.fromEntries((candidate?.rules ?? []).map((check) => [check.rule, check.met]));
    const allocationRow = async (id: string) =>
      (
        await stack.db.query(
          `SELECT officer_sub, rule_exceptions, exception_justification FROM sio_allocations WHERE referral_id = $1`,
          [id],
        )
      ).rows;

    it('says which rule each candidate meets or breaks, and needs a justification for an SIO without the specialism', async () => {
      const fraud = await adopted({ crimeTypes: ['FRAUD'] });
      const candidates = await must(
        'candidates',
        200,
        stack.http.get<{ items: Candidate[] }>(
          `/officers?referralId=${fraud.id}`,
          await token('ROCU_MANAGER', 'YHROCU'),
        ),
      );
      const bySub = (sub: string) => candidates.items.find((candidate) => candidate.sub === sub);
      // The read reveals the referral's needs and declared conflicts: audited against it, with whom it showed.
      const { rows: reads } = await stack.db.query(
        `SELECT entity_type, details->'subs' AS subs FROM audit_log WHERE action = 'OFFICERS_LISTED' AND entity_id = $1`,
        [fraud.id],
      );
      expect(reads).toEqual([{ entity_type: 'referral', subs: candidates.items.map((candidate) => candidate.sub) }]);
      expect(verdicts(bySub('sio-yhrocu-2'))).toEqual({
        NO_CONFLICT: true,
        VETTING: true,
        SPECIALISM: true,
        CAPACITY: true,
      });
      expect(verdicts(bySub('sio-yhrocu-1'))).toMatchObject({ SPECIALISM: false, CAPACITY: true });
      expect(bySub('sio-yhrocu-1')?.rules.find((check) => check.rule === 'SPECIALISM')?.detail).toBe(
        'holds none of FRAUD',
      );

      const refused = await allocate(fraud.id, 'sio-yhrocu-1', 'YHROCU');
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ALLOCATION_NEEDS_JUSTIFICATION');
      expect(refused.body.rules?.map((check) => check.rule)).toEqual(['SPECIALISM']);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'exceptionJustification' })]);
      expect(await allocationRow(fraud.id)).toEqual([]);

      const justified = await allocate(fraud.id, 'sio-yhrocu-1', 'YHROCU', {
        exceptionJustification: 'Ran the linked drugs operation against the same OCG',
      });
      expect(justified.status).toBe(200);
      expect(await allocationRow(fraud.id)).toEqual([
        {
          officer_sub: 'sio-yhrocu-1',
          rule_exceptions: ['SPECIALISM'],
          exception_justification: 'Ran the linked drugs operation against the same OCG',
        },
      ]);
    });

    it('needs a justification to take an SIO past their capacity', async () => {
      // P1 taskings cost 4 points; sio-ersou-4 (modern slavery, capacity 8) can carry two.
      const eastern: Home = { force: 'KENT', rocu: 'ERSOU' };
      const slavery = { crimeTypes: ['MODERN_SLAVERY_AND_HUMAN_TRAFFICKING'] };
      const [first, second, third] = [
        await adopted(slavery, eastern, P1_ASSESSMENT),
        await adopted(slavery, eastern, P1_ASSESSMENT),
        await adopted(slavery, eastern, P1_ASSESSMENT),
      ];
      expect((await allocate(first.id, 'sio-ersou-4', 'ERSOU')).status).toBe(200);
      expect((await allocate(second.id, 'sio-ersou-4', 'ERSOU')).status).toBe(200);

      const candidates = await must(
        'candidates',
        200,
        stack.http.get<{ items: Candidate[] }>(
          `/officers?referralId=${third.id}`,
          await token('ROCU_MANAGER', 'ERSOU'),
        ),
      );
      const full = candidates.items.find((candidate) => candidate.sub === 'sio-ersou-4');
      expect(verdicts(full)).toMatchObject({ SPECIALISM: true, CAPACITY: false });
      expect(full?.rules.find((check) => check.rule === 'CAPACITY')?.detail).toBe(
        '12 of 8 workload points after this allocation',
      );

      const refused = await allocate(third.id, 'sio-ersou-4', 'ERSOU');
      expect(refused.status).toBe(422);
      expect(refused.body.rules?.map((check) => check.rule)).toEqual(['CAPACITY']);
      const justified = await allocate(third.id, 'sio-ersou-4', 'ERSOU', {
        exceptionJustification: 'Only SIO in the region with the victims’ trust',
      });
      expect(justified.status).toBe(200);
      expect((await allocationRow(third.id))[0]).toMatchObject({ rule_exceptions: ['CAPACITY'] });
    });
  });

  describe('replacing the SIO and the LRO (domain.md section 7)', () => {
    interface OwnerPeriod {
      role: string;
      sub: string;
      from: string;
      until: string | null;
      reason: string | null;
      changedBy: string;
    }
    const addAction = (id: string, owner: string) =>
      stack.http.post(`/referrals/${id}/plan/actions`, planActionBody(), owner);

    it('hands the tasking and its plan to a new SIO and a new LRO; the old owners keep read access only', async () => {
      const id = await activeReferral(stack, 'sio-yhrocu-5', 'lro-wyp');
      const oldSio = await stack.token(['SIO'], 'YHROCU', 'sio-yhrocu-5');
      const newSio = await stack.token(['SIO'], 'YHROCU', 'sio-yhrocu-1');
      const oldLro = await stack.token(['LRO'], 'WYP', 'lro-wyp');
      const newLro = await stack.token(['LRO'], 'SYP', 'lro-syp');
      const bystander = await stack.token(['SIO'], 'YHROCU', 'sio-yhrocu-3');
      const manager = await token('ROCU_MANAGER', 'YHROCU');
      const referrer = await token('FORCE_REFERRER', 'WYP');
      await addPlanAction(stack, id, oldSio);
      expect((await stack.http.get(`/referrals/${id}`, newSio)).status).toBe(404);

      const reallocation = {
        officerSub: 'sio-yhrocu-1',
        justification: 'Firearms specialist',
        conflictDeclaration: { hasConflict: false },
        reason: 'DCI on long-term leave',
      };
      const sameOfficer = await stack.http.post(
        `/referrals/${id}/sio/reallocation`,
        { ...reallocation, officerSub: 'sio-yhrocu-5' },
        manager,
      );
      expect(sameOfficer.status).toBe(422);
      const noReason = await stack.http.post<{ errors: { field: string }[] }>(
        `/referrals/${id}/sio/reallocation`,
        { ...reallocation, reason: undefined },
        manager,
      );
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((error) => error.field)).toEqual(['reason']);
      expect((await stack.http.post(`/referrals/${id}/sio/reallocation`, reallocation, referrer)).status).toBe(403);

      const reallocated = await stack.http.post<{ status: string; sio: { sub: string } }>(
        `/referrals/${id}/sio/reallocation`,
        reallocation,
        manager,
      );
      expect(reallocated.status).toBe(200);
      expect(reallocated.body).toMatchObject({ status: 'ACTIVE', sio: { sub: 'sio-yhrocu-1' } });

      const replaced = await stack.http.post<{ status: string }>(
        `/referrals/${id}/lro/replacement`,
        { officerSub: 'lro-syp', name: 'DI Clarke', reason: 'The OCG has moved to Sheffield' },
        referrer,
      );
      expect(replaced.status).toBe(200);
      expect(replaced.body.status).toBe('ACTIVE');

      // Only the new owners change the plan; the old ones still read what they did, strangers see nothing.
      expect((await addAction(id, newSio)).status).toBe(201);
      expect((await addAction(id, newLro)).status).toBe(201);
      expect((await addAction(id, oldSio)).status).toBe(403);
      expect((await addAction(id, oldLro)).status).toBe(403);
      for (const former of [oldSio, oldLro]) {
        expect((await stack.http.get(`/referrals/${id}`, former)).status).toBe(200);
        const plan = await stack.http.get<{ actions: { createdBy: string }[] }>(`/referrals/${id}/plan`, former);
        expect(plan.status).toBe(200);
        expect(plan.body.actions.map((action) => action.createdBy)).toContain('sio-yhrocu-5');
      }
      expect((await stack.http.get(`/referrals/${id}`, bystander)).status).toBe(404);

      const plan = await must(
        'plan',
        200,
        stack.http.get<{ sio: { sub: string }; lro: { sub: string }; owners: OwnerPeriod[] }>(
          `/referrals/${id}/plan`,
          newSio,
        ),
      );
      expect(plan.sio.sub).toBe('sio-yhrocu-1');
      expect(plan.lro.sub).toBe('lro-syp');
      const owners = plan.owners;
      expect(owners.map((period) => [period.role, period.sub, period.reason])).toEqual(
        expect.arrayContaining([
          ['SIO', 'sio-yhrocu-5', null],
          ['LRO', 'lro-wyp', null],
          ['SIO', 'sio-yhrocu-1', 'DCI on long-term leave'],
          ['LRO', 'lro-syp', 'The OCG has moved to Sheffield'],
        ]),
      );
      expect(owners).toHaveLength(4);
      const period = (sub: string) => owners.find((owner) => owner.sub === sub) as OwnerPeriod;
      expect(period('sio-yhrocu-5').until).toBe(period('sio-yhrocu-1').from);
      expect(period('lro-wyp').until).toBe(period('lro-syp').from);
      expect(period('sio-yhrocu-1')).toMatchObject({ until: null, changedBy: 'rocu_manager@yhrocu' });
      expect(period('lro-syp')).toMatchObject({ until: null, changedBy: 'force_referrer@wyp' });

      const detail = await must(
        'detail',
        200,
        stack.http.get<{ history: { action: string; reason: string | null; to: string }[] }>(
          `/referrals/${id}`,
          manager,
        ),
      );
      expect(detail.history.slice(-2)).toEqual([
        expect.objectContaining({ action: 'REALLOCATE_SIO', reason: 'DCI on long-term leave', to: 'ACTIVE' }),
        expect.objectContaining({ action: 'REPLACE_LRO', reason: 'The OCG has moved to Sheffield', to: 'ACTIVE' }),
      ]);
    });
  });
});
