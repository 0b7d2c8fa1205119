import { randomUUID } from 'node:crypto';
import { meetingBody, referralBody, workedExampleAssessment } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { adoptedReferral, ok, SIO_DRUGS_AND_FIREARMS } from './support/tasking-fixtures';

/*
 * Issue 6, anti-corruption: conflict-of-interest declarations are one register of people and subjects,
 * written by SIO allocations and meetings alike and consulted by both. A declaration covers its subject:
 * the referral and every referral de-confliction linked to it (a shared nominal).
 */

interface Candidate {
  sub: string;
  eligible: boolean;
  ineligibleReasons: string[];
}

describe('conflict-of-interest register (allocations and meetings)', () => {
  let stack: Stack;
  let manager: string;
  let chair: string;
  let assessor: string;

  beforeAll(async () => {
    stack = await Stack.start({ env: { MEETING_SCHEDULES: 'false' } });
    manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    chair = await stack.token(['TTCG_CHAIR'], 'YHROCU');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const allocate = (id: string, officerSub: string, hasConflict: boolean) =>
    stack.http.post<{ code?: string }>(
      `/referrals/${id}/sio`,
      {
        officerSub,
        justification: 'Specialism',
        conflictDeclaration: hasConflict ? { hasConflict, details: 'Knows a nominal' } : { hasConflict },
      },
      manager,
    );
  const candidate = async (referralId: string, sub: string): Promise<Candidate | undefined> =>
    (await stack.http.get<{ items: Candidate[] }>(`/officers?referralId=${referralId}`, manager)).body.items.find(
      (item) => item.sub === sub,
    );
  const awaitingDecision = async (nominal: string): Promise<string> => {
    const { id } = await ok(
      'submit',
      stack.http.post<{ id: string }>(
        '/referrals',
        referralBody({
          subject: { type: 'OCG', name: 'Operation Heron', nominals: [{ identifier: nominal, role: 'PRINCIPAL' }] },
        }),
        await stack.token(['FORCE_REFERRER'], 'WYP'),
      ),
    );
    await ok(
      'triage',
      stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'In scope' }, assessor),
    );
    expect((await stack.http.post(`/referrals/${id}/assessment`, workedExampleAssessment(), assessor)).status).toBe(
      200,
    );
    return id;
  };

  it('a conflict declared at a meeting blocks that person from being the SIO', async () => {
    const id = await adoptedReferral(stack);
    const meeting = await ok('meeting', stack.http.post<{ id: string }>('/meetings', meetingBody(60_000), chair));
    const attendance = await stack.http.post(
      `/meetings/${meeting.id}/attendance`,
      { attendees: [{ sub: SIO_DRUGS_AND_FIREARMS, name: 'DCI Ashworth', org: 'YHROCU', conflicts: [id] }] },
      chair,
    );
    expect(attendance.status).toBe(200);

    expect(await candidate(id, SIO_DRUGS_AND_FIREARMS)).toMatchObject({
      eligible: false,
      ineligibleReasons: ['CONFLICT_DECLARED'],
    });
    const refused = await allocate(id, SIO_DRUGS_AND_FIREARMS, false);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CONFLICT_OF_INTEREST');
    const { rows } = await stack.db.query(
      `SELECT source, meeting_id AS "meetingId" FROM conflict_declarations WHERE referral_id = $1 AND person_sub = $2`,
      [id, SIO_DRUGS_AND_FIREARMS],
    );
    expect(rows).toEqual([{ source: 'MEETING', meetingId: meeting.id }]);
  });

  it('a conflict declared at allocation covers the subject: linked referrals and later meetings recuse the person', async () => {
    const nominal = `PND-${randomUUID()}`;
    const first = await adoptedReferral(stack, {
      subject: { type: 'OCG', name: 'Operation Heron', nominals: [{ identifier: nominal, role: 'PRINCIPAL' }] },
    });
    const declared = await allocate(first, SIO_DRUGS_AND_FIREARMS, true);
    expect(declared.status).toBe(422);

    // A later referral about the same nominal is linked by de-confliction, so the declaration covers it.
    const second = await awaitingDecision(nominal);
    expect(await candidate(second, SIO_DRUGS_AND_FIREARMS)).toMatchObject({ eligible: false });

    // At a meeting listing the second referral, the person is recused without declaring anything.
    const meeting = await ok('meeting', stack.http.post<{ id: string }>('/meetings', meetingBody(60_000), chair));
    await ok(
      'attendance',
      stack.http.post(
        `/meetings/${meeting.id}/attendance`,
        {
          attendees: [
            { sub: SIO_DRUGS_AND_FIREARMS, name: 'DCI Ashworth', org: 'YHROCU', conflicts: [] },
            { sub: 'member-wyp', name: 'DCI Member', org: 'WYP', conflicts: [] },
          ],
        },
        chair,
      ),
    );
    const detail = await stack.http.get<{ agenda: { referralId: string; recusedMembers: string[] }[] }>(
      `/meetings/${meeting.id}`,
      chair,
    );
    expect(detail.status).toBe(200);
    const item = detail.body.agenda.find((entry) => entry.referralId === second);
    expect(item?.recusedMembers).toEqual([SIO_DRUGS_AND_FIREARMS]);
    // The register is not rewritten: the recusal came from the first declaration, not a new one.
    const derived = await stack.db.query(
      `SELECT count(*)::int AS n FROM conflict_declarations WHERE referral_id = $1`,
      [second],
    );
    expect(derived.rows[0].n).toBe(0);
    // Someone else's register entry does not recuse an unrelated referral.
    const unrelated = detail.body.agenda.filter((entry) => entry.referralId !== second);
    // The first referral is listed too, for ratification of its out-of-meeting adoption.
    expect(unrelated.map((entry) => entry.referralId)).toContain(first);
    expect(unrelated.every((entry) => !entry.recusedMembers.includes('member-wyp'))).toBe(true);
  });
});
