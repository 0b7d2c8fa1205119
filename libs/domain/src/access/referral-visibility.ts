import type { Actor, Role } from '../roles';

/** One way a user may be entitled to see a referral; a user sees the union of their scopes. */
export type ReferralScope =
  { kind: 'OWNER_ORG'; org: string } | { kind: 'REGION'; region: string } | { kind: 'REFERRED_NATIONAL' };

/** Roles that work for a ROCU and see their region's referrals. */
const REGIONAL_ROLES: readonly Role[] = ['GATEWAY_ASSESSOR', 'GAIN_COORDINATOR', 'TTCG_CHAIR', 'ROCU_MANAGER', 'SIO'];
/** Roles that work for the referring organisation and see its own referrals. */
const OWN_ORGANISATION_ROLES: readonly Role[] = ['FORCE_REFERRER', 'LRO', 'NCA_LIAISON'];

/**
 * Need-to-know for referrals: referrers see their own organisation's, ROCU staff their region's, NCA
 * liaison also those referred national. Auditors and meeting members get nothing here (they have their
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
  return scopes;
}

export function canSeeReferral(actor: Actor, referral: { ownerOrg: string; region: string; status: string }): boolean {
  return referralScopes(actor).some((scope) => {
    switch (scope.kind) {
      case 'OWNER_ORG':
        return referral.ownerOrg === scope.org;
      case 'REGION':
        return referral.region === scope.region;
      case 'REFERRED_NATIONAL':
        return referral.status === 'REFERRED_NATIONAL';
    }
  });
}
