import type { AuditScope } from '@rocu/domain';

/**
 * The auditor's scope (auditScope) as one SQL condition on `audit_log a` with named parameters, or null for
 * the whole trail. An entry is in scope by who acted (their organisation) or by what it is about (a referral
 * or meeting of the organisation or region).
 */
export function auditScopeCondition(scope: AuditScope): { sql: string; params: Record<string, unknown> } | null {
  switch (scope.kind) {
    case 'NATIONAL':
      return null;
    case 'ORGANISATIONS':
      return {
        sql: `(a.actor_org IN (:...auditOrgs)
               OR a.entity_id IN (SELECT id::text FROM referrals WHERE owner_org IN (:...auditOrgs)))`,
        params: { auditOrgs: scope.orgs },
      };
    case 'REGION':
      return {
        sql: `(a.actor_org IN (SELECT code FROM organisations WHERE region_code = :auditRegion)
               OR a.entity_id IN (SELECT id::text FROM referrals WHERE region = :auditRegion)
               OR a.entity_id IN (SELECT id::text FROM meetings WHERE region = :auditRegion))`,
        params: { auditRegion: scope.region },
      };
  }
}
