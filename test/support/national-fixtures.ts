import { assessedReferral } from './meeting-fixtures';
import { referralBody, workedExampleAssessment } from './referral-fixtures';
import type { Stack } from './stack';
import { ok } from './tasking-fixtures';

/** The NCA's own score of the work: the worked example (P2), without a route (a tasking request goes to the TTCG). */
export const ncaScore = (): Record<string, unknown> => {
  const { route: _route, ...assessment } = workedExampleAssessment();
  return assessment;
};

/** A valid NCA tasking request to YHROCU against the seeded FIREARMS priority. */
export const taskingBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  referralBody({ region: 'YHROCU', nationalPriority: 'FIREARMS', assessment: ncaScore(), ...overrides });

/** A date `days` before today, as the partner-check dates are given (YYYY-MM-DD). */
export const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** A valid GAIN partner check: an HMRC hit with its reference. */
export const partnerCheckBody = (): Record<string, unknown> => ({
  agency: 'HMRC',
  requestedOn: daysAgo(3),
  result: 'HIT',
  reference: 'HMRC-CI-0042',
  checkedOn: daysAgo(1),
});

export const partnerDisposalBody = (): Record<string, unknown> => ({
  agency: 'HMRC',
  reference: 'HMRC-FIS-2026-117',
  rationale: 'Tax evasion at the core: HMRC leads',
});

/** A WYP referral the YHROCU assessor routed national: in the NCA's queue, awaiting its answer. */
export async function referredNational(stack: Stack): Promise<string> {
  return (await assessedReferral(stack, { route: 'REFER_NATIONAL' })).id;
}

/** A valid request by YHROCU's manager for a capability of `lendingRegion`, for a live YHROCU tasking. */
export const mutualAidBody = (referralId: string, lendingRegion = 'EMSOU'): Record<string, unknown> => ({
  referralId,
  lendingRegion,
  kind: 'CAPABILITY',
  capability: 'COVERT_SURVEILLANCE',
  reason: 'Our surveillance team is deployed',
});

/** A REQUESTED mutual-aid request of YHROCU to `lendingRegion` for the tasking; its id. */
export async function askedMutualAid(stack: Stack, referralId: string, lendingRegion = 'EMSOU'): Promise<string> {
  const { id } = await ok(
    'ask for mutual aid',
    stack.http.post<{ id: string }>(
      '/mutual-aid-requests',
      mutualAidBody(referralId, lendingRegion),
      await stack.token(['ROCU_MANAGER'], 'YHROCU'),
    ),
  );
  return id;
}
