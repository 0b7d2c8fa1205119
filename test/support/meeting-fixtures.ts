import { eventually, meetingBody, referralBody, workedExampleAssessment } from './referral-fixtures';
import type { Stack } from './stack';
import { ok } from './tasking-fixtures';

/** Harm grades that make a P1 and a P4 item (the worked example alone is a P2). */
export const CRITICAL_HARM = {
  physical: 'critical',
  psychological: 'critical',
  financial: 'critical',
  community: 'critical',
  environmental: 'critical',
};
export const LOW_HARM = {
  physical: 'low',
  psychological: 'none',
  financial: 'low',
  community: 'none',
  environmental: 'none',
};

export interface SeededReferral {
  id: string;
  reference: string;
}

/**
 * A WYP referral in YHROCU submitted, accepted and assessed through the API (so AWAITING_DECISION and
 * listed at the next TTCG): the referrer and gateway steps the chair's tests start from.
 */
export async function assessedReferral(
  stack: Stack,
  assessment: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Promise<SeededReferral> {
  const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
  const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
  const { id, reference } = await ok(
    'submit',
    stack.http.post<{ id: string; reference: string }>('/referrals', referralBody(overrides), referrer),
  );
  await ok('triage', stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'In scope' }, assessor));
  await ok('assess', stack.http.post(`/referrals/${id}/assessment`, workedExampleAssessment(assessment), assessor));
  return { id, reference };
}

/**
 * An extra YHROCU TTCG whose papers close at once, held within the hour (so recording attendance puts it in
 * session); resolves when its agenda is frozen.
 */
export async function frozenMeeting(stack: Stack): Promise<string> {
  const chair = await stack.token(['TTCG_CHAIR'], 'YHROCU');
  const { id } = await ok(
    'create meeting',
    stack.http.post<{ id: string }>('/meetings', meetingBody(0, 30 * 60_000), chair),
  );
  await eventually(async () => {
    const meeting = await ok('meeting', stack.http.get<{ agendaFrozen: boolean }>(`/meetings/${id}`, chair));
    if (!meeting.agendaFrozen) throw new Error(`meeting ${id} not frozen yet`);
  });
  return id;
}

/**
 * A representative of a second YHROCU force: with the chair and a West Yorkshire member, two of the region's
 * four forces attend, so the meeting is quorate.
 */
export const SOUTH_YORKSHIRE_MEMBER = { name: 'DCI Sam Hart', sub: 'syp-member', org: 'South Yorkshire Police' };

/** The chair and two of YHROCU's four forces: a quorate attendance. */
const QUORATE_ATTENDANCE = [
  { sub: 'ttcg_chair@yhrocu', name: 'Det Supt Chair', org: 'YHROCU', conflicts: [] },
  { sub: 'member-wyp', name: 'DCI Member', org: 'WYP', conflicts: [] },
  { sub: SOUTH_YORKSHIRE_MEMBER.sub, name: SOUTH_YORKSHIRE_MEMBER.name, org: 'SYP', conflicts: [] },
];

/**
 * Ratifies the urgent adoptions of these YHROCU referrals at one quorate extra TTCG (a tasking closes only once
 * its urgent decision is ratified).
 */
export async function ratifyUrgentAdoptions(stack: Stack, referralIds: string[]): Promise<void> {
  const chair = await stack.token(['TTCG_CHAIR'], 'YHROCU');
  const meetingId = await frozenMeeting(stack);
  await ok(
    'attendance',
    stack.http.post(`/meetings/${meetingId}/attendance`, { attendees: QUORATE_ATTENDANCE }, chair),
  );
  for (const referralId of referralIds) {
    await ok(
      `ratify ${referralId}`,
      stack.http.post(
        `/meetings/${meetingId}/decisions`,
        { referralId, ratification: 'RATIFY', decision: 'ADOPT_ROCU_LEAD', rationale: 'Necessary and proportionate' },
        chair,
      ),
    );
  }
}
