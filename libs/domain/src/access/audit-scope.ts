import type { Actor } from '../roles';

/**
 * What part of the audit trail an auditor reads (issue #13): the national auditor (at the NCA) the whole;
 * any other auditor the entries of their own organisation's people and records, and a ROCU's auditor those
 * of its whole region (its own staff, its forces' people, the region's referrals and meetings).
 */
export type AuditScope =
  | { kind: 'NATIONAL' }
  /** People of these organisations, and referrals owned by them. */
  | { kind: 'ORGANISATIONS'; orgs: readonly string[] }
  /** People of the region's organisations, and the region's referrals and meetings. */
  | { kind: 'REGION'; region: string };

/** The auditor's scope, or null for someone who is not an auditor. */
export function auditScope(actor: Actor): AuditScope | null {
  if (actor.roles.includes('NATIONAL_AUDITOR')) return { kind: 'NATIONAL' };
  if (!actor.roles.includes('AUDITOR')) return null;
  // For ROCU regions the region code is the ROCU's organisation code (see Region).
  if (actor.region !== null && actor.org === actor.region) return { kind: 'REGION', region: actor.region };
  return { kind: 'ORGANISATIONS', orgs: [actor.org] };
}
