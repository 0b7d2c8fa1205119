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
