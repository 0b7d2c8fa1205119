import type { Actor, Role } from '../roles';
import { isAssignee } from './assignment';

/** One way a user may be entitled to see a referral; a user sees the union of their scopes. */
export type ReferralScope =
  | { kind: 'OWNER_ORG'; org: string }
  | { kind: 'REGION'; region: string }
  | { kind: 'REFERRED_NATIONAL' }
  /**
   * The SIO or LRO the tasking is assigned to (an LRO may be from another force than the referrer): the
   * person by sub and organisation, in that role.
   */
  | { kind: 'ASSIGNED'; role: AssignableRole; sub: string; org: string };

/** Roles that work for a ROCU and see their region's referrals. */
const REGIONAL_ROLES: readonly Role[] = ['GATEWAY_ASSESSOR', 'GAIN_COORDINATOR', 'TTCG_CHAIR', 'ROCU_MANAGER'];
/** Roles that work for the referring organisation and see its own referrals. */
const OWN_ORGANISATION_ROLES: readonly Role[] = ['FORCE_REFERRER', 'NCA_LIAISON'];
/** Roles a tasking is assigned to by person: they see their own taskings only (need-to-know). */
const ASSIGNABLE_ROLES = ['SIO', 'LRO'] as const;
type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

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
  for (const role of ASSIGNABLE_ROLES) {
    if (actor.roles.includes(role)) scopes.push({ kind: 'ASSIGNED', role, sub: actor.sub, org: actor.org });
  }
  return scopes;
}

export function canSeeReferral(
  actor: Actor,
  referral: {
    ownerOrg: string;
    region: string;
    status: string;
    sio?: { sub: string; org: string } | null;
    lro?: { sub: string; org: string } | null;
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
      case 'ASSIGNED': {
        const assigned = scope.role === 'SIO' ? referral.sio : referral.lro;
        return !!assigned && isAssignee(actor, { ...assigned, role: scope.role });
      }
    }
  });
}
