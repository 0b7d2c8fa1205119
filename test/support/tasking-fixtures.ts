import { referralBody, workedExampleAssessment } from './referral-fixtures';
import type { Stack } from './stack';

/** Seeded officers (libs/domain/src/officers/seed-officers.ts) used by the tasking tests. */
export const SIO_DRUGS_AND_FIREARMS = 'sio-yhrocu-1';
export const SIO_DRUGS_AND_SLAVERY = 'sio-yhrocu-5';
/** Fixtures give one SIO many taskings, past their capacity: each allocation says why (domain.md section 7). */
export const FIXTURE_OVERLOAD = 'Test fixture: this SIO carries every tasking of the run';
export const WYP_LRO = 'lro-wyp';

/** The answer's body, or a failure naming the step and the refusal. */
export async function ok<T>(what: string, sent: Promise<{ status: number; body: T }>): Promise<T> {
  const response = await sent;
  if (response.status >= 300) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * An adopted WYP referral in YHROCU, the quickest way: IMMEDIATE, triaged, scored (P2, the worked
 * example) and adopted by the chair out of meeting.
 */
export async function adoptedReferral(stack: Stack, overrides: Record<string, unknown> = {}): Promise<string> {
  const { id } = await ok(
    'submit',
    stack.http.post<{ id: string }>(
      '/referrals',
      referralBody({ urgency: 'IMMEDIATE', threatToLife: true, ...overrides }),
      await stack.token(['FORCE_REFERRER'], 'WYP'),
    ),
  );
  const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
  await ok('triage', stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'In scope' }, assessor));
  await ok('assess', stack.http.post(`/referrals/${id}/assessment`, workedExampleAssessment(), assessor));
  await ok(
    'adopt',
    stack.http.post(
      `/referrals/${id}/urgent-decision`,
      { decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life: necessary and proportionate' },
      await stack.token(['TTCG_CHAIR'], 'YHROCU'),
    ),
  );
  return id;
}

/** Allocates the SIO and names the LRO, so the referral is ACTIVE and its plan running. */
export async function activeReferral(stack: Stack, sio = SIO_DRUGS_AND_SLAVERY, lro = WYP_LRO): Promise<string> {
  const id = await adoptedReferral(stack);
  await ok(
    'allocate',
    stack.http.post(
      `/referrals/${id}/sio`,
      {
        officerSub: sio,
        justification: 'Drugs specialist with capacity',
        exceptionJustification: FIXTURE_OVERLOAD,
        conflictDeclaration: { hasConflict: false },
      },
      await stack.token(['ROCU_MANAGER'], 'YHROCU'),
    ),
  );
  await ok(
    'name LRO',
    stack.http.post(
      `/referrals/${id}/lro`,
      { officerSub: lro, name: 'DI Clarke' },
      await stack.token(['FORCE_REFERRER'], 'WYP'),
    ),
  );
  return id;
}

/** A valid request to hand an ACTIVE fixture tasking (SIO sio-yhrocu-5) to another SIO. */
export const reallocationBody = (): Record<string, unknown> => ({
  officerSub: 'sio-yhrocu-1',
  justification: 'Firearms specialist',
  exceptionJustification: FIXTURE_OVERLOAD,
  conflictDeclaration: { hasConflict: false },
  reason: 'The SIO moves to another operation',
});

/** A valid request to hand an ACTIVE fixture tasking (LRO lro-wyp; WYP and SYP affected) to SYP's LRO. */
export const lroReplacementBody = (): Record<string, unknown> => ({
  officerSub: 'lro-syp',
  name: 'DI Clarke',
  reason: 'The OCG moved to Sheffield',
});

/** Tokens of the plan's owners: the seeded SIO and LRO, acting in those roles. */
export const planOwnerTokens = async (stack: Stack, sio = SIO_DRUGS_AND_SLAVERY, lro = WYP_LRO) => ({
  sio: await stack.token(['SIO'], 'YHROCU', sio),
  lro: await stack.token(['LRO'], 'WYP', lro),
});

/** A valid request to add a 4P action (the plan's SIO or LRO may send it). */
export const planActionBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  pillar: 'PURSUE',
  description: 'Arrest the principals',
  ownerOrg: 'YHROCU',
  ownerName: 'DS Owner',
  dueAt: '2027-01-31T17:00:00Z',
  partners: ['Leeds City Council'],
  ...overrides,
});

/** Adds a PLANNED action (version 1) to a referral's plan as the given owner; its id. */
export async function addPlanAction(stack: Stack, referralId: string, ownerToken: string): Promise<string> {
  const { id } = await ok(
    'add a plan action',
    stack.http.post<{ id: string }>(`/referrals/${referralId}/plan/actions`, planActionBody(), ownerToken),
  );
  return id;
}
