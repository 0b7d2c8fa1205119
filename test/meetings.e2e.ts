import { MeetingDecision, referralStatusAfter } from '@rocu/domain';
import { Stack } from './support/stack';
import { activeReferral } from './support/tasking-fixtures';
import { eventually, referralBody, workedExampleAssessment, meetingBody } from './support/referral-fixtures';

interface AgendaItem {
  referralId: string;
  reference: string;
  kind: string;
  rank: number;
  priority: string;
  riskScore: number;
  breakdown: { explanation: string };
  deferrals: number;
  recusedMembers: string[];
  urgentDecision?: string;
  settledElsewhere: boolean;
}
interface MeetingDetail {
  id: string;
  status: string;
  agendaFrozen: boolean;
  agenda: AgendaItem[];
  deviations: { referralId: string; passedOver: { referralId: string; rank: number; outcome: string }[] }[];
  availableActions: string[];
  attendees: { sub: string; conflicts: string[] }[];
  reviews: { referralId: string }[];
}
interface MinutesItem {
  reference: string;
  decision: string | null;
  settledElsewhere: boolean;
}
interface Problem {
  errors?: { field: string }[];
}

const CRITICAL = {
  physical: 'critical',
  psychological: 'critical',
  financial: 'critical',
  community: 'critical',
  environmental: 'critical',
};
const LOW = { physical: 'low', psychological: 'none', financial: 'low', community: 'none', environmental: 'none' };

describe('TTCG meetings: ranked agendas, decisions, deviations, minutes', () => {
  let stack: Stack;
  let referrer: string;
  let assessor: string;
  let chair: string;
  let deputy: string;

  beforeAll(async () => {
    stack = await Stack.start();
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    chair = await stack.token(['TTCG_CHAIR'], 'YHROCU', 'chair-1');
    deputy = await stack.token(['TTCG_CHAIR'], 'YHROCU', 'chair-2');
  });

  afterAll(async () => {
    await stack.stop();
  });

  /** Submits, accepts and assesses a referral; returns its id. */
  const assessed = async (
    assessment: Record<string, unknown>,
    overrides: Record<string, unknown> = {},
  ): Promise<string> => {
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(overrides), referrer);
    expect(submitted.status).toBe(201);
    await stack.http.post(
      `/referrals/${submitted.body.id}/triage`,
      { decision: 'ACCEPT', reason: 'in scope' },
      assessor,
    );
    const result = await stack.http.post(
      `/referrals/${submitted.body.id}/assessment`,
      workedExampleAssessment(assessment),
      assessor,
    );
    expect(result.status).toBe(200);
    return submitted.body.id;
  };
  const meeting = async (id: string) => (await stack.http.get<MeetingDetail>(`/meetings/${id}`, chair)).body;
  const frozenAgenda = async (meetingId: string) =>
    eventually(async () => {
      const current = await meeting(meetingId);
      expect(current.agendaFrozen).toBe(true);
      return current.agenda;
    });
  const status = async (id: string) =>
    (await stack.http.get<{ status: string }>(`/referrals/${id}`, assessor)).body.status;
  /** An extra TTCG held (by default) within the hour, so recording attendance puts it in session. */
  const createMeeting = async (papersCloseInMs: number, scheduledInMs = 30 * 60_000) => {
    const response = await stack.http.post<{ id: string; status: string }>(
      '/meetings',
      meetingBody(papersCloseInMs, scheduledInMs),
      chair,
    );
    expect(response.status).toBe(201);
    return response.body.id;
  };
  /** Two of YHROCU's four forces, with the chair: a quorum. */
  const FORCE_MEMBERS = [
    { sub: 'member-wyp', name: 'DCI Member', org: 'WYP', conflicts: [] },
    { sub: 'member-syp', name: 'DCI Syp', org: 'SYP', conflicts: [] },
  ];
  const quorum = async (meetingId: string) => {
    const attendees = [{ sub: 'chair-1', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [] }, ...FORCE_MEMBERS];
    expect((await stack.http.post(`/meetings/${meetingId}/attendance`, { attendees }, chair)).status).toBe(200);
  };

  it('ranks, freezes at the cut-off, decides with justified deviations and recusal, rolls items and renders minutes', async () => {
    const high = await assessed({ harm: CRITICAL, likelihood: 5 }); // P1
    const middle = await assessed({}); // worked example: 21.2, P2
    const low = await assessed({ harm: LOW, likelihood: 2 }); // P4
    const covert = await assessed({ route: 'COVERT_COMMISSIONING' });

    const meetingId = await createMeeting(4_000);
    const provisional = await meeting(meetingId);
    expect(provisional.agendaFrozen).toBe(false);
    expect(provisional.agenda.map((item) => [item.referralId, item.rank])).toEqual([
      [high, 1],
      [middle, 2],
      [low, 3],
    ]);
    expect(provisional.agenda.map((item) => item.priority)).toEqual(['P1', 'P2', 'P4']);
    expect(provisional.agenda[1]).toMatchObject({ riskScore: 21.2, deferrals: 0 });
    expect(provisional.agenda[1].breakdown.explanation).toContain('21.2');
    expect(provisional.agenda.map((item) => item.referralId)).not.toContain(covert);

    // Before the cut-off the agenda follows new assessments.
    const lateButInTime = await assessed({ likelihood: 3 });
    expect((await meeting(meetingId)).agenda.map((item) => item.referralId)).toContain(lateButInTime);

    const frozen = await eventually(async () => {
      const current = await meeting(meetingId);
      expect(current.agendaFrozen).toBe(true);
      return current;
    });
    expect(frozen.status).toBe('AGENDA_FROZEN');
    expect(frozen.agenda.map((item) => item.referralId)).toEqual([high, middle, lateButInTime, low]);
    const afterCutOff = await assessed({ likelihood: 1 });
    expect((await meeting(meetingId)).agenda.map((item) => item.referralId)).not.toContain(afterCutOff);

    // A conflict is declared on this meeting's items only: another referral is named as a bad field, nothing kept.
    const offAgenda = await stack.http.post<Problem>(
      `/meetings/${meetingId}/attendance`,
      {
        attendees: [
          ...FORCE_MEMBERS,
          { sub: 'chair-1', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [middle, afterCutOff] },
        ],
      },
      chair,
    );
    expect(offAgenda.status).toBe(400);
    expect(offAgenda.body.errors?.map((error) => error.field)).toEqual([
      `attendees[${FORCE_MEMBERS.length}].conflicts`,
    ]);
    // Each person once: the meeting's workflow and its read model would keep different entries of two.
    const twice = await stack.http.post<Problem>(
      `/meetings/${meetingId}/attendance`,
      { attendees: [...FORCE_MEMBERS, { ...FORCE_MEMBERS[0], conflicts: [middle] }] },
      chair,
    );
    expect({ status: twice.status, fields: twice.body.errors?.map((error) => error.field) }).toEqual({
      status: 400,
      fields: [`attendees[${FORCE_MEMBERS.length}].sub`],
    });
    expect((await meeting(meetingId)).attendees).toEqual([]);
    const attendance = await stack.http.post(
      `/meetings/${meetingId}/attendance`,
      {
        attendees: [{ sub: 'chair-1', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [middle] }, ...FORCE_MEMBERS],
      },
      chair,
    );
    expect(attendance.status).toBe(200);
    expect((await meeting(meetingId)).agenda.find((item) => item.referralId === middle)?.recusedMembers).toEqual([
      'chair-1',
    ]);

    const decide = (token: string, body: Record<string, unknown>) =>
      stack.http.post(`/meetings/${meetingId}/decisions`, body, token);
    expect(
      (await decide(chair, { referralId: high, decision: 'DEFER', rationale: 'Await surveillance capacity' })).status,
    ).toBe(200);

    const unjustified = await decide(chair, { referralId: low, decision: 'ADOPT_ROCU_LEAD', rationale: 'Quick win' });
    expect(unjustified.status).toBe(422);
    expect(unjustified.headers.get('content-type')).toContain('application/problem+json');
    expect(unjustified.body.code).toBe('DEVIATION_NEEDS_JUSTIFICATION');
    expect(await status(low)).toBe('AWAITING_DECISION');

    const justified = await decide(chair, {
      referralId: low,
      decision: 'ADOPT_ROCU_LEAD',
      rationale: 'Quick win',
      deviationJustification: 'Evidence expires this week; higher items need capacity we lack',
    });
    expect(justified.status).toBe(200);
    expect(justified.body.passedOver).toEqual([
      { referralId: high, rank: 1, outcome: 'DEFER' },
      { referralId: middle, rank: 2, outcome: 'UNDECIDED' },
      { referralId: lateButInTime, rank: 3, outcome: 'UNDECIDED' },
    ]);

    const recused = await decide(chair, { referralId: middle, decision: 'ADOPT_ROCU_LEAD', rationale: 'x' });
    expect(recused.status).toBe(403);
    expect(recused.body.code).toBe('RECUSED');
    // A chair not at the meeting, with a conflict on the register (declared at an allocation), is recused too.
    await stack.db.query(
      `INSERT INTO conflict_declarations (referral_id, person_sub, person_name, recorded_by_sub, recorded_at, source)
       VALUES ($1, 'chair-3', 'Det Supt Absent', 'manager-1', now(), 'ALLOCATION')`,
      [lateButInTime],
    );
    const absentChair = await stack.token(['TTCG_CHAIR'], 'YHROCU', 'chair-3');
    const registered = await decide(absentChair, { referralId: lateButInTime, decision: 'DEFER', rationale: 'x' });
    expect({ status: registered.status, code: registered.body.code }).toEqual({ status: 403, code: 'RECUSED' });
    // Someone who is not a chair is refused for that, before their request's fields or their conflicts are looked at.
    await stack.db.query(
      `INSERT INTO conflict_declarations (referral_id, person_sub, person_name, recorded_by_sub, recorded_at, source)
       VALUES ($1, 'member-conflicted', 'DCI Conflicted', 'manager-1', now(), 'ALLOCATION')`,
      [lateButInTime],
    );
    const member = await stack.token(['TTCG_MEMBER'], 'WYP', 'member-conflicted');
    const refusals = [
      await decide(member, { referralId: lateButInTime, decision: 'DEFER', rationale: 'x' }),
      await stack.http.post(
        `/meetings/${meetingId}/attendance`,
        { attendees: [{ ...FORCE_MEMBERS[0], conflicts: [afterCutOff] }] },
        member,
      ),
    ];
    expect(refusals.map((refusal) => [refusal.status, refusal.body.code])).toEqual([
      [403, 'ROLE_NOT_ALLOWED'],
      [403, 'ROLE_NOT_ALLOWED'],
    ]);

    // A decision survives the worker being killed while it is being made.
    await stack.killWorker();
    const pending = decide(deputy, {
      referralId: middle,
      decision: 'DECLINE_RETURN_TO_FORCE',
      rationale: 'Force-level response suffices',
    });
    await new Promise((wake) => setTimeout(wake, 500));
    stack.startWorker();
    expect((await pending).status).toBe(200);

    expect(await status(high)).toBe('DEFERRED');
    expect(await status(low)).toBe('ADOPTED');
    expect(await status(middle)).toBe('DECLINED');
    expect(await status(lateButInTime)).toBe('AWAITING_DECISION');
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM meeting_decisions WHERE meeting_id = $1', [
      meetingId,
    ]);
    expect(rows[0].n).toBe(3);

    expect((await stack.http.post(`/meetings/${meetingId}/close`, { force: true }, chair)).status).toBe(400);
    const closed = await stack.http.post(`/meetings/${meetingId}/close`, { remarks: 'Next TTCG in January' }, chair);
    expect(closed.status).toBe(200);
    const closing = await stack.db.query(
      `SELECT details->>'remarks' AS remarks FROM audit_log WHERE entity_id = $1 AND action = 'MEETING_CLOSED'`,
      [meetingId],
    );
    expect(closing.rows).toEqual([{ remarks: 'Next TTCG in January' }]);
    expect((await meeting(meetingId)).status).toBe('CLOSED');
    expect((await decide(chair, { referralId: lateButInTime, decision: 'DEFER', rationale: 'late' })).status).toBe(409);

    const minutes = await stack.http.get<{
      classification: string;
      items: { reference: string; decision: string | null; deviation: { justification: string } | null }[];
    }>(`/meetings/${meetingId}/minutes`, chair);
    expect(minutes.status).toBe(200);
    expect(minutes.body.classification).toBe('OFFICIAL-SENSITIVE');
    expect(minutes.body.items.filter((item) => item.deviation !== null)).toHaveLength(1);
    expect(minutes.body.items.filter((item) => item.decision === null)).toHaveLength(1);
    const html = await fetch(`${stack.http.baseUrl}/meetings/${meetingId}/minutes?format=html`, {
      headers: { authorization: `Bearer ${chair}` },
    });
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('OFFICIAL-SENSITIVE');
    expect(page).toContain('Deviation');
    expect(page).toContain('Evidence expires this week');

    // The next meeting lists the deferred item (with its count) and the undecided one.
    const next = await createMeeting(0);
    const nextAgenda = await eventually(async () => {
      const current = await meeting(next);
      expect(current.agendaFrozen).toBe(true);
      return current.agenda;
    });
    expect(nextAgenda.map((item) => item.referralId)).toEqual(
      expect.arrayContaining([high, lateButInTime, afterCutOff]),
    );
    expect(nextAgenda.find((item) => item.referralId === high)?.deferrals).toBe(1);
    expect(nextAgenda.map((item) => item.referralId)).not.toContain(low);

    const report = await stack.http.get<{
      total: number;
      byOrganisation: { org: string; adoptedOutOfOrder: number; passedOver: number }[];
    }>('/reports/deviations', chair);
    expect(report.body.total).toBe(1);
    expect(report.body.byOrganisation).toEqual([{ org: 'WYP', adoptedOutOfOrder: 1, passedOver: 3 }]);
  });

  it('takes urgent decisions for IMMEDIATE referrals only, and lists them for ratification', async () => {
    const immediate = await assessed({}, { urgency: 'IMMEDIATE', threatToLife: true });
    const routine = await assessed({});
    const refused = await stack.http.post(
      `/referrals/${routine}/urgent-decision`,
      { decision: 'ADOPT_ROCU_LEAD', rationale: 'x' },
      chair,
    );
    expect(refused.status).toBe(422);
    const urgent = await stack.http.post(
      `/referrals/${immediate}/urgent-decision`,
      { decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' },
      chair,
    );
    expect(urgent.status).toBe(200);
    expect(urgent.body.status).toBe('ADOPTED');

    const meetingId = await createMeeting(0);
    const agenda = await eventually(async () => {
      const current = await meeting(meetingId);
      expect(current.agendaFrozen).toBe(true);
      return current.agenda;
    });
    expect(agenda.find((item) => item.referralId === immediate)).toMatchObject({
      kind: 'RATIFICATION',
      urgentDecision: 'ADOPT_ROCU_LEAD',
    });
    await quorum(meetingId);
    const plain = await stack.http.post(
      `/meetings/${meetingId}/decisions`,
      { referralId: immediate, decision: 'DECLINE_RETURN_TO_FORCE', rationale: 'Not ours' },
      chair,
    );
    expect(plain.status).toBe(422);
    expect(plain.body.code).toBe('RATIFICATION_RULE');
    expect(await status(immediate)).toBe('ADOPTED');
    const ratified = await stack.http.post(
      `/meetings/${meetingId}/decisions`,
      { referralId: immediate, ratification: 'RATIFY', decision: 'ADOPT_ROCU_LEAD', rationale: 'Ratified' },
      chair,
    );
    expect(ratified.status).toBe(200);
    expect(ratified.body).toMatchObject({ ratification: true, ratificationOutcome: 'RATIFY' });
    expect(await status(immediate)).toBe('ADOPTED');
  });

  it('recuses a chair with a conflict on the register from an urgent decision and from its ratification', async () => {
    const immediate = await assessed({}, { urgency: 'IMMEDIATE', threatToLife: true });
    const declared = await stack.db.query(
      `INSERT INTO conflict_declarations (referral_id, person_sub, person_name, details, recorded_by_sub, recorded_at, source)
       VALUES ($1, 'chair-1', 'Det Supt Chair', 'Knows the subject', 'chair-1', now(), 'ALLOCATION')`,
      [immediate],
    );
    expect(declared.rowCount).toBe(1);
    const decision = { decision: 'DECLINE_RETURN_TO_FORCE', rationale: 'Force can manage it' };
    const recused = await stack.http.post(`/referrals/${immediate}/urgent-decision`, decision, chair);
    expect(recused.body).toMatchObject({ status: 403, code: 'RECUSED' });
    expect(await status(immediate)).toBe('AWAITING_DECISION');
    expect((await stack.http.post(`/referrals/${immediate}/urgent-decision`, decision, deputy)).status).toBe(200);

    // At the meeting that ratifies it, the register recuses the chair from the item without a fresh declaration.
    const meetingId = await createMeeting(0);
    const agenda = await eventually(async () => {
      const current = await meeting(meetingId);
      expect(current.agendaFrozen).toBe(true);
      return current.agenda;
    });
    expect(agenda.find((item) => item.referralId === immediate)).toMatchObject({ kind: 'RATIFICATION' });
    await quorum(meetingId);
    const chairAttending = (await meeting(meetingId)).attendees.find((attendee) => attendee.sub === 'chair-1');
    expect(chairAttending?.conflicts).toContain(immediate);
    const ratify = { referralId: immediate, ratification: 'OVERTURN', decision: 'ADOPT_ROCU_LEAD', rationale: 'Ours' };
    const overturn = await stack.http.post(`/meetings/${meetingId}/decisions`, ratify, chair);
    expect(overturn.body).toMatchObject({ status: 403, code: 'RECUSED' });
    expect(await status(immediate)).toBe('DECLINED');
  });

  it('overturns a ratification: the new decision reaches the referral, an adoption stands down with its plan, and the minutes agree', async () => {
    const running = await activeReferral(stack);
    const declined = await assessed({}, { urgency: 'IMMEDIATE', threatToLife: true });
    const urgent = await stack.http.post(
      `/referrals/${declined}/urgent-decision`,
      { decision: 'DECLINE_RETURN_TO_FORCE', rationale: 'Force can act tonight' },
      chair,
    );
    expect(urgent.status).toBe(200);
    const ratifiedAs = await assessed({}, { urgency: 'IMMEDIATE', threatToLife: true });
    expect(
      (
        await stack.http.post(
          `/referrals/${ratifiedAs}/urgent-decision`,
          { decision: 'REFER_NATIONAL', rationale: 'National threat', onwardReference: 'NCA-URG-1' },
          chair,
        )
      ).status,
    ).toBe(200);
    const fresh = await assessed({ harm: CRITICAL, likelihood: 5 });

    const meetingId = await createMeeting(0);
    await eventually(async () => {
      const current = await meeting(meetingId);
      expect(current.agendaFrozen).toBe(true);
      expect(current.agenda.filter((item) => [running, declined, ratifiedAs].includes(item.referralId))).toHaveLength(
        3,
      );
    });
    await quorum(meetingId);
    const decide = (body: Record<string, unknown>) => stack.http.post(`/meetings/${meetingId}/decisions`, body, chair);
    const standDown = await decide({
      referralId: running,
      ratification: 'OVERTURN',
      decision: 'DECLINE_RETURN_TO_FORCE',
      rationale: 'Disproportionate: the force holds the lead',
    });
    expect(standDown.status).toBe(200);
    expect(standDown.body).toMatchObject({ ratificationOutcome: 'OVERTURN', overturned: 'ADOPT_ROCU_LEAD' });
    const revived = await decide({
      referralId: declined,
      ratification: 'OVERTURN',
      decision: 'ADOPT_SUPPORT_ONLY',
      rationale: 'Needs ROCU support after all',
    });
    expect(revived.status).toBe(200);
    const kept = await decide({
      referralId: ratifiedAs,
      ratification: 'RATIFY',
      decision: 'REFER_NATIONAL',
      rationale: 'Agreed',
      onwardReference: 'NCA-URG-1',
    });
    expect(kept.status).toBe(200);
    expect((await decide({ referralId: fresh, decision: 'DEFER', rationale: 'Capacity' })).status).toBe(200);

    expect(await status(running)).toBe('DECLINED');
    expect(await status(declined)).toBe('ADOPTED');
    expect(await status(ratifiedAs)).toBe('REFERRED_NATIONAL');
    const plan = await stack.http.get<{ status: string; closedAt: string | null }>(
      `/referrals/${running}/plan`,
      assessor,
    );
    expect(plan.body).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    const detail = await stack.db.query(`SELECT closure_outcome FROM referrals WHERE id = $1`, [running]);
    expect(detail.rows[0].closure_outcome).toContain('Disproportionate');

    // Minutes and referral agree, item by item, for every decision taken.
    const minutes = await stack.http.get<{
      items: { reference: string; decision: string | null; ratification: { outcome: string } | null }[];
    }>(`/meetings/${meetingId}/minutes`, chair);
    const decided = minutes.body.items.filter((item) => item.decision !== null);
    expect(decided.length).toBeGreaterThanOrEqual(4);
    for (const item of decided) {
      const found = await stack.db.query(`SELECT status FROM referrals WHERE reference = $1`, [item.reference]);
      expect([item.reference, found.rows[0].status]).toEqual([
        item.reference,
        referralStatusAfter(item.decision as MeetingDecision),
      ]);
    }
    expect(
      decided
        .filter((item) => item.ratification !== null)
        .map((item) => item.ratification?.outcome)
        .sort(),
    ).toEqual(['OVERTURN', 'OVERTURN', 'RATIFY']);
  });

  it('gives an IMMEDIATE referral awaiting decision a same-day decision clock, met by its decision', async () => {
    const before = Date.now();
    const immediate = await assessed({}, { urgency: 'IMMEDIATE', threatToLife: true });
    type Deadline = { stage: string; dueAt: string; status: string };
    const deadlines = async () =>
      (await stack.http.get<{ deadlines: Deadline[] }>(`/referrals/${immediate}`, assessor)).body.deadlines;
    const clock = async () => (await deadlines()).find((deadline) => deadline.stage === 'DECISION');
    // In the order the referral meets them (by name, DECISION would come before ASSESSMENT).
    expect((await deadlines()).map((deadline) => deadline.stage)).toEqual(['TRIAGE', 'ASSESSMENT', 'DECISION']);
    const pending = await clock();
    expect(pending?.status).toBe('PENDING');
    const due = Date.parse(pending?.dueAt ?? '');
    // The end of the London day, or four hours on if that is later: never less than four hours, at most a day.
    expect(due).toBeGreaterThanOrEqual(before + 4 * 3_600_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
    const decided = await stack.http.post(
      `/referrals/${immediate}/urgent-decision`,
      { decision: 'ADOPT_SUPPORT_ONLY', rationale: 'Threat to life' },
      chair,
    );
    expect(decided.status).toBe(200);
    expect((await clock())?.status).toBe('MET');
  });

  it('refuses an urgent DEFER and any second urgent decision, naming the state', async () => {
    const immediate = await assessed({}, { urgency: 'IMMEDIATE', threatToLife: true });
    const urgent = (decision: string) =>
      stack.http.post(`/referrals/${immediate}/urgent-decision`, { decision, rationale: 'Threat to life' }, chair);
    const deferred = await urgent('DEFER');
    expect(deferred.status).toBe(422);
    expect(deferred.body).toMatchObject({ code: 'BUSINESS_RULE', detail: expect.stringContaining('cannot wait') });
    expect(await status(immediate)).toBe('AWAITING_DECISION');

    expect((await urgent('REFER_PARTNER')).status).toBe(400); // needs its onward reference
    expect((await urgent('DECLINE_RETURN_TO_FORCE')).status).toBe(200);
    // What is left to the chair is the meeting's ratification of the urgent decision, as the workflow says too.
    for (const decision of ['DECLINE_RETURN_TO_FORCE', 'ADOPT_ROCU_LEAD', 'DEFER']) {
      const again = await urgent(decision);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'NOT_ALLOWED_IN_STATE',
        state: 'DECLINED',
        allowedActions: ['RATIFICATION'],
      });
    }
    const history = await stack.db.query(
      `SELECT count(*)::int AS n FROM referral_history WHERE referral_id = $1 AND action = 'DECIDE'`,
      [immediate],
    );
    expect(history.rows[0].n).toBe(1);
  });

  it('leaves a planted un-projectable item off the agenda, raises it, and the next meeting freezes and decides it', async () => {
    const planted = await assessed({ likelihood: 4 });
    const other = await assessed({ harm: CRITICAL, likelihood: 5 });
    // The plant: any insert of this referral into a meeting's agenda breaks a constraint, as a corrupt row would.
    await stack.db.query(`
      CREATE FUNCTION refuse_planted_item() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.referral_id = '${planted}' THEN
          RAISE EXCEPTION 'planted bad item' USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER planted_item BEFORE INSERT ON meeting_items FOR EACH ROW EXECUTE FUNCTION refuse_planted_item();`);
    let first: string;
    try {
      first = await createMeeting(0);
      const agenda = await eventually(async () => {
        const current = await meeting(first);
        expect(current.agendaFrozen).toBe(true);
        return current.agenda.map((item) => item.referralId);
      });
      expect(agenda).toContain(other);
      expect(agenda).not.toContain(planted);
    } finally {
      await stack.db.query(`DROP TRIGGER planted_item ON meeting_items; DROP FUNCTION refuse_planted_item()`);
    }
    const raised = await stack.db.query(
      `SELECT kind, recipient_role AS role, recipient_org AS org, payload->>'meetingId' AS "meetingId"
         FROM notifications WHERE referral_id = $1`,
      [planted],
    );
    expect(raised.rows).toContainEqual({
      kind: 'MEETING_ITEM_EXCLUDED',
      role: 'ROCU_MANAGER',
      org: 'YHROCU',
      meetingId: first,
    });
    const audited = await stack.db.query(
      `SELECT outcome, details->>'reason' AS reason FROM audit_log
        WHERE entity_id = $1 AND action = 'MEETING_ITEM_EXCLUDED' AND details->>'referralId' = $2`,
      [first, planted],
    );
    expect(audited.rows).toEqual([{ outcome: 'FAILED', reason: expect.stringContaining('planted bad item') }]);

    // The other items are decided as ever.
    await quorum(first);
    const decided = await stack.http.post(
      `/meetings/${first}/decisions`,
      { referralId: other, decision: 'DEFER', rationale: 'Await capacity' },
      chair,
    );
    expect(decided.status).toBe(200);

    // The region's next meeting freezes and decides the item that was left off.
    const next = await createMeeting(0);
    await eventually(async () => {
      const current = await meeting(next);
      expect(current.agendaFrozen).toBe(true);
      expect(current.agenda.map((item) => item.referralId)).toEqual(expect.arrayContaining([planted, other]));
    });
    await quorum(next);
    const decidedNext = await stack.http.post(
      `/meetings/${next}/decisions`,
      {
        referralId: planted,
        decision: 'DECLINE_RETURN_TO_FORCE',
        rationale: 'Force-level response suffices',
      },
      chair,
    );
    expect(decidedNext.status).toBe(200);
    expect(await status(planted)).toBe('DECLINED');
  });

  it('refuses decisions before the meeting is in session, and without a quorum, naming what is missing', async () => {
    const referral = await assessed({});
    const later = await createMeeting(0, 2 * 86_400_000);
    await eventually(async () => expect((await meeting(later)).agendaFrozen).toBe(true));
    await quorum(later); // recorded two days ahead: not in session
    const decide = (meetingId: string) =>
      stack.http.post(
        `/meetings/${meetingId}/decisions`,
        { referralId: referral, decision: 'DEFER', rationale: 'x' },
        chair,
      );
    const early = await decide(later);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'NOT_IN_SESSION', detail: expect.stringContaining('60 minutes before') });

    const soon = await createMeeting(0);
    await eventually(async () => expect((await meeting(soon)).agendaFrozen).toBe(true));
    const notQuorate = await stack.http.post(
      `/meetings/${soon}/attendance`,
      { attendees: [{ sub: 'chair-1', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [] }, FORCE_MEMBERS[0]] },
      chair,
    );
    expect(notQuorate.status).toBe(200);
    const refused = await decide(soon);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'NOT_QUORATE',
      detail: expect.stringContaining('absent: HUM, NYP, SYP'),
    });
    expect(await status(referral)).toBe('AWAITING_DECISION');

    await quorum(soon);
    expect((await decide(soon)).status).toBe(200);
    expect(await status(referral)).toBe('DEFERRED');
  });

  it("counts the region's forces as the reference data has them when the meeting is arranged", async () => {
    const referral = await assessed({});
    const arrangedBefore = await createMeeting(0);
    // Regions and their forces are data: a fifth force joins YHROCU, so a quorum needs three of them.
    await stack.db.query(
      `INSERT INTO organisations (code, name, kind, region_code) VALUES ('TEST_FORCE', 'Test Constabulary', 'FORCE', 'YHROCU')`,
    );
    try {
      const arrangedAfter = await createMeeting(0);
      for (const meetingId of [arrangedBefore, arrangedAfter]) {
        await eventually(async () => expect((await meeting(meetingId)).agendaFrozen).toBe(true));
        await quorum(meetingId); // the chair, WYP and SYP
      }
      const decide = (meetingId: string) =>
        stack.http.post(
          `/meetings/${meetingId}/decisions`,
          { referralId: referral, decision: 'DEFER', rationale: 'x' },
          chair,
        );
      const refused = await decide(arrangedAfter);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'NOT_QUORATE',
        detail: expect.stringMatching(/3 of the region's 5 forces are needed, 2 attend .*absent: .*TEST_FORCE/),
      });
      // A meeting keeps the forces it was arranged with: two of four were a quorum then.
      expect((await decide(arrangedBefore)).status).toBe(200);
      expect(await status(referral)).toBe('DEFERRED');
    } finally {
      await stack.db.query(`DELETE FROM organisations WHERE code = 'TEST_FORCE'`);
    }
  });

  it("ratifies a covert item's urgent decision at the next covert commissioning meeting, not at a TTCG", async () => {
    const covert = await assessed({ route: 'COVERT_COMMISSIONING' }, { urgency: 'IMMEDIATE', threatToLife: true });
    const urgent = await stack.http.post(
      `/referrals/${covert}/urgent-decision`,
      { decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' },
      chair,
    );
    expect(urgent.status).toBe(200);
    const ttcg = await createMeeting(0);
    expect((await frozenAgenda(ttcg)).map((item) => item.referralId)).not.toContain(covert);
    // Nor does the live covert tasking come back to a TTCG for review, where agency members may sit.
    expect((await meeting(ttcg)).reviews.map((review) => review.referralId)).not.toContain(covert);
    const commissioning = await stack.http.post<{ id: string }>(
      '/meetings',
      { ...meetingBody(0, 30 * 60_000), type: 'COVERT_COMMISSIONING' },
      chair,
    );
    expect(commissioning.status).toBe(201);
    expect((await frozenAgenda(commissioning.body.id)).find((item) => item.referralId === covert)).toMatchObject({
      kind: 'RATIFICATION',
      urgentDecision: 'ADOPT_ROCU_LEAD',
    });
    expect((await meeting(commissioning.body.id)).reviews.map((review) => review.referralId)).toContain(covert);
  });

  it('passes over no item withdrawn after the agenda froze, and shows it as settled elsewhere', async () => {
    const withdrawn = await assessed({ harm: CRITICAL, likelihood: 5 });
    const below = await assessed({ harm: LOW, likelihood: 2 });
    const meetingId = await createMeeting(0);
    const frozen = await frozenAgenda(meetingId);
    const rankOf = (id: string) => frozen.find((item) => item.referralId === id)?.rank ?? 0;
    expect(rankOf(withdrawn)).toBeLessThan(rankOf(below));
    await quorum(meetingId);
    const withdrawal = await stack.http.post(
      `/referrals/${withdrawn}/withdraw`,
      { reason: 'Suspect charged' },
      referrer,
    );
    expect(withdrawal.status).toBe(200);

    const settled = (await meeting(meetingId)).agenda.filter((item) => item.settledElsewhere);
    expect(settled.map((item) => item.referralId)).toEqual([withdrawn]);
    const decide = (body: Record<string, unknown>) =>
      stack.http.post<{ passedOver: unknown[] }>(`/meetings/${meetingId}/decisions`, body, chair);
    // The other items above (earlier tests' undecided ones) go to a partner, which passes nothing over.
    const above = frozen.filter(
      (item) => item.kind === 'NEW' && item.rank < rankOf(below) && item.referralId !== withdrawn,
    );
    for (const item of above) {
      const referred = { decision: 'REFER_PARTNER', rationale: 'GAIN', onwardReference: `GAIN-${item.rank}` };
      expect((await decide({ referralId: item.referralId, ...referred })).status).toBe(200);
    }
    // Adopting below the withdrawn item needs no justification: no one can decide it any more.
    const adopted = await decide({ referralId: below, decision: 'ADOPT_ROCU_LEAD', rationale: 'Capacity' });
    expect({ status: adopted.status, passedOver: adopted.body.passedOver }).toEqual({ status: 200, passedOver: [] });

    // The close records it: the minutes say it was settled elsewhere, not that it rolls to the next meeting.
    expect((await stack.http.post(`/meetings/${meetingId}/close`, {}, chair)).status).toBe(200);
    const minutes = await eventually(async () => {
      const current = await stack.http.get<{ meeting: { status: string }; items: MinutesItem[] }>(
        `/meetings/${meetingId}/minutes`,
        chair,
      );
      expect(current.body.meeting.status).toBe('CLOSED');
      return current.body.items;
    });
    expect(minutes.filter((item) => item.settledElsewhere).map((item) => item.reference)).toEqual([
      frozen.find((item) => item.referralId === withdrawn)?.reference,
    ]);
    const printable = await fetch(`${stack.http.baseUrl}/meetings/${meetingId}/minutes?format=html`, {
      headers: { authorization: `Bearer ${chair}` },
    });
    expect((await printable.text()).match(/settled elsewhere/g)).toHaveLength(1);
  });

  it('ratifies an item decided urgently after the agenda froze at that meeting, and passes it over nowhere', async () => {
    const immediate = await assessed({ harm: CRITICAL, likelihood: 5 }, { urgency: 'IMMEDIATE', threatToLife: true });
    const below = await assessed({ harm: LOW, likelihood: 2 });
    const meetingId = await createMeeting(0);
    const frozen = await frozenAgenda(meetingId);
    const rankOf = (id: string) => frozen.find((item) => item.referralId === id)?.rank ?? 0;
    expect(frozen.find((item) => item.referralId === immediate)?.kind).toBe('NEW');
    expect(rankOf(immediate)).toBeLessThan(rankOf(below));
    await quorum(meetingId);
    const urgent = await stack.http.post(
      `/referrals/${immediate}/urgent-decision`,
      { decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' },
      chair,
    );
    expect(urgent.status).toBe(200);
    // This meeting is the next after the urgent decision: it shows the item as the ratification it has become.
    expect((await meeting(meetingId)).agenda.find((item) => item.referralId === immediate)).toMatchObject({
      kind: 'RATIFICATION',
      urgentDecision: 'ADOPT_ROCU_LEAD',
    });
    const decide = (body: Record<string, unknown>) =>
      stack.http.post<{ passedOver: unknown[]; ratification: boolean }>(
        `/meetings/${meetingId}/decisions`,
        body,
        chair,
      );
    // The other items above (earlier tests' undecided ones) go to a partner, which passes nothing over.
    const above = frozen.filter(
      (item) => item.kind === 'NEW' && item.rank < rankOf(below) && item.referralId !== immediate,
    );
    for (const item of above) {
      const referred = { decision: 'REFER_PARTNER', rationale: 'GAIN', onwardReference: `GAIN-U${item.rank}` };
      expect((await decide({ referralId: item.referralId, ...referred })).status).toBe(200);
    }
    // Adopting below it needs no justification: it is not undecided business of the ranking. (An id spelled in
    // capitals names the same item, as in a path.)
    const adopted = await decide({
      referralId: below.toUpperCase(),
      decision: 'ADOPT_ROCU_LEAD',
      rationale: 'Capacity',
    });
    expect({ status: adopted.status, passedOver: adopted.body.passedOver }).toEqual({ status: 200, passedOver: [] });
    const ratified = await decide({
      referralId: immediate,
      ratification: 'RATIFY',
      decision: 'ADOPT_ROCU_LEAD',
      rationale: 'Ratified',
    });
    expect({ status: ratified.status, ratification: ratified.body.ratification }).toEqual({
      status: 200,
      ratification: true,
    });
    const recorded = await stack.db.query<{ ratifiedIn: string }>(
      'SELECT ratified_in_meeting AS "ratifiedIn" FROM referrals WHERE id = $1',
      [immediate],
    );
    expect(recorded.rows).toEqual([{ ratifiedIn: meetingId }]);
    // Ratified, it stays shown as a ratification, and no later meeting lists it again.
    expect((await meeting(meetingId)).agenda.find((item) => item.referralId === immediate)?.kind).toBe('RATIFICATION');
    const next = await frozenAgenda(await createMeeting(0));
    expect(next.map((item) => item.referralId)).not.toContain(immediate);
  });

  it('refers an item to the NCA with its onward reference, and the NCA can then see it', async () => {
    const referral = await assessed({});
    const meetingId = await createMeeting(0);
    await eventually(async () => expect((await meeting(meetingId)).agendaFrozen).toBe(true));
    await quorum(meetingId);
    const decide = (body: Record<string, unknown>) => stack.http.post(`/meetings/${meetingId}/decisions`, body, chair);
    const missing = await decide({ referralId: referral, decision: 'REFER_NATIONAL', rationale: 'National threat' });
    expect(missing.status).toBe(400);
    expect((missing.body.errors as { field: string }[]).map((error) => error.field)).toEqual(['onwardReference']);
    const blank = await decide({
      referralId: referral,
      decision: 'REFER_NATIONAL',
      rationale: 'x',
      onwardReference: ' ',
    });
    expect((blank.body.errors as { field: string }[]).map((error) => error.field)).toEqual(['onwardReference']);
    const referred = await decide({
      referralId: referral,
      decision: 'REFER_NATIONAL',
      rationale: 'National threat',
      onwardReference: 'NCA-2026-0042',
    });
    expect(referred.status).toBe(200);
    const detail = await stack.http.get<{ status: string; onwardReference: string }>(
      `/referrals/${referral}`,
      assessor,
    );
    expect(detail.body).toMatchObject({ status: 'REFERRED_NATIONAL', onwardReference: 'NCA-2026-0042' });
    const nca = await stack.token(['NCA_LIAISON'], 'NCA');
    expect((await stack.http.get(`/referrals/${referral}`, nca)).status).toBe(200);
  });

  it('answers a keyed decision and a keyed close sent again as first answered, even once their outcome was lost', async () => {
    const referral = await assessed({});
    const meetingId = await createMeeting(0);
    await eventually(async () => expect((await meeting(meetingId)).agendaFrozen).toBe(true));
    await quorum(meetingId);
    const keyed = (name: string) => ({ 'Idempotency-Key': `${name}-${meetingId}` });
    const forget = (action: string) =>
      stack.db.query(
        `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'meeting:' || $1 || ':' || $2 || '-%'`,
        [meetingId, action],
      );
    // Not an adoption, which would need a justification for passing over the other tests' items ranked above it.
    const body = {
      referralId: referral,
      decision: 'REFER_NATIONAL',
      rationale: 'National threat',
      onwardReference: 'NCA-7',
    };
    const decide = (id = meetingId) => stack.http.post(`/meetings/${id}/decisions`, body, chair, keyed('decide'));
    const decided = await decide();
    expect(decided.status).toBe(200);
    expect(await decide()).toMatchObject({ status: 200, body: decided.body });
    // Without the key it is a second decision, refused.
    expect((await stack.http.post(`/meetings/${meetingId}/decisions`, body, chair)).status).toBe(409);
    expect((await forget('decideItem')).rowCount).toBe(1);
    // However the client spells the meeting's id, the key is the same: another body is refused, this one answered.
    const upperCase = meetingId.toUpperCase();
    const changed = { ...body, rationale: 'Another reason' };
    const reused = await stack.http.post(`/meetings/${upperCase}/decisions`, changed, chair, keyed('decide'));
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await decide(upperCase)).toMatchObject({ status: 200, body: decided.body });

    // Closing ends the meeting's workflow: Temporal still answers for the Update that closed it.
    const close = () => stack.http.post(`/meetings/${meetingId}/close`, { remarks: 'Done' }, chair, keyed('close'));
    const closed = await close();
    expect(closed.status).toBe(200);
    expect((await forget('closeMeeting')).rowCount).toBe(1);
    expect(await close()).toMatchObject({ status: 200, body: closed.body });
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meeting_decisions WHERE meeting_id = $1 AND referral_id = $2`,
      [meetingId, referral],
    );
    expect(rows[0].n).toBe(1);
  });

  it('answers a keyed decision sent again as first answered after the chair is recused from its item', async () => {
    const referral = await assessed({});
    const meetingId = await createMeeting(0);
    await eventually(async () => expect((await meeting(meetingId)).agendaFrozen).toBe(true));
    await quorum(meetingId);
    const body = { referralId: referral, decision: 'DEFER', rationale: 'More intelligence needed' };
    const decide = () =>
      stack.http.post(`/meetings/${meetingId}/decisions`, body, chair, { 'Idempotency-Key': `defer-${meetingId}` });
    const decided = await decide();
    expect(decided.status).toBe(200);
    // A conflict the chair declares afterwards (at an allocation, say) puts them on the register for it.
    const declared = await stack.db.query(
      `INSERT INTO conflict_declarations (referral_id, person_sub, person_name, details, recorded_by_sub, recorded_at, source)
       VALUES ($1, 'chair-1', 'Det Supt Chair', 'Knows the subject', 'chair-1', now(), 'ALLOCATION')`,
      [referral],
    );
    expect(declared.rowCount).toBe(1);
    const unkeyed = await stack.http.post(`/meetings/${meetingId}/decisions`, body, chair);
    expect(unkeyed.body).toMatchObject({ status: 403, code: 'RECUSED' });
    expect(await decide()).toMatchObject({ status: 200, body: decided.body });
    // So too once the decision's recorded outcome was lost: Temporal answers for its Update.
    const forgot = await stack.db.query(
      `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'meeting:' || $1 || ':decideItem-%'`,
      [meetingId],
    );
    expect(forgot.rowCount).toBe(1);
    expect(await decide()).toMatchObject({ status: 200, body: decided.body });
  });

  it('keeps meetings to their region and decisions to chairs', async () => {
    const meetingId = await createMeeting(0);
    const otherChair = await stack.token(['TTCG_CHAIR'], 'EMSOU');
    expect((await stack.http.get(`/meetings/${meetingId}`, otherChair)).status).toBe(404);
    expect((await stack.http.get(`/meetings/${meetingId}`, referrer)).status).toBe(404);
    const member = await stack.token(['TTCG_MEMBER'], 'WYP'); // a force's member of its region's TTCG
    expect((await stack.http.get(`/meetings/${meetingId}`, member)).status).toBe(200);
    expect((await stack.http.post(`/meetings/${meetingId}/close`, {}, member)).status).toBe(403);
    const foreign = await stack.http.post(
      '/meetings',
      { region: 'EMSOU', type: 'TTCG', scheduledFor: new Date(Date.now() + 86_400_000).toISOString() },
      chair,
    );
    expect(foreign.status).toBe(403);
    const bad = await stack.http.post(
      '/meetings',
      { region: 'YHROCU', type: 'TEA_PARTY', scheduledFor: 'tomorrow' },
      chair,
    );
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'scheduledFor',
      'type',
    ]);
  });

  it('arranges one meeting for an Idempotency-Key, whatever the repeats, and refuses the key with another body', async () => {
    const body = meetingBody(60 * 60_000, 2 * 60 * 60_000);
    const arrange = (sent: unknown, key = 'extra-meeting-key-1') =>
      stack.http.post<{ id: string; scheduledFor: string }>('/meetings', sent, chair, { 'Idempotency-Key': key });
    // A request refused by the rules (a time passed) makes nothing: its key serves the corrected one at once.
    const past = await arrange({ ...body, scheduledFor: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    const [first, concurrent] = await Promise.all([arrange(body), arrange(body)]);
    expect([first.status, concurrent.status]).toEqual([201, 201]);
    expect(concurrent.body.id).toBe(first.body.id);
    const again = await arrange(body);
    expect(again.body).toEqual(first.body);
    const changed = await arrange({ ...body, type: 'COVERT_COMMISSIONING' });
    expect(changed).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM meetings WHERE scheduled_for = $1`, [
      first.body.scheduledFor,
    ]);
    expect(rows[0].n).toBe(1);
    // Another person's same key is theirs alone.
    const theirs = await stack.http.post<{ id: string }>('/meetings', body, deputy, {
      'Idempotency-Key': 'extra-meeting-key-1',
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it("bounds a meeting's attendance, so repeated recordings cannot outgrow its workflow", async () => {
    const meetingId = await createMeeting(60 * 60_000, 2 * 60 * 60_000);
    const people = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        sub: `guest-${from + index}`,
        name: `Guest ${from + index}`,
        org: 'WYP',
        conflicts: [],
      }));
    const attend = (body: Record<string, unknown>) =>
      stack.http.post<{ attendees?: unknown[]; errors?: { field: string; code: string }[] }>(
        `/meetings/${meetingId}/attendance`,
        body,
        chair,
      );
    expect((await attend({ attendees: people(0, 100) })).status).toBe(200);
    expect((await attend({ attendees: people(100, 100) })).status).toBe(200);
    const over = await attend({ attendees: people(200, 1) });
    expect(over).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'attendees', code: 'too_many' })] },
    });
    // One in, one out keeps it at the bound; people listed again count once.
    const swapped = await attend({ attendees: [...people(200, 1), ...people(0, 1)], removed: ['guest-1'] });
    expect(swapped.status).toBe(200);
    expect(swapped.body.attendees).toHaveLength(200);
    const repeated = await attend({ attendees: [{ ...people(0, 1)[0], conflicts: [meetingId, meetingId] }] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors).toEqual([
      expect.objectContaining({ field: 'attendees[0].conflicts', code: 'arrayUnique' }),
    ]);
  });

  it('takes people recorded in error off the attendance: the quorum, recusals and who may see the meeting follow', async () => {
    const referral = await assessed({});
    const meetingId = await createMeeting(0);
    await eventually(async () => expect((await meeting(meetingId)).agendaFrozen).toBe(true));
    const nca = await stack.token(['TTCG_MEMBER'], 'NCA', 'nca-removed-1');
    const ncaMember = { sub: 'nca-removed-1', name: 'NCA Liaison Officer', org: 'NCA', conflicts: [referral] };
    await quorum(meetingId);
    const attend = (body: Record<string, unknown>) =>
      stack.http.post<{ attendees: { sub: string }[] }>(`/meetings/${meetingId}/attendance`, body, chair);
    expect((await attend({ attendees: [ncaMember] })).status).toBe(200);
    await eventually(async () => expect((await stack.http.get(`/meetings/${meetingId}`, nca)).status).toBe(200));

    const removal = { attendees: [], removed: ['member-syp', 'nca-removed-1'] };
    const removed = await attend(removal);
    expect(removed.status).toBe(200);
    expect(removed.body.attendees.map((attendee) => attendee.sub).sort()).toEqual(['chair-1', 'member-wyp']);
    await eventually(async () => {
      const current = await meeting(meetingId);
      expect(current.attendees.map((attendee) => attendee.sub).sort()).toEqual(['chair-1', 'member-wyp']);
      expect(current.agenda.find((item) => item.referralId === referral)?.recusedMembers).toEqual([]);
    });
    expect((await stack.http.get(`/meetings/${meetingId}`, nca)).status).toBe(404);
    const decide = () =>
      stack.http.post(
        `/meetings/${meetingId}/decisions`,
        { referralId: referral, decision: 'DEFER', rationale: 'x' },
        chair,
      );
    const notQuorate = await decide();
    expect(notQuorate.status).toBe(409);
    expect(notQuorate.body).toMatchObject({ code: 'NOT_QUORATE', detail: expect.stringContaining('SYP') });

    // Sent again, it removes nobody twice; what was declared stays in the register; the audit names who left.
    expect((await attend(removal)).status).toBe(200);
    const declared = await stack.db.query(
      `SELECT person_sub FROM conflict_declarations WHERE meeting_id = $1 AND referral_id = $2`,
      [meetingId, referral],
    );
    expect(declared.rows).toEqual([{ person_sub: 'nca-removed-1' }]);
    const audited = await stack.db.query(
      `SELECT details->'removed' AS removed FROM audit_log
        WHERE entity_id = $1 AND action = 'MEETING_ATTENDANCE_RECORDED' AND details ? 'removed'`,
      [meetingId],
    );
    expect(audited.rows).toEqual([{ removed: ['member-syp', 'nca-removed-1'] }]);

    // Recorded again, they attend again.
    expect((await attend({ attendees: [FORCE_MEMBERS[1]] })).status).toBe(200);
    expect((await decide()).status).toBe(200);

    // Once a decision is recorded, the minutes show who was there: nobody is taken off any more.
    const late = await attend({ attendees: [], removed: ['member-wyp'] });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'NOT_ALLOWED_IN_STATE', detail: expect.stringContaining('minutes') });
    expect((await meeting(meetingId)).attendees.map((attendee) => attendee.sub).sort()).toEqual([
      'chair-1',
      'member-syp',
      'member-wyp',
    ]);
  });

  it('refuses an attendance that lists a person it removes, or removes nobody by a bad id, naming each field', async () => {
    const meetingId = await createMeeting(60_000);
    const before = (await meeting(meetingId)).attendees;
    const refused = await stack.http.post<Problem>(
      `/meetings/${meetingId}/attendance`,
      { attendees: [FORCE_MEMBERS[0], FORCE_MEMBERS[1]], removed: ['member-syp'] },
      chair,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field)).toEqual(['removed[0]']);
    // A person listed twice is named with the body's other errors, in one 400.
    const twice = await stack.http.post<Problem>(
      `/meetings/${meetingId}/attendance`,
      { attendees: [FORCE_MEMBERS[0], { ...FORCE_MEMBERS[0], org: 'wyp' }], removed: ['member-wyp'] },
      chair,
    );
    expect(twice.body.errors?.map((error) => error.field)).toEqual([
      'attendees[1].org',
      'attendees[1].sub',
      'removed[0]',
    ]);
    // An organisation the reference data does not have would count towards no force's quorum.
    const unknownOrg = await stack.http.post<Problem>(
      `/meetings/${meetingId}/attendance`,
      { attendees: [FORCE_MEMBERS[0], { ...FORCE_MEMBERS[1], org: 'SYPX' }] },
      chair,
    );
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body.errors?.map((error) => error.field)).toEqual(['attendees[1].org']);
    const malformed = await stack.http.post<Problem>(
      `/meetings/${meetingId}/attendance`,
      { attendees: [], removed: ['x', 'x', '', null] },
      chair,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.map((error) => error.field)).toEqual(expect.arrayContaining(['removed']));
    expect((await meeting(meetingId)).attendees).toEqual(before);
  });

  it('shows an agency member the meetings they are recorded as attending, and no other', async () => {
    const meetingId = await createMeeting(60_000);
    const attending = await stack.token(['TTCG_MEMBER'], 'NCA', 'nca-member-1');
    const absent = await stack.token(['TTCG_MEMBER'], 'HMRC', 'hmrc-member-1');
    expect((await stack.http.get(`/meetings/${meetingId}`, attending)).status).toBe(404);

    const recorded = await stack.http.post(
      `/meetings/${meetingId}/attendance`,
      { attendees: [{ sub: 'nca-member-1', name: 'NCA Liaison Officer', org: 'NCA', conflicts: [] }] },
      chair,
    );
    expect(recorded.status).toBe(200);
    expect((await stack.http.get(`/meetings/${meetingId}`, attending)).status).toBe(200);
    const listed = await stack.http.get<{ items: { id: string; region: string }[] }>('/meetings', attending);
    expect(listed.body.items.map((item) => item.id)).toEqual([meetingId]);
    // Seeing is not acting: only the chair records attendance.
    const acting = await stack.http.post(`/meetings/${meetingId}/attendance`, { attendees: [] }, attending);
    expect(acting.status).toBe(403);

    expect((await stack.http.get(`/meetings/${meetingId}`, absent)).status).toBe(404);
    expect((await stack.http.get<{ total: number }>('/meetings', absent)).body.total).toBe(0);
  });
});
