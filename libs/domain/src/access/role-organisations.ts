import type { OrganisationKind } from '../reference/organisations';
import type { Role } from '../roles';

/** Which organisations each role belongs to (domain.md section 2). */
const ROLE_BELONGS_TO: Readonly<Record<Role, (org: { code: string; kind: OrganisationKind }) => boolean>> = {
  FORCE_REFERRER: (org) => org.kind === 'FORCE' || org.kind === 'AGENCY',
  GATEWAY_ASSESSOR: (org) => org.kind === 'ROCU',
  GAIN_COORDINATOR: (org) => org.kind === 'ROCU',
  TTCG_CHAIR: (org) => org.kind === 'ROCU',
  TTCG_MEMBER: (org) => org.kind === 'FORCE' || org.kind === 'AGENCY',
  ROCU_MANAGER: (org) => org.kind === 'ROCU',
  SIO: (org) => org.kind === 'ROCU',
  LRO: (org) => org.kind === 'FORCE',
  NCA_LIAISON: (org) => org.code === 'NCA',
  AUDITOR: () => true,
  NATIONAL_AUDITOR: (org) => org.code === 'NCA',
};

/**
 * The roles a token's holder may exercise in their organisation: a role claimed in the wrong kind of
 * organisation (an NCA liaison at HMRC, a gateway assessor at a force) grants nothing.
 */
export function effectiveRoles(roles: readonly Role[], org: { code: string; kind: OrganisationKind }): Role[] {
  return roles.filter((role) => ROLE_BELONGS_TO[role](org));
}
