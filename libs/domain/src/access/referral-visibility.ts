import type { Actor, Role } from '../roles';

/** One way a user may be entitled to see a referral; a user sees the union of their scopes. */
export type ReferralScope =
  | { kind: 'OWNER_ORG'; org: string }
  | { kind: 'REGION'; region: string }
  | { kind: 'REFERRED_NATIONAL' }
  /**
   * The SIO or LRO the tasking is assigned to (an LRO may be from another force than the referrer), or was:
   * a replaced owner keeps read access to what they did.
   */
  | { kind: 'ASSIGNED'; sub: string };

/** Roles that work for a ROCU and see their region's referrals. */
const REGIONAL_ROLES: readonly Role[] = ['GATEWAY_ASSESSOR', 'GAIN_COORDINATOR', 'TTCG_CHAIR', 'ROCU_MANAGER'];
/** Roles that work for the referring organisation and see its own referrals. */
const OWN_ORGANISATION_ROLES: readonly Role[] = ['FORCE_REFERRER', 'NCA_LIAISON'];
/** Roles a tasking is assigned to by person: they see their own taskings only (need-to-know). */
const ASSIGNABLE_ROLES: readonly Role[] = ['SIO', 'LRO'];

/**
 * Need-to-know for referrals: referrers see their own organisation's, ROCU staff their region's, NCA
 * liaison also those referred national, and an SIO or LRO only the taskings assigned to them. Auditors and meeting members get nothing here (they have their
 * own views). An empty result means the user sees no referral at all.
 */
export function referralScopes(actor: Actor): ReferralScope[] {
  const scopes: ReferralScope[] = [];
  if (actor.roles.some((role) => OWN_ORGANISATION_ROLES.includes(role)))
    scopes.push({ kind: 'OWNER_ORG', org: actor.org });
  if (actor.region && actor.roles.some((role) => REGIONAL_ROLES.includes(role))) {
    scopes.push({ kind: 'REGION', region: actor.region });
  }
  if (actor.roles.includes('NCA_LIAISON')) scopes.push({ kind: 'REFERRED_NATIONAL' });
  if (actor.roles.some((role) => ASSIGNABLE_ROLES.includes(role))) scopes.push({ kind: 'ASSIGNED', sub: actor.sub });
  return scopes;
}

export function canSeeReferral(
  actor: Actor,
  referral: {
    ownerOrg: string;
    region: string;
    status: string;
    sioSub?: string | null;
    lroSub?: string | null;
    /** Everyone who has owned the tasking as SIO or LRO, today's owners included. */
    ownerSubs?: readonly string[];
  },
): boolean {
  return referralScopes(actor).some((scope) => {
    switch (scope.kind) {
      case 'OWNER_ORG':
        return referral.ownerOrg === scope.org;
      case 'REGION':
        return referral.region === scope.region;
      case 'REFERRED_NATIONAL':
        return referral.status === 'REFERRED_NATIONAL';
      case 'ASSIGNED':
        return (
          referral.sioSub === scope.sub ||
          referral.lroSub === scope.sub ||
          (referral.ownerSubs ?? []).includes(scope.sub)
        );
    }
  });
}
