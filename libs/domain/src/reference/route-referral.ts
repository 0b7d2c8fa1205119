import type { OrganisationKind } from './organisations';

/** What routing needs to know about the reference data (database, editable): a force's region and whether it has a ROCU. */
export interface RoutingFacts {
  /** The force's region code; null for a national force (British Transport Police). */
  regionOf(forceCode: string): string | null;
  hasRocu(regionCode: string): boolean;
}

export type ReferralRouting = { routed: true; region: string; viaForce: string } | { routed: false; reason: string };

/** Where a referral that no ROCU can take goes instead (domain.md section 3). */
export const NO_ROCU_ROUTE =
  'refer it to the National Crime Agency (the NCA route): the Metropolitan Police, City of London Police and ' +
  'British Transport Police have no ROCU, so a referral must name a force affected that has one';

/**
 * A referral goes to the ROCU of the first force affected that has one (domain.md section 3); a referral
 * affecting only forces without a ROCU (London's two forces, British Transport Police) cannot be routed.
 */
export function routeReferral(forcesAffected: readonly string[], facts: RoutingFacts): ReferralRouting {
  for (const force of forcesAffected) {
    const region = facts.regionOf(force);
    if (region !== null && facts.hasRocu(region)) return { routed: true, region, viaForce: force };
  }
  return {
    routed: false,
    reason: `No force affected (${forcesAffected.join(', ')}) has a ROCU: ${NO_ROCU_ROUTE}`,
  };
}

/** A field the submission must change for the referral to be routed (listed in the 400's errors). */
export interface RoutingFieldError {
  field: 'region' | 'forcesAffected';
  code: string;
  message: string;
}

export type SubmissionRouting =
  | { routed: true; region: string; chosen: boolean }
  /** VALIDATION: the submission must change (400); NO_ROCU: a force's case that goes to the NCA instead (422). */
  | { routed: false; code: 'VALIDATION' | 'NO_ROCU'; reason: string; errors: RoutingFieldError[] };

/**
 * Where a submission goes. A partner agency (NCA, HMRC, Border Force, Immigration Enforcement) serves no
 * region, so it may choose the region's gateway; otherwise, as for forces, the first force affected with a
 * ROCU decides. A force's ROCU is reference data, never chosen by the force (api-contract.md).
 */
export function routeSubmission(
  submission: { forcesAffected: readonly string[]; region?: string },
  referrerKind: OrganisationKind,
  facts: RoutingFacts,
): SubmissionRouting {
  const isAgency = referrerKind === 'AGENCY';
  if (submission.region !== undefined) {
    if (!isAgency) {
      const message = "Only partner agencies choose the region: a force's referral goes to its forces' ROCU";
      return {
        routed: false,
        code: 'VALIDATION',
        reason: message,
        errors: [{ field: 'region', code: 'not_chosen_by_forces', message }],
      };
    }
    if (!facts.hasRocu(submission.region)) {
      const message = `Region ${submission.region} has no ROCU gateway: choose a region with a ROCU`;
      return {
        routed: false,
        code: 'VALIDATION',
        reason: message,
        errors: [{ field: 'region', code: 'no_rocu', message }],
      };
    }
    return { routed: true, region: submission.region, chosen: true };
  }
  const routing = routeReferral(submission.forcesAffected, facts);
  if (routing.routed) return { routed: true, region: routing.region, chosen: false };
  if (!isAgency) {
    return {
      routed: false,
      code: 'NO_ROCU',
      reason: routing.reason,
      errors: [{ field: 'forcesAffected', code: 'no_rocu', message: routing.reason }],
    };
  }
  const reason =
    'Name the region whose gateway should take the referral, or a force affected that has a ROCU: ' +
    `no force affected (${submission.forcesAffected.join(', ')}) has one`;
  return {
    routed: false,
    code: 'VALIDATION',
    reason,
    errors: [
      { field: 'region', code: 'required', message: 'Name the region whose gateway should take the referral' },
      { field: 'forcesAffected', code: 'no_rocu', message: routing.reason },
    ],
  };
}
