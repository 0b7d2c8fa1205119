/** Roles from domain.md section 2. Order is stable: it is shown in UIs and stored in tokens. */
export const ROLES = [
  'FORCE_REFERRER',
  'GATEWAY_ASSESSOR',
  'GAIN_COORDINATOR',
  'TTCG_CHAIR',
  'TTCG_MEMBER',
  'ROCU_MANAGER',
  'SIO',
  'LRO',
  'NCA_LIAISON',
  'AUDITOR',
  /** The national auditor, at the NCA: reads the whole audit trail (an AUDITOR reads their own organisation's). */
  'NATIONAL_AUDITOR',
] as const;

export type Role = (typeof ROLES)[number];

/** The authenticated person a rule is judged against (built from the token at the edge). */
export interface Actor {
  sub: string;
  name: string;
  roles: readonly Role[];
  /** Organisation code, e.g. 'WYP' or 'YHROCU'. */
  org: string;
  /** Region code for ROCU staff and force staff; null for national agencies. */
  region: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
