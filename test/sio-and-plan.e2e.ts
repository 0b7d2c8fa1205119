import { Client, Connection } from '@temporalio/client';
import { planWorkflowId } from '@rocu/contracts';
import { ratifyUrgentAdoptions } from './support/meeting-fixtures';
import { eventually, workedExampleAssessment } from './support/referral-fixtures';
import { Stack } from './support/stack';
import {
  activeReferral,
  adoptedReferral,
  addPlanAction,
  FIXTURE_OVERLOAD,
  lroReplacementBody,
  ok,
  planActionBody,
  planOwnerTokens,
  reallocationBody,
  SIO_DRUGS_AND_FIREARMS,
  SIO_DRUGS_AND_SLAVERY,
  WYP_LRO,
} from './support/tasking-fixtures';
import { testEnvironment } from './support/test-environment';

/** Allocation due 8 s after adoption; joint reviews every 20 s; the plan continues as new every 40 events. */
const PLAN_POLICY = {
  allocation: { due: { elapsedMs: 8_000 }, reminderFraction: 0.5 },
  review: { every: { elapsedMs: 20_000 }, reminderFraction: 0.5 },
};

interface Candidate {
  sub: string;
  workload: { points: number; taskings: number };
  workloadAfterAllocation: { points: number; taskings: number };
  eligible: boolean;
  ineligibleReasons: string[];
}
interface Action {
  id: string;
  pillar: string;
  description: string;
  status: string;
  version: number;
  outcome: string | null;
}
interface Plan {
  status: string;
  sio: { sub: string };
  lro: { sub: string; org: string };
  actions: Action[];
  disruptions: { pillar: string; significance: string }[];
  reviews: { complete: boolean; completedAt: string | null; signatures: { role: string }[] }[];
  missedReviews: { dueAt: string }[];
  reviewOverdue: boolean;
  nextReviewDueAt: string;
  nextReviewOpensAt: string | null;
  balance: Record<string, { actions: Record<string, number>; disruptions: Record<string, number> }>;
}

describe('SIO allocation and the 4P plan (issue 5)', () => {
  let stack: Stack;
  let temporal: Connection;
  let manager: string;
  let referrer: string;
  let assessor: string;

  beforeAll(async () => {
    stack = await Stack.start({
      env: { PLAN_POLICY_JSON: JSON.stringify(PLAN_POLICY), PLAN_CONTINUE_AS_NEW_AFTER_EVENTS: '40' },
    });
    temporal = await Connection.connect({ address: testEnvironment().temporalAddress });
    manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
  });

  afterAll(async () => {
    await temporal?.close();
    await stack.stop();
  });

  const candidates = async (query: string): Promise<Map<string, Candidate>> => {
    const response = await stack.http.get<{ items: Candidate[] }>(`/officers?${query}`, manager);
    expect(response.status).toBe(200);
    return new Map(response.body.items.map((candidate) => [candidate.sub, candidate]));
  };
  const plan = async (id: string, token: string): Promise<Plan> => {
    const response = await stack.http.get<Plan>(`/referrals/${id}/plan`, token);
    expect(response.status).toBe(200);
    return response.body;
  };
  const allocate = (id: string, officerSub: string, conflictDeclaration: Record<string, unknown>) =>
    stack.http.post<{ status: string; code?: string }>(
      `/referrals/${id}/sio`,
      { officerSub, justification: 'Specialism and capacity', conflictDeclaration },
      manager,
    );

  it('adopt -> allocate (conflict refused, workload moves) -> LRO -> 4P actions -> disruption -> joint review -> overdue review -> close -> re-assess', async () => {
    const id = await adoptedReferral(stack);
    const adopted = await stack.http.get<{
      status: string;
      deadlines: { stage: string }[];
      availableActions: string[];
    }>(`/referrals/${id}`, manager);
    expect(adopted.body.status).toBe('ADOPTED');
    expect(adopted.body.deadlines.map((deadline) => deadline.stage)).toContain('ALLOCATION');
    expect(adopted.body.availableActions).toContain('ALLOCATE_SIO');

    // Candidates for this referral: drugs and firearms; the best match first.
    const before = await candidates(`referralId=${id}`);
    const [first] = (await stack.http.get<{ items: Candidate[] }>(`/officers?referralId=${id}`, manager)).body.items;
    expect(first.sub).toBe(SIO_DRUGS_AND_FIREARMS);
    const chosenBefore = before.get(SIO_DRUGS_AND_SLAVERY);
    expect(chosenBefore?.workloadAfterAllocation.points).toBe((chosenBefore?.workload.points ?? 0) + 3); // P2 costs 3

    // The first choice declares a conflict: recorded, audited, refused, and blocked from now on.
    const conflicted = await allocate(id, SIO_DRUGS_AND_FIREARMS, {
      hasConflict: true,
      details: 'Related to a nominal',
    });
    expect(conflicted.status).toBe(422);
    expect(conflicted.body.code).toBe('CONFLICT_OF_INTEREST');
    const declarations = await stack.db.query(`SELECT person_sub FROM conflict_declarations WHERE referral_id = $1`, [
      id,
    ]);
    expect(declarations.rows).toEqual([{ person_sub: SIO_DRUGS_AND_FIREARMS }]);
    const audited = await stack.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'CONFLICT_OF_INTEREST_DECLARED'`,
      [id],
    );
    expect(audited.rows[0].n).toBe(1);
    expect((await candidates(`referralId=${id}`)).get(SIO_DRUGS_AND_FIREARMS)).toMatchObject({
      eligible: false,
      ineligibleReasons: ['CONFLICT_DECLARED'],
    });
    const blocked = await allocate(id, SIO_DRUGS_AND_FIREARMS, { hasConflict: false });
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('CONFLICT_OF_INTEREST');

    const allocated = await allocate(id, SIO_DRUGS_AND_SLAVERY, { hasConflict: false });
    expect(allocated.status).toBe(200);
    expect(allocated.body.status).toBe('SIO_ALLOCATED');
    const after = (await candidates('role=SIO')).get(SIO_DRUGS_AND_SLAVERY);
    expect(after?.workload).toMatchObject({
      points: (chosenBefore?.workload.points ?? 0) + 3,
      taskings: (chosenBefore?.workload.taskings ?? 0) + 1,
    });

    // The referring force names its LRO: the plan starts.
    const named = await stack.http.post<{ status: string }>(
      `/referrals/${id}/lro`,
      { officerSub: WYP_LRO, name: 'DI Clarke' },
      referrer,
    );
    expect(named.status).toBe(200);
    expect(named.body.status).toBe('ACTIVE');

    const owners = await planOwnerTokens(stack);
    const started = await plan(id, owners.sio);
    expect(started).toMatchObject({
      status: 'OPEN',
      sio: { sub: SIO_DRUGS_AND_SLAVERY },
      lro: { sub: WYP_LRO, org: 'WYP' },
    });
    // Everyone who may see the referral sees the whole plan; others do not learn it exists.
    expect((await stack.http.get(`/referrals/${id}/plan`, referrer)).status).toBe(200);
    expect((await stack.http.get(`/referrals/${id}/plan`, manager)).status).toBe(200);
    expect((await stack.http.get(`/referrals/${id}/plan`, await stack.token(['FORCE_REFERRER'], 'KENT'))).status).toBe(
      404,
    );

    // Actions in all four pillars, by both owners; nobody else may add one.
    const action = (pillar: string, token: string) =>
      stack.http.post<Action>(
        `/referrals/${id}/plan/actions`,
        {
          pillar,
          description: `${pillar} action`,
          ownerOrg: pillar === 'PURSUE' ? 'YHROCU' : 'WYP',
          ownerName: 'DS Owner',
          dueAt: '2027-01-31T17:00:00Z',
          partners: pillar === 'PREVENT' ? ['Leeds City Council'] : undefined,
        },
        token,
      );
    const pursue = await action('PURSUE', owners.sio);
    expect(pursue.status).toBe(201);
    expect(pursue.body).toMatchObject({ pillar: 'PURSUE', status: 'PLANNED', version: 1 });
    for (const pillar of ['PREVENT', 'PROTECT', 'PREPARE']) expect((await action(pillar, owners.lro)).status).toBe(201);
    // Another SIO of the region is not assigned: need-to-know hides the tasking from them altogether.
    expect((await action('PURSUE', await stack.token(['SIO'], 'YHROCU', SIO_DRUGS_AND_FIREARMS))).status).toBe(404);
    expect((await action('PURSUE', referrer)).status).toBe(403);

    // Optimistic concurrency: a stale version is 409 and changes nothing.
    const moved = await stack.http.request<Action>('PATCH', `/referrals/${id}/plan/actions/${pursue.body.id}`, {
      token: owners.lro,
      body: { status: 'ACTIVE', version: 1 },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.version).toBe(2);
    const stale = await stack.http.request<{ code: string; currentVersion?: number }>(
      'PATCH',
      `/referrals/${id}/plan/actions/${pursue.body.id}`,
      { token: owners.sio, body: { status: 'ABANDONED', outcome: 'Superseded', version: 1 } },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await plan(id, owners.sio)).actions.find((each) => each.id === pursue.body.id)).toMatchObject({
      status: 'ACTIVE',
      version: 2,
      outcome: null,
    });

    // A retried request with the same Idempotency-Key answers with the first outcome and adds nothing.
    const once = {
      pillar: 'PREVENT',
      description: 'Schools talk',
      ownerOrg: 'WYP',
      ownerName: 'PC Talk',
      dueAt: '2027-02-01T12:00:00Z',
    };
    const firstTry = await stack.http.post<Action>(`/referrals/${id}/plan/actions`, once, owners.lro, {
      'idempotency-key': 'prevent-talk-1',
    });
    const repeat = await stack.http.post<Action>(`/referrals/${id}/plan/actions`, once, owners.lro, {
      'idempotency-key': 'prevent-talk-1',
    });
    expect(repeat.status).toBe(201);
    expect(firstTry.status).toBe(201);
    expect(repeat.body.id).toBe(firstTry.body.id);
    expect((await plan(id, owners.sio)).actions.filter((each) => each.id === firstTry.body.id)).toHaveLength(1);

    const disruption = await stack.http.post(
      `/referrals/${id}/plan/disruptions`,
      {
        pillar: 'PURSUE',
        significance: 'MAJOR',
        description: 'Supply line dismantled',
        occurredAt: '2026-11-20T06:00:00Z',
      },
      owners.sio,
    );
    expect(disruption.status).toBe(201);

    // A joint review is complete only when both have signed.
    const opened = await stack.http.post<{ complete: boolean }>(
      `/referrals/${id}/plan/reviews`,
      { summary: 'On track' },
      owners.sio,
    );
    expect(opened.status).toBe(200);
    expect(opened.body.complete).toBe(false);
    expect((await stack.http.post(`/referrals/${id}/plan/reviews`, { summary: 'Again' }, owners.sio)).status).toBe(409);
    const signed = await stack.http.post<{ complete: boolean; signatures: { role: string }[] }>(
      `/referrals/${id}/plan/reviews`,
      { summary: 'Agreed; Prevent work with the council' },
      owners.lro,
    );
    expect(signed.status).toBe(200);
    expect(signed.body.complete).toBe(true);
    expect(signed.body.signatures.map((signature) => signature.role)).toEqual(['SIO', 'LRO']);
    // One review a cycle: the next opens at the new cycle's reminder (half its 20 s), and the plan says when (until
    // then: a loaded machine may read it later, and the projected time is checked whatever the read says).
    const reviewed = await plan(id, owners.sio);
    const readBy = Date.now();
    const completedAt = Date.parse(reviewed.reviews.find((review) => review.complete)?.completedAt ?? '');
    const projected = await stack.db.query(`SELECT next_review_opens_at AS "at" FROM plans WHERE referral_id = $1`, [
      id,
    ]);
    expect(projected.rows).toEqual([{ at: new Date(completedAt + 10_000) }]);
    if (readBy < completedAt + 10_000)
      expect(reviewed.nextReviewOpensAt).toBe(new Date(completedAt + 10_000).toISOString());

    // The next review is not held: it is reminded, then recorded as missed and escalated. (On a loaded machine the
    // review above can complete after the first cycle's due date, a miss it made good: wait for a miss after it.)
    const overdue = await eventually(
      async () => {
        const current = await plan(id, owners.sio);
        const completedAt = current.reviews.find((review) => review.complete)?.completedAt;
        expect(completedAt).toEqual(expect.any(String));
        expect(current.missedReviews.some((missed) => missed.dueAt > completedAt!)).toBe(true);
        return current;
      },
      60_000,
      500,
    );
    expect(overdue.reviewOverdue).toBe(true);
    // The cycle that missed its review had none: one may be opened at once.
    expect(overdue.nextReviewOpensAt).toBeNull();
    const notices = await stack.db.query(
      `SELECT DISTINCT kind, recipient_role AS role, recipient_org AS org, recipient_sub AS sub FROM notifications
        WHERE referral_id = $1 AND kind LIKE 'PLAN_%' ORDER BY kind, role`,
      [id],
    );
    expect(notices.rows).toEqual([
      { kind: 'PLAN_REVIEW_OVERDUE', role: 'FORCE_REFERRER', org: 'WYP', sub: null },
      { kind: 'PLAN_REVIEW_OVERDUE', role: 'ROCU_MANAGER', org: 'YHROCU', sub: null },
      { kind: 'PLAN_REVIEW_REMINDER', role: 'LRO', org: 'WYP', sub: WYP_LRO },
      { kind: 'PLAN_REVIEW_REMINDER', role: 'SIO', org: 'YHROCU', sub: SIO_DRUGS_AND_SLAVERY },
    ]);

    // The 4P balance counts actions by status and disruptions by significance, per pillar.
    expect(overdue.balance.PURSUE).toEqual({
      actions: { total: 1, PLANNED: 0, ACTIVE: 1, COMPLETE: 0, ABANDONED: 0 },
      disruptions: { total: 1, MAJOR: 1, MODERATE: 0, MINOR: 0 },
    });
    for (const [pillar, planned] of [
      ['PREVENT', 2],
      ['PROTECT', 1],
      ['PREPARE', 1],
    ] as const) {
      expect(overdue.balance[pillar].actions).toMatchObject({ total: planned, PLANNED: planned });
      expect(overdue.balance[pillar].disruptions.total).toBe(0);
    }
    const region = await stack.http.get<{ region: string; plans: number; balance: Plan['balance'] }>(
      '/reports/4p-balance',
      manager,
    );
    expect(region.body).toMatchObject({ region: 'YHROCU', plans: 1 });
    expect(region.body.balance).toEqual(overdue.balance);

    // The plan has continued as new on the way, keeping everything.
    const executions = new Client({ connection: temporal }).workflow.list({
      query: `WorkflowId = '${planWorkflowId(id)}'`,
    });
    const runs: string[] = [];
    for await (const run of executions) runs.push(run.status.name);
    expect(runs).toContain('CONTINUED_AS_NEW');

    // An urgent adoption awaits its ratification: until a meeting ratifies it the tasking cannot close.
    const early = await stack.http.post<{ code: string; detail: string }>(
      `/referrals/${id}/close`,
      { outcome: 'Too soon' },
      manager,
    );
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOT_ALLOWED_IN_STATE');
    expect(early.body.detail).toContain('once its urgent decision is ratified');
    const pending = await stack.http.get<{ tasking: { ratificationPending: boolean }; availableActions: string[] }>(
      `/referrals/${id}`,
      manager,
    );
    expect(pending.body.tasking.ratificationPending).toBe(true);
    expect(pending.body.availableActions).not.toContain('CLOSE');
    await ratifyUrgentAdoptions(stack, [id]);
    const ratified = await stack.http.get<{ tasking: { ratificationPending: boolean }; availableActions: string[] }>(
      `/referrals/${id}`,
      manager,
    );
    expect(ratified.body.tasking.ratificationPending).toBe(false);
    expect(ratified.body.availableActions).toContain('CLOSE');

    // Closing makes the plan read-only and prompts a re-assessment.
    const closed = await stack.http.post<{ status: string }>(
      `/referrals/${id}/close`,
      { outcome: 'Principals charged; supply line disrupted' },
      manager,
    );
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('CLOSED');
    expect((await plan(id, owners.lro)).status).toBe('CLOSED');
    expect((await action('PURSUE', owners.sio)).status).toBe(409);
    const lateChange = await stack.http.request('PATCH', `/referrals/${id}/plan/actions/${pursue.body.id}`, {
      token: owners.sio,
      body: { status: 'COMPLETE', outcome: 'Done', version: 2 },
    });
    expect(lateChange.status).toBe(409);
    const detail = await stack.http.get<{
      tasking: { reassessmentDue: boolean; closureOutcome: string };
      availableActions: string[];
    }>(`/referrals/${id}`, assessor);
    expect(detail.body.tasking).toMatchObject({
      reassessmentDue: true,
      closureOutcome: 'Principals charged; supply line disrupted',
    });
    expect(detail.body.availableActions).toEqual(['ASSESS']);
    const prompt = await stack.db.query(
      `SELECT recipient_role AS role FROM notifications WHERE referral_id = $1 AND kind = 'REFERRAL_CLOSED' ORDER BY 1`,
      [id],
    );
    expect(prompt.rows).toEqual([{ role: 'FORCE_REFERRER' }, { role: 'GATEWAY_ASSESSOR' }]);
    expect((await candidates('role=SIO')).get(SIO_DRUGS_AND_SLAVERY)?.workload.points).toBe(
      chosenBefore?.workload.points,
    );

    // The re-assessment adds a new score to the subject's history; the referral stays closed.
    const rescored = await stack.http.post<{ status: string }>(
      `/referrals/${id}/assessment`,
      workedExampleAssessment({ likelihood: 2 }),
      assessor,
    );
    expect(rescored.status).toBe(200);
    expect(rescored.body.status).toBe('CLOSED');
    const scores = await stack.db.query(`SELECT count(*)::int AS n FROM assessments WHERE referral_id = $1`, [id]);
    expect(scores.rows[0].n).toBe(2);
    const done = await stack.http.get<{ tasking: { reassessmentDue: boolean }; availableActions: string[] }>(
      `/referrals/${id}`,
      assessor,
    );
    expect(done.body.tasking.reassessmentDue).toBe(false);
    expect(done.body.availableActions).toEqual([]);
  });

  it('closes a tasking once when closures arrive together or in quick succession: the others are 409, never a 500', async () => {
    // Found by the body fuzz: a closure validated while the first one's signal to the plan was in flight sent
    // its own signal after the plan had ended, and failed with an unknown error (a 500). Closures a few
    // milliseconds apart aim at that window; the first three arrive together.
    const id = await activeReferral(stack);
    await ratifyUrgentAdoptions(stack, [id]);
    const delays = [0, 0, 0, 20, 40, 60, 90, 120, 160, 200];
    const closures = await Promise.all(
      delays.map(async (delay, index) => {
        await new Promise((wake) => setTimeout(wake, delay));
        return stack.http.post<{ status: string; code?: string }>(
          `/referrals/${id}/close`,
          { outcome: `Outcome ${index}` },
          manager,
        );
      }),
    );
    expect(closures.map((closure) => closure.status).sort()).toEqual([200, ...delays.slice(1).map(() => 409)]);
    expect(new Set(closures.filter((closure) => closure.status === 409).map((closure) => closure.body.code))).toEqual(
      new Set(['NOT_ALLOWED_IN_STATE']),
    );
    const closed = await stack.db.query(
      `SELECT count(*)::int AS n FROM referral_history WHERE referral_id = $1 AND action = 'CLOSE'`,
      [id],
    );
    expect(closed.rows[0].n).toBe(1);
    expect((await plan(id, (await planOwnerTokens(stack)).lro)).status).toBe('CLOSED');
  });

  it('answers each keyed tasking change sent again as first answered, even once its outcome was lost', async () => {
    const id = await adoptedReferral(stack);
    const steps: [kind: string, path: string, body: Record<string, unknown>, token: string, unkeyedRepeat: number][] = [
      [
        'ALLOCATE_SIO',
        'sio',
        {
          officerSub: SIO_DRUGS_AND_SLAVERY,
          justification: 'Drugs specialist',
          exceptionJustification: FIXTURE_OVERLOAD,
          conflictDeclaration: { hasConflict: false },
        },
        manager,
        409,
      ],
      ['NAME_LRO', 'lro', { officerSub: WYP_LRO, name: 'DI Clarke' }, referrer, 409],
      ['REALLOCATE_SIO', 'sio/reallocation', reallocationBody(), manager, 422],
      ['REPLACE_LRO', 'lro/replacement', lroReplacementBody(), referrer, 422],
      ['CLOSE', 'close', { outcome: 'Charged' }, manager, 409],
    ];
    // A declared conflict is recorded (the Update completed) and answered 422: its key stays with it, so the same
    // request is answered so again and another under the key is refused, not taken as a corrected request.
    const conflictKey = { 'Idempotency-Key': `conflict-${id}` };
    const declared = {
      officerSub: 'sio-yhrocu-2',
      justification: 'Available',
      exceptionJustification: FIXTURE_OVERLOAD,
      conflictDeclaration: { hasConflict: true, details: 'Related to a nominal' },
    };
    const declare = () => stack.http.post(`/referrals/${id}/sio`, declared, manager, conflictKey);
    expect((await declare()).body).toMatchObject({ status: 422, code: 'CONFLICT_OF_INTEREST' });
    expect((await declare()).body).toMatchObject({ status: 422, code: 'CONFLICT_OF_INTEREST' });
    const otherOfficer = { ...steps[0][2], conflictDeclaration: { hasConflict: false } };
    const reused = await stack.http.post(`/referrals/${id}/sio`, otherOfficer, manager, conflictKey);
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });

    for (const [kind, path, body, token, unkeyedRepeat] of steps) {
      const send = (headers: Record<string, string> = { 'Idempotency-Key': `${kind}-${id}` }) =>
        stack.http.post(`/referrals/${id}/${path}`, body, token, headers);
      if (kind === 'CLOSE') await ratifyUrgentAdoptions(stack, [id]); // it closes once its adoption is ratified
      const first = await send();
      expect({ kind, status: first.status }).toEqual({ kind, status: 200 });
      // As an API crash between the Update and recording its outcome would leave the key (the newest of its kind:
      // the declared conflict's key is an allocation's too).
      const forgotten = await stack.db.query(
        `UPDATE idempotency_keys SET outcome = NULL WHERE key_id = (SELECT key_id FROM idempotency_keys
           WHERE key_id LIKE 'referral:' || $1 || ':' || $2 || '-%' ORDER BY created_at DESC LIMIT 1)`,
        [id, kind],
      );
      expect(forgotten.rowCount).toBe(1);
      expect(await send()).toMatchObject({ status: 200, body: first.body });
      // Without the key it is a second change, refused by the rules.
      expect({ kind, status: (await send({})).status }).toEqual({ kind, status: unkeyedRepeat });
    }
    const { rows } = await stack.db.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM referral_history WHERE referral_id = $1 GROUP BY action`,
      [id],
    );
    const counts = Object.fromEntries(rows.map((row) => [row.action, row.n]));
    expect(steps.map(([kind]) => counts[kind])).toEqual(steps.map(() => 1));
  });

  it('reminds the ROCU manager to allocate an SIO and escalates when the allocation deadline passes', async () => {
    const id = await adoptedReferral(stack);
    const allocation = await eventually(
      async () => {
        const detail = await stack.http.get<{
          deadlines: { stage: string; escalatedAt?: string; remindedAt?: string }[];
        }>(`/referrals/${id}`, manager);
        const found = detail.body.deadlines.find((deadline) => deadline.stage === 'ALLOCATION');
        expect(found?.escalatedAt).toEqual(expect.any(String));
        return found;
      },
      30_000,
      250,
    );
    expect(allocation?.remindedAt).toEqual(expect.any(String));
    const { rows } = await stack.db.query(
      `SELECT kind, recipient_role AS role FROM notifications WHERE referral_id = $1 AND kind LIKE 'DEADLINE_%' ORDER BY kind`,
      [id],
    );
    expect(rows).toEqual([
      { kind: 'DEADLINE_ESCALATION', role: 'ROCU_MANAGER' },
      { kind: 'DEADLINE_REMINDER', role: 'ROCU_MANAGER' },
    ]);
  });

  it('rejects bad allocation, LRO and plan input with every bad field named, and changes nothing', async () => {
    const id = await adoptedReferral(stack);
    const bad = await stack.http.post<{ errors: { field: string }[] }>(
      `/referrals/${id}/sio`,
      { officerSub: 7, conflictDeclaration: { hasConflict: 'no' } },
      manager,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field).sort()).toEqual([
      'conflictDeclaration.hasConflict',
      'justification',
      'officerSub',
    ]);
    const noDetails = await stack.http.post<{ errors: { field: string }[] }>(
      `/referrals/${id}/sio`,
      { officerSub: SIO_DRUGS_AND_SLAVERY, justification: 'x', conflictDeclaration: { hasConflict: true } },
      manager,
    );
    expect(noDetails.status).toBe(400);
    expect(noDetails.body.errors.map((error) => error.field)).toEqual(['conflictDeclaration.details']);
    const unknown = await allocate(id, 'sio-nobody', { hasConflict: false });
    expect(unknown.status).toBe(400);
    const lro = await stack.http.post(`/referrals/${id}/lro`, { officerSub: 'lro-kent', name: 'DI Kent' }, referrer);
    expect(lro.status).toBe(400);
    const planBeforeItExists = await stack.http.get(`/referrals/${id}/plan`, manager);
    expect(planBeforeItExists.status).toBe(404);
    const detail = await stack.http.get<{ status: string; tasking: { sio: unknown; lro: unknown } }>(
      `/referrals/${id}`,
      manager,
    );
    expect(detail.body).toMatchObject({ status: 'ADOPTED', tasking: { sio: null, lro: null } });
  });

  it('names a null sent for an optional plan field as a bad field, changes nothing, and reads action ids in any case', async () => {
    const id = await activeReferral(stack);
    const owners = await planOwnerTokens(stack);
    const actionId = await addPlanAction(stack, id, owners.sio);
    const change = (body: Record<string, unknown>, spelling = actionId) =>
      stack.http.request<{ errors?: { field: string }[] }>('PATCH', `/referrals/${id}/plan/actions/${spelling}`, {
        token: owners.lro,
        body,
        headers: { 'Idempotency-Key': `null-outcome-${id}` },
      });
    // Null is not "left out": code past the edge would take it for an outcome and fail on it (a 500, before).
    const nulled = await change({ status: 'ACTIVE', outcome: null, version: 1 });
    expect(nulled.status).toBe(400);
    expect(nulled.body.errors?.map((error) => error.field)).toEqual(['outcome']);
    const added = await stack.http.post<{ errors: { field: string }[] }>(
      `/referrals/${id}/plan/actions`,
      planActionBody({ partners: null }),
      owners.sio,
    );
    expect(added.status).toBe(400);
    expect(added.body.errors.map((error) => error.field)).toEqual(['partners']);
    const unchanged = (await plan(id, owners.sio)).actions;
    expect(unchanged.map((action) => [action.id, action.version])).toEqual([[actionId, 1]]);
    // Refused at the edge, the null bodies claimed nothing: the corrected request goes ahead under the key, and finds
    // the action however its id is spelt.
    const corrected = await change({ status: 'ACTIVE', version: 1 }, actionId.toUpperCase());
    expect(corrected).toMatchObject({ status: 200, body: { version: 2 } });
  });

  it('lets the force that owns the OCG name its LRO, who then sees and edits the plan; a date Postgres cannot store is a 400', async () => {
    const id = await adoptedReferral(stack); // WYP's referral, affecting WYP and SYP
    const allocated = await allocate(id, SIO_DRUGS_AND_SLAVERY, { hasConflict: false });
    expect(allocated.status).toBe(200);
    const unconcerned = await stack.http.post(
      `/referrals/${id}/lro`,
      { officerSub: 'lro-kent', name: 'DI Kent' },
      referrer,
    );
    expect(unconcerned.status).toBe(400);
    const named = await stack.http.post<{ status: string }>(
      `/referrals/${id}/lro`,
      { officerSub: 'lro-syp', name: 'DI South' },
      referrer,
    );
    expect(named.status).toBe(200);
    expect(named.body.status).toBe('ACTIVE');

    const sypLro = await stack.token(['LRO'], 'SYP', 'lro-syp');
    const seen = await plan(id, sypLro);
    expect(seen.lro).toMatchObject({ sub: 'lro-syp', org: 'SYP' });
    expect((await stack.http.get(`/referrals/${id}`, sypLro)).status).toBe(200);
    // Another SYP LRO is not assigned and, SYP not being the referrer, does not see it at all.
    expect((await stack.http.get(`/referrals/${id}/plan`, await stack.token(['LRO'], 'SYP', 'lro-syp-2'))).status).toBe(
      404,
    );

    const body = { pillar: 'PROTECT', description: 'Target hardening', ownerOrg: 'SYP', ownerName: 'PC Guard' };
    const added = await stack.http.post(
      `/referrals/${id}/plan/actions`,
      { ...body, dueAt: '2027-01-31T17:00:00Z' },
      sypLro,
    );
    expect(added.status).toBe(201);
    // Issue 13: a due date must also be a sensible one (a year ago to ten years ahead).
    for (const dueAt of [
      '2026-W01',
      '2026',
      '2026-02-31T10:00:00Z',
      '-1000-01-01T00:00:00Z',
      '1970-01-01T00:00:00Z',
      '9999-12-31T00:00:00Z',
      '2027-01-31T17:00:00-16:00', // an offset Postgres cannot store: the projection would retry for ever
    ]) {
      const refused = await stack.http.post<{ errors: { field: string }[] }>(
        `/referrals/${id}/plan/actions`,
        { ...body, dueAt },
        sypLro,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error) => error.field)).toEqual(['dueAt']);
    }
    expect((await plan(id, sypLro)).actions).toHaveLength(1);
    // A disruption has happened: not "in 9999", nor tomorrow.
    for (const occurredAt of ['9999-01-01T00:00:00Z', new Date(Date.now() + 86_400_000).toISOString()]) {
      const refused = await stack.http.post<{ errors: { field: string }[] }>(
        `/referrals/${id}/plan/disruptions`,
        { pillar: 'PURSUE', significance: 'MINOR', description: 'Cash seizure', occurredAt },
        sypLro,
      );
      expect({ occurredAt, status: refused.status, fields: refused.body.errors.map((error) => error.field) }).toEqual({
        occurredAt,
        status: 400,
        fields: ['occurredAt'],
      });
    }
  });

  it('answers keyed plan changes sent again after their outcome was lost, even once the plan is closed', async () => {
    const id = await activeReferral(stack);
    const owners = await planOwnerTokens(stack);
    const forget = async (kind: string) => {
      const forgotten = await stack.db.query(
        `UPDATE idempotency_keys SET outcome = NULL WHERE key_id ~ ('^plan:' || $1 || ':' || $2 || '-[0-9a-f]{64}$')`,
        [id, kind],
      );
      expect(forgotten.rowCount).toBe(1);
    };
    const addAction = () =>
      stack.http.post<Action>(`/referrals/${id}/plan/actions`, planActionBody(), owners.sio, {
        'Idempotency-Key': `add-${id}`,
      });
    const added = await addAction();
    expect(added.status).toBe(201);
    const change = (headers: Record<string, string>) =>
      stack.http.request<Action>('PATCH', `/referrals/${id}/plan/actions/${added.body.id}`, {
        token: owners.lro,
        body: { status: 'ACTIVE', version: 1 },
        headers,
      });
    const changed = await change({ 'Idempotency-Key': `change-${id}` });
    expect(changed).toMatchObject({ status: 200, body: { version: 2 } });
    await forget('action-change');
    expect(await change({ 'Idempotency-Key': `change-${id}` })).toMatchObject({ status: 200, body: changed.body });
    // Without the key the repeat names a version that is no longer current.
    expect((await change({})).body).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });

    await ratifyUrgentAdoptions(stack, [id]);
    await ok('close', stack.http.post(`/referrals/${id}/close`, { outcome: 'Charged' }, manager));
    await forget('action');
    expect(await addAction()).toMatchObject({ status: 201, body: added.body });
    const actions = (await plan(id, owners.sio)).actions;
    expect(actions.map((action) => [action.id, action.version])).toEqual([[added.body.id, 2]]);
  });

  it('keeps plan Idempotency-Keys across continue-as-new, and refuses a key reused with another body (issue 13)', async () => {
    const id = await activeReferral(stack);
    const owners = await planOwnerTokens(stack);
    const body = planActionBody({ description: 'Keyed action' });
    const key = { 'idempotency-key': `keyed-action-${id}` };
    const first = await stack.http.post<Action>(`/referrals/${id}/plan/actions`, body, owners.sio, key);
    expect(first.status).toBe(201);
    const change = () =>
      stack.http.request<Action>('PATCH', `/referrals/${id}/plan/actions/${first.body.id}`, {
        token: owners.lro,
        body: { status: 'ACTIVE', version: 1 },
        headers: { 'idempotency-key': `keyed-change-${id}` },
      });
    expect(await change()).toMatchObject({ status: 200, body: { version: 2 } });
    // A keyed disruption not sent again until the plan is closed (below): the runs after this one never see its id.
    const disruption = {
      pillar: 'PURSUE',
      significance: 'MINOR',
      description: 'Cash seizure',
      occurredAt: '2026-11-20T06:00:00Z',
    };
    const disruptionKey = { 'idempotency-key': `keyed-disruption-${id}` };
    const recordDisruption = () =>
      stack.http.post<{ id: string }>(`/referrals/${id}/plan/disruptions`, disruption, owners.lro, disruptionKey);
    const recorded = await recordDisruption();
    expect(recorded.status).toBe(201);
    // Enough further changes for the plan's workflow to continue as new (every 40 events here).
    for (let index = 0; index < 8; index += 1) {
      expect(
        (
          await stack.http.post(
            `/referrals/${id}/plan/actions`,
            planActionBody({ description: `Filler ${index}` }),
            owners.sio,
          )
        ).status,
      ).toBe(201);
    }
    const runs: string[] = [];
    for await (const run of new Client({ connection: temporal }).workflow.list({
      query: `WorkflowId = '${planWorkflowId(id)}'`,
    }))
      runs.push(run.status.name);
    expect(runs).toContain('CONTINUED_AS_NEW');

    const repeat = await stack.http.post<Action>(`/referrals/${id}/plan/actions`, body, owners.sio, key);
    expect(repeat.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
    // Had the API lost both outcomes (a crash before it recorded them), the plan's new run still knows the Updates
    // of the first: each repeat is answered with the action as it now stands, not applied again (nor refused 409).
    const lost = await stack.db.query(
      `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'plan:' || $1 || ':action%'`,
      [id],
    );
    expect(lost.rowCount).toBe(2);
    // The first request took effect in an earlier run: another body under its key is refused, not answered with it.
    const changedUnderKey = await stack.http.post(
      `/referrals/${id}/plan/actions`,
      planActionBody({ description: 'Another after the loss' }),
      owners.sio,
      key,
    );
    expect(changedUnderKey.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const repeated = await stack.http.post<Action>(`/referrals/${id}/plan/actions`, body, owners.sio, key);
    expect(repeated.body).toMatchObject({ id: first.body.id, version: 2 });
    expect(await change()).toMatchObject({ status: 200, body: { id: first.body.id, version: 2 } });
    const reused = await stack.http.post(
      `/referrals/${id}/plan/actions`,
      planActionBody({ description: 'Something else' }),
      owners.sio,
      key,
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const actions = (await plan(id, owners.sio)).actions;
    expect(actions.filter((action) => action.description === 'Keyed action')).toHaveLength(1);
    expect(actions.filter((action) => action.description === 'Something else')).toHaveLength(0);

    // Nor is an editor replaced since refused (403) a repeat of what they did as the editor, its outcome lost again;
    // a new change of theirs is.
    const replaced = await stack.http.post(`/referrals/${id}/lro/replacement`, lroReplacementBody(), referrer);
    expect(replaced.status).toBe(200);
    const lostAgain = await stack.db.query(
      `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'plan:' || $1 || ':action-change%'`,
      [id],
    );
    expect(lostAgain.rowCount).toBe(1);
    expect(await change()).toMatchObject({ status: 200, body: { id: first.body.id, version: 2 } });
    const newChange = await stack.http.request('PATCH', `/referrals/${id}/plan/actions/${first.body.id}`, {
      token: owners.lro,
      body: { status: 'COMPLETE', version: 2 },
    });
    expect(newChange.status).toBe(403);

    // Once the plan is closed its workflow takes no Update: a repeat of one an earlier run applied, its outcome lost,
    // is still answered with its record (not refused 409), and a change under its key still refused.
    await ratifyUrgentAdoptions(stack, [id]);
    await ok('close', stack.http.post(`/referrals/${id}/close`, { outcome: 'Charged' }, manager));
    const forgotten = await stack.db.query(
      `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'plan:' || $1 || ':disruption-%'`,
      [id],
    );
    expect(forgotten.rowCount).toBe(1);
    expect(await recordDisruption()).toMatchObject({ status: 201, body: recorded.body });
    const changedAfterClose = await stack.http.post(
      `/referrals/${id}/plan/disruptions`,
      { ...disruption, description: 'Another after the close' },
      owners.lro,
      disruptionKey,
    );
    expect(changedAfterClose.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const fresh = await stack.http.post(`/referrals/${id}/plan/actions`, planActionBody(), owners.sio, {
      'idempotency-key': `fresh-after-close-${id}`,
    });
    expect(fresh.body).toMatchObject({ status: 409, state: 'CLOSED' });
    const short = await stack.http.post(`/referrals/${id}/plan/disruptions`, {}, owners.sio, {
      'idempotency-key': 'k',
    });
    expect(short.status).toBe(400);
  });
});
