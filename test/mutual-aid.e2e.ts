import { randomUUID } from 'node:crypto';
import { eventually } from './support/referral-fixtures';
import { Stack } from './support/stack';
import {
  activeReferral,
  adoptedReferral,
  FIXTURE_OVERLOAD,
  ok,
  planActionBody,
  WYP_LRO,
} from './support/tasking-fixtures';

/** An SIO of EMSOU, lent to a YHROCU tasking. */
const LENT_SIO = 'sio-emsou-1';

interface MutualAid {
  id: string;
  referralId: string;
  state: string;
  kind: string;
  capability: string | null;
  side: string;
  availableActions: string[];
  officer: { sub: string } | null;
  decisionReason: string | null;
}
interface Problem {
  errors?: { field: string }[];
  code?: string;
  detail?: string;
}
interface Candidate {
  sub: string;
  region: string;
  lentBy: string | null;
  workload: { points: number; taskings: number };
}

describe('mutual aid: a region lends another an SIO or a capability (issue 16)', () => {
  let stack: Stack;
  let borrower: string;
  let lender: string;
  let bystander: string;
  let lentSio: string;

  beforeAll(async () => {
    stack = await Stack.start();
    borrower = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    lender = await stack.token(['ROCU_MANAGER'], 'EMSOU');
    bystander = await stack.token(['ROCU_MANAGER'], 'ERSOU');
    lentSio = await stack.token(['SIO'], 'EMSOU', LENT_SIO);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const ask = (body: Record<string, unknown>, token = borrower) =>
    stack.http.post<MutualAid & Problem>('/mutual-aid-requests', body, token);
  const decide = (id: string, body: Record<string, unknown>, token = lender) =>
    stack.http.post<MutualAid & Problem>(`/mutual-aid-requests/${id}/decision`, body, token);
  const allocate = (referralId: string, officerSub: string) =>
    stack.http.post<Problem>(
      `/referrals/${referralId}/sio`,
      {
        officerSub,
        justification: 'Lent by EMSOU for this tasking',
        exceptionJustification: FIXTURE_OVERLOAD,
        conflictDeclaration: { hasConflict: false },
      },
      borrower,
    );
  const listed = async (token: string): Promise<Map<string, MutualAid>> => {
    const response = await stack.http.get<{ items: MutualAid[] }>('/mutual-aid-requests?pageSize=200', token);
    expect(response.status).toBe(200);
    return new Map(response.body.items.map((item) => [item.id, item]));
  };
  /** The SIOs the borrowing manager is offered for the tasking's allocation. */
  const candidatesFor = async (referralId: string): Promise<Map<string, Candidate>> => {
    const response = await stack.http.get<{ items: Candidate[] }>(
      `/officers?referralId=${referralId}&pageSize=200`,
      borrower,
    );
    expect(response.status).toBe(200);
    return new Map(response.body.items.map((item) => [item.sub, item]));
  };
  /** The kinds of the caller's notifications about one request, oldest first (the inbox and the outbox agree). */
  const noticesOf = async (token: string, requestId: string): Promise<string[]> => {
    const inbox = await stack.http.get<{ items: { id: string; kind: string }[] }>('/notifications?pageSize=200', token);
    expect(inbox.status).toBe(200);
    const { rows } = await stack.db.query<{ id: string }>(
      `SELECT id::text FROM notifications WHERE payload->>'mutualAidRequestId' = $1`,
      [requestId],
    );
    const ids = new Set(rows.map((row) => row.id));
    return inbox.body.items
      .filter((item) => ids.has(item.id))
      .map((item) => item.kind)
      .reverse();
  };
  const requestCount = async (): Promise<number> =>
    (await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutual_aid_requests')).rows[0].n;
  const workloadAtHome = async (): Promise<Candidate['workload']> => {
    const response = await stack.http.get<{ items: Candidate[] }>('/officers?region=EMSOU&pageSize=200', lender);
    expect(response.status).toBe(200);
    const candidate = response.body.items.find((item) => item.sub === LENT_SIO);
    if (!candidate) throw new Error(`${LENT_SIO} is not listed for EMSOU`);
    return candidate.workload;
  };

  it('refuses a bad request naming every bad field, and keeps nothing', async () => {
    const before = await requestCount();
    const refused = await ask({ referralId: 'not-a-uuid', lendingRegion: 'NOWHERE', kind: 'PEOPLE', reason: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field).sort()).toEqual([
      'kind',
      'lendingRegion',
      'reason',
      'referralId',
    ]);
    const tasking = await adoptedReferral(stack);
    const noCapability = await ask({ referralId: tasking, lendingRegion: 'EMSOU', kind: 'CAPABILITY', reason: 'Need' });
    expect(noCapability.body.errors?.map((error) => error.field)).toEqual(['capability']);
    // An SIO request naming a capability passed validation and broke a table constraint: a 500.
    const sioWithCapability = await ask({
      referralId: tasking,
      lendingRegion: 'EMSOU',
      kind: 'SIO',
      capability: 'COVERT_SURVEILLANCE',
      reason: 'Need',
    });
    expect({ status: sioWithCapability.status, fields: sioWithCapability.body.errors?.map((e) => e.field) }).toEqual({
      status: 400,
      fields: ['capability'],
    });
    const ownRegion = await ask({ referralId: tasking, lendingRegion: 'YHROCU', kind: 'SIO', reason: 'Need' });
    expect(ownRegion.status).toBe(400);
    expect(ownRegion.body.errors?.map((error) => error.field)).toEqual(['lendingRegion']);
    // Another region's manager may not see the tasking (404); nobody but a ROCU manager of its region may ask (403).
    expect(
      (await ask({ referralId: tasking, lendingRegion: 'EMSOU', kind: 'SIO', reason: 'Need' }, bystander)).status,
    ).toBe(404);
    const chair = await stack.token(['TTCG_CHAIR'], 'YHROCU');
    expect(
      (await ask({ referralId: tasking, lendingRegion: 'EMSOU', kind: 'SIO', reason: 'Need' }, chair)).status,
    ).toBe(403);
    expect(await requestCount()).toBe(before);
  });

  it('lends an SIO who works the lent tasking only, while their workload counts at home', async () => {
    const tasking = await adoptedReferral(stack);
    const elsewhere = await activeReferral(stack);
    const homeLoad = await workloadAtHome();

    // Without an approved loan an SIO of another region cannot be allocated.
    const tooSoon = await allocate(tasking, LENT_SIO);
    expect(tooSoon.status).toBe(422);

    const asked = await ask({
      referralId: tasking,
      lendingRegion: 'EMSOU',
      kind: 'SIO',
      reason: 'Both our drugs SIOs are committed to Operation Larch',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'REQUESTED', side: 'BORROWER', availableActions: ['WITHDRAW'] });
    const id = asked.body.id;

    // Both managers list it, each on their side; a third region does not, and cannot act on it.
    expect((await listed(lender)).get(id)).toMatchObject({ side: 'LENDER', availableActions: ['APPROVE', 'REFUSE'] });
    expect((await listed(borrower)).get(id)).toMatchObject({ side: 'BORROWER' });
    expect((await listed(bystander)).has(id)).toBe(false);
    // The 404 tells nothing of whether the request exists: a hidden one answers as a missing one does.
    const approval = { decision: 'APPROVE', officerSub: 'sio-ersou-1' };
    const hidden = await decide(id, approval, bystander);
    const missing = await decide(randomUUID(), approval, bystander);
    const answer = ({ status, body }: typeof hidden) => ({ status, detail: body.detail, code: body.code });
    expect(answer(hidden)).toEqual({ status: 404, detail: expect.any(String), code: 'NOT_FOUND' });
    expect(answer(hidden)).toEqual(answer(missing));
    expect((await decide(id, { decision: 'APPROVE', officerSub: LENT_SIO }, borrower)).status).toBe(403);

    // Refusing needs a reason; approving an SIO request names one of the lending region's SIOs.
    const unexplained = await decide(id, { decision: 'REFUSE' });
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.errors?.map((error) => error.field)).toEqual(['reason']);
    const nobody = await decide(id, { decision: 'APPROVE' });
    expect(nobody.body.errors?.map((error) => error.field)).toEqual(['officerSub']);
    const notTheirs = await decide(id, { decision: 'APPROVE', officerSub: 'sio-yhrocu-1' });
    expect(notTheirs.body.errors?.map((error) => error.field)).toEqual(['officerSub']);
    expect((await listed(lender)).get(id)?.state).toBe('REQUESTED');

    const approved = await decide(id, { decision: 'APPROVE', officerSub: LENT_SIO, reason: 'For six months' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'APPROVED', officer: { sub: LENT_SIO }, availableActions: [] });
    expect((await decide(id, { decision: 'REFUSE', reason: 'Changed our mind' })).status).toBe(409);

    // Each side was told once, through the outbox: the lending region's managers of the request, the requesting
    // manager of the decision; nobody else.
    expect(await noticesOf(lender, id)).toEqual(['MUTUAL_AID_REQUESTED']);
    expect(await noticesOf(borrower, id)).toEqual(['MUTUAL_AID_APPROVED']);
    expect(await noticesOf(bystander, id)).toEqual([]);
    expect(await noticesOf(await stack.token(['ROCU_MANAGER'], 'YHROCU', 'another-manager'), id)).toEqual([]);

    // The loan is for this tasking only: the borrower is offered the lent SIO (with their home workload) for it,
    // not for another of the region's taskings, to which the SIO cannot be allocated either.
    const otherTasking = await adoptedReferral(stack);
    const offered = await candidatesFor(tasking);
    expect(offered.get(LENT_SIO)).toMatchObject({ lentBy: 'EMSOU', region: 'EMSOU', workload: homeLoad });
    expect(offered.get('sio-yhrocu-1')).toMatchObject({ lentBy: null });
    expect((await candidatesFor(otherTasking)).has(LENT_SIO)).toBe(false);
    expect((await allocate(otherTasking, LENT_SIO)).status).toBe(422);
    expect((await allocate(tasking, LENT_SIO)).status).toBe(200);
    await ok(
      'name the LRO',
      stack.http.post(
        `/referrals/${tasking}/lro`,
        { officerSub: WYP_LRO, name: 'DI Clarke' },
        await stack.token(['FORCE_REFERRER'], 'WYP'),
      ),
    );

    // The lent SIO sees and works the lent tasking...
    const detail = await stack.http.get<{ status: string }>(`/referrals/${tasking}`, lentSio);
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('ACTIVE');
    await eventually(async () => {
      const plan = await stack.http.get(`/referrals/${tasking}/plan`, lentSio);
      if (plan.status !== 200) throw new Error(`plan answered ${plan.status}`);
    }, 60_000);
    const action = await stack.http.post<{ id: string }>(
      `/referrals/${tasking}/plan/actions`,
      planActionBody({ ownerOrg: 'EMSOU', description: 'Surveillance of the principals' }),
      lentSio,
    );
    expect(action.status).toBe(201);
    const plan = await stack.http.get<{ sio: { sub: string; org: string }; actions: { id: string }[] }>(
      `/referrals/${tasking}/plan`,
      lentSio,
    );
    expect(plan.body.sio).toMatchObject({ sub: LENT_SIO, org: 'EMSOU' });
    expect(plan.body.actions.map((entry) => entry.id)).toContain(action.body.id);

    // ...and nothing else of the borrowing region: another referral and its plan are 404, and so are its lists.
    expect((await stack.http.get(`/referrals/${elsewhere}`, lentSio)).status).toBe(404);
    expect((await stack.http.get(`/referrals/${elsewhere}/plan`, lentSio)).status).toBe(404);
    expect((await stack.http.post(`/referrals/${elsewhere}/plan/actions`, planActionBody(), lentSio)).status).toBe(404);
    expect((await stack.http.get(`/referrals/${otherTasking}`, lentSio)).status).toBe(404);
    const mine = await stack.http.get<{ items: { id: string }[] }>('/referrals?pageSize=200', lentSio);
    expect(mine.body.items.map((item) => item.id)).toEqual([tasking]);
    expect((await stack.http.get('/mutual-aid-requests', lentSio)).status).toBe(403);

    // Their workload counts at home (EMSOU), not in the borrowing region's candidate list.
    const lentLoad = await workloadAtHome();
    expect(lentLoad.taskings).toBe(homeLoad.taskings + 1);
    expect(lentLoad.points).toBeGreaterThan(homeLoad.points);
    const yorkshire = await stack.http.get<{ items: Candidate[] }>('/officers?region=YHROCU&pageSize=200', borrower);
    expect(yorkshire.body.items.map((item) => item.sub)).not.toContain(LENT_SIO);

    // Audited: the request, the approval and the allocation that relies on it.
    const { rows } = await stack.db.query<{ action: string; actor_sub: string }>(
      `SELECT action, actor_sub FROM audit_log WHERE entity_id = $1 AND outcome = 'SUCCESS' ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      { action: 'MUTUAL_AID_REQUESTED', actor_sub: 'rocu_manager@yhrocu' },
      { action: 'MUTUAL_AID_APPROVED', actor_sub: 'rocu_manager@emsou' },
    ]);
    // An auditor's search by the tasking finds them, and the two sides' lists that showed it (not the third region's).
    const { rows: byTasking } = await stack.db.query<{ action: string; actor_sub: string }>(
      `SELECT DISTINCT action, actor_sub FROM audit_log WHERE details->'ids' ? $1 AND action LIKE 'MUTUAL_AID_%'
        ORDER BY action, actor_sub`,
      [tasking],
    );
    expect(byTasking).toEqual([
      { action: 'MUTUAL_AID_APPROVED', actor_sub: 'rocu_manager@emsou' },
      { action: 'MUTUAL_AID_LISTED', actor_sub: 'rocu_manager@emsou' },
      { action: 'MUTUAL_AID_LISTED', actor_sub: 'rocu_manager@yhrocu' },
      { action: 'MUTUAL_AID_REQUESTED', actor_sub: 'rocu_manager@yhrocu' },
    ]);
    // Each side's auditor finds the whole loan: the other region's decision or request too; a third region's none.
    const loanAsAudited = async (region: string): Promise<string[]> => {
      const auditor = await stack.token(['AUDITOR'], region);
      const found = await stack.http.get<{ items: { action: string; actorSub: string }[] }>(
        `/audit?entityId=${tasking}&pageSize=200`,
        auditor,
      );
      expect(found.status).toBe(200);
      return found.body.items
        .filter((item) => item.action === 'MUTUAL_AID_REQUESTED' || item.action === 'MUTUAL_AID_APPROVED')
        .map((item) => `${item.action} by ${item.actorSub}`)
        .sort();
    };
    const wholeLoan = ['MUTUAL_AID_APPROVED by rocu_manager@emsou', 'MUTUAL_AID_REQUESTED by rocu_manager@yhrocu'];
    expect(await loanAsAudited('YHROCU')).toEqual(wholeLoan);
    expect(await loanAsAudited('EMSOU')).toEqual(wholeLoan);
    expect(await loanAsAudited('ERSOU')).toEqual([]);
    await eventually(async () => {
      const allocation = await stack.db.query(
        `SELECT 1 FROM sio_allocations WHERE referral_id = $1 AND officer_sub = $2 AND mutual_aid_request_id = $3`,
        [tasking, LENT_SIO, id],
      );
      const audited = await stack.db.query(
        `SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'REFERRAL_ALLOCATE_SIO'`,
        [tasking],
      );
      if (allocation.rowCount !== 1 || audited.rowCount !== 1) throw new Error('allocation not yet projected');
    });
  });

  it('makes one request under one Idempotency-Key, sent at once or again after its decision', async () => {
    const tasking = await adoptedReferral(stack);
    const body = {
      referralId: tasking,
      lendingRegion: 'EMSOU',
      kind: 'CAPABILITY',
      capability: 'COVERT_SURVEILLANCE',
      reason: 'Our surveillance team is deployed',
    };
    const keyed = { 'Idempotency-Key': `aid-${tasking}` };
    const askKeyed = (sent: Record<string, unknown>) =>
      stack.http.post<MutualAid & Problem>('/mutual-aid-requests', sent, borrower, keyed);
    const before = await requestCount();
    // A refusal (its own region) makes nothing and leaves the key free for the corrected request.
    expect((await askKeyed({ ...body, lendingRegion: 'YHROCU' })).status).toBe(400);
    const together = await Promise.all([askKeyed(body), askKeyed(body), askKeyed(body)]);
    expect(together.map((sent) => sent.status)).toEqual([201, 201, 201]);
    const id = together[0].body.id;
    expect(together.map((sent) => sent.body.id)).toEqual([id, id, id]);
    await decide(id, { decision: 'REFUSE', reason: 'Ours is deployed too' });

    // Its answer lost before it was recorded: a repeat answers with the request it made, as it now stands.
    await stack.db.query('UPDATE idempotency_keys SET outcome = NULL WHERE key_id = $1', [`mutual-aid:${id}`]);
    expect((await askKeyed(body)).body).toMatchObject({ id, state: 'REFUSED' });
    expect((await askKeyed({ ...body, reason: 'Something else' })).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Its key's record pruned after the retention: a send under the key, even changed, still finds the request.
    await stack.db.query('DELETE FROM idempotency_keys WHERE key_id = $1', [`mutual-aid:${id}`]);
    expect((await askKeyed({ ...body, lendingRegion: 'YHROCU' })).body).toMatchObject({ id, state: 'REFUSED' });
    expect(await requestCount()).toBe(before + 1);
    expect(await noticesOf(lender, id)).toEqual(['MUTUAL_AID_REQUESTED']);
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'MUTUAL_AID_REQUESTED'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('answers a keyed decision or withdrawal sent again as the first left the request, even once its answer was lost', async () => {
    const tasking = await adoptedReferral(stack);
    const capability = (reason: string) => ({
      referralId: tasking,
      lendingRegion: 'EMSOU',
      kind: 'CAPABILITY',
      capability: 'COVERT_SURVEILLANCE',
      reason,
    });
    // Each move, and another body under its key (a decision's key is one whichever way it goes).
    const moves: [path: string, body: object, other: object, token: string, state: string][] = [
      ['decision', { decision: 'REFUSE', reason: 'Ours is deployed too' }, { decision: 'APPROVE' }, lender, 'REFUSED'],
      ['withdrawal', { reason: 'Found one at home' }, { reason: 'Another reason' }, borrower, 'WITHDRAWN'],
    ];
    for (const [path, body, other, token, state] of moves) {
      const asked = await ask(capability(`Needed before ${path}`));
      expect(asked.status).toBe(201);
      const id = asked.body.id;
      // However the client spells the request's id, it is the same key.
      const send = (headers: Record<string, string> = { 'Idempotency-Key': `${path}-${id}` }, spelt = id) =>
        stack.http.post<MutualAid & Problem>(`/mutual-aid-requests/${spelt}/${path}`, body, token, headers);
      // Sent twice at once (a double click): one move, both answered with it.
      const [first, second] = await Promise.all([send(), send()]);
      expect(first.body).toMatchObject({ id, state });
      expect(second).toMatchObject({ status: 200, body: { id, state } });
      const forget = async () => {
        const forgotten = await stack.db.query(
          `UPDATE idempotency_keys SET outcome = NULL WHERE key_id LIKE 'mutual-aid:' || $1 || ':%'`,
          [id],
        );
        expect(forgotten.rowCount).toBe(1);
      };
      await forget();
      expect(await send(undefined, id.toUpperCase())).toMatchObject({ status: 200, body: first.body });
      // Without the key it is a second move, refused; the same key with another body is refused too, even with no
      // outcome recorded (the request shows the person's move).
      expect((await send({})).body).toMatchObject({ status: 409, code: 'NOT_ALLOWED_IN_STATE' });
      await forget();
      const reused = await stack.http.post<Problem>(`/mutual-aid-requests/${id}/${path}`, other, token, {
        'Idempotency-Key': `${path}-${id}`,
      });
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const { rows } = await stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = $2`,
        [id, `MUTUAL_AID_${state}`],
      );
      expect(rows[0].n).toBe(1);
    }
  });

  it('answers a keyed move with the request when that person already made it (its twin sent at once got there first)', async () => {
    const tasking = await adoptedReferral(stack);
    const asked = await ask({
      referralId: tasking,
      lendingRegion: 'EMSOU',
      kind: 'CAPABILITY',
      capability: 'COVERT_SURVEILLANCE',
      reason: 'Needed at once',
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id;
    const refuse = (headers: Record<string, string>) =>
      stack.http.post<MutualAid & Problem>(
        `/mutual-aid-requests/${id}/decision`,
        { decision: 'REFUSE', reason: 'Ours is deployed too' },
        lender,
        headers,
      );
    // The row moved by this person before this request's key was claimed: as when the repeat of a double click
    // takes the row's lock first. Unkeyed here, so the order is certain.
    expect((await refuse({})).status).toBe(200);
    expect(await refuse({ 'Idempotency-Key': `twin-${id}` })).toMatchObject({
      status: 200,
      body: { id, state: 'REFUSED' },
    });
    // Unkeyed, a second move is still refused.
    expect((await refuse({})).body).toMatchObject({ status: 409, code: 'NOT_ALLOWED_IN_STATE' });
  });

  it('refuses a capability with a reason, and lets the borrower withdraw a request not yet decided', async () => {
    const tasking = await adoptedReferral(stack);
    const capability = await ask({
      referralId: tasking,
      lendingRegion: 'EMSOU',
      kind: 'CAPABILITY',
      capability: 'COVERT_SURVEILLANCE',
      reason: 'Our surveillance team is deployed',
    });
    expect(capability.status).toBe(201);
    const refused = await decide(capability.body.id, { decision: 'REFUSE', reason: 'Ours is deployed too' });
    expect(refused.body).toMatchObject({ state: 'REFUSED', decisionReason: 'Ours is deployed too', officer: null });

    // Asked of ERSOU this time: EMSOU's manager is on neither side of it.
    const sio = await ask({ referralId: tasking, lendingRegion: 'ERSOU', kind: 'SIO', reason: 'Fraud expertise' });
    expect(
      (await stack.http.post(`/mutual-aid-requests/${sio.body.id}/withdrawal`, { reason: 'Found one' }, lender)).status,
    ).toBe(404);
    const withdrawn = await stack.http.post<MutualAid>(
      `/mutual-aid-requests/${sio.body.id}/withdrawal`,
      { reason: 'Found one at home' },
      borrower,
    );
    expect(withdrawn.body.state).toBe('WITHDRAWN');
    const ersouManager = bystander;
    expect((await decide(sio.body.id, { decision: 'APPROVE', officerSub: 'sio-ersou-1' }, ersouManager)).status).toBe(
      409,
    );

    expect(await noticesOf(borrower, capability.body.id)).toEqual(['MUTUAL_AID_REFUSED']);
    expect(await noticesOf(lender, capability.body.id)).toEqual(['MUTUAL_AID_REQUESTED']);
    expect(await noticesOf(ersouManager, sio.body.id)).toEqual(['MUTUAL_AID_REQUESTED', 'MUTUAL_AID_WITHDRAWN']);
    expect(await noticesOf(borrower, sio.body.id)).toEqual([]);

    const { rows } = await stack.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = ANY($1::text[]) AND outcome = 'SUCCESS' ORDER BY id`,
      [[capability.body.id, sio.body.id]],
    );
    expect(rows.map((row) => row.action)).toEqual([
      'MUTUAL_AID_REQUESTED',
      'MUTUAL_AID_REFUSED',
      'MUTUAL_AID_REQUESTED',
      'MUTUAL_AID_WITHDRAWN',
    ]);
  });
});
