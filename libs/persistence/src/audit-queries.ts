import type { DataSource } from 'typeorm';
import type { AccessStats, AuditScope } from '@rocu/domain';
import { AuditLogEntity } from './entities';

/** An auditor's scope as one SQL condition on `audit_log a` with named parameters (null: the whole trail). */
export interface AuditScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The auditor's scope (auditScope) as SQL. An entry is in scope by who acted (their organisation) or by what
 * it is about (a referral or meeting of the organisation or region, or a mutual-aid request the region made or
 * was asked: both sides' auditors see the whole loan, as both sides' managers see the request).
 */
export function auditScopeCondition(scope: AuditScope): AuditScopeCondition | null {
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
               OR a.entity_id IN (SELECT id::text FROM meetings WHERE region = :auditRegion)
               OR a.entity_id IN (SELECT id::text FROM mutual_aid_requests
                                   WHERE :auditRegion IN (borrowing_region, lending_region)))`,
        params: { auditRegion: scope.region },
      };
  }
}

export interface AuditPageFilters {
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** One person's access in a window, by subject and organisation. */
export type AccessStatsRow = AccessStats & { actorSub: string; actorOrg: string | null };

/**
 * Audit actions that only read (a record viewed, a list shown, minutes exported): none of them is work on a record,
 * so none makes a later read of it "own work" (a curious read followed by the candidates list is still curious).
 */
const READ_ACTION = /_(VIEWED|LISTED|EXPORTED)$/;

/** The auditor's reads of the audit trail. */
export const auditQueries = {
  /** A page of entries in scope matching the filters, newest first, and how many match in all. */
  listPage(
    dataSource: DataSource,
    scope: AuditScopeCondition | null,
    filters: AuditPageFilters,
  ): Promise<[AuditLogEntity[], number]> {
    const query = dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (scope) query.andWhere(scope.sql, scope.params);
    // A record's reads include the lists it was shown in; auditors' own reads of its trail only when asked for.
    if (filters.entityId) {
      query.andWhere(`(a.entity_id = :entityId OR a.details->'ids' ? :entityId)`, { entityId: filters.entityId });
      if (filters.action !== 'AUDIT_VIEWED') query.andWhere(`a.action <> 'AUDIT_VIEWED'`);
    }
    if (filters.actor) query.andWhere('a.actor_sub = :actor', { actor: filters.actor });
    if (filters.action) query.andWhere('a.action = :action', { action: filters.action });
    if (filters.from) query.andWhere('a.at >= :from', { from: filters.from });
    if (filters.to) query.andWhere('a.at < :to', { to: filters.to });
    return query
      .orderBy('a.id', 'DESC')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
  },

  /** Each person's reads, reads outside their own work, refusals and unjustified sensitive reads in [from, to). */
  accessStats(
    dataSource: DataSource,
    scope: AuditScopeCondition | null,
    from: string,
    to: string,
  ): Promise<AccessStatsRow[]> {
    const [sql, params] = dataSource.driver.escapeQueryWithParameters(
      `WITH window_rows AS (SELECT * FROM audit_log a WHERE at >= :from AND at < :to AND actor_sub <> 'system'
                              ${scope ? `AND ${scope.sql}` : ''}),
       acted AS (SELECT DISTINCT actor_sub, entity_id FROM window_rows
                  WHERE outcome = 'SUCCESS' AND action !~ :readAction)
       SELECT w.actor_sub AS "actorSub", max(w.actor_org) AS "actorOrg",
              count(*) FILTER (WHERE w.action IN ('REFERRAL_VIEWED', 'REFERRAL_SENSITIVE_VIEWED'))::int AS reads,
              count(DISTINCT w.entity_id) FILTER (WHERE w.action IN ('REFERRAL_VIEWED', 'REFERRAL_SENSITIVE_VIEWED')
                AND NOT EXISTS (SELECT 1 FROM acted a WHERE a.actor_sub = w.actor_sub AND a.entity_id = w.entity_id))::int
                AS "readsOutsideOwnWork",
              count(*) FILTER (WHERE w.outcome = 'DENIED')::int AS refusals,
              count(*) FILTER (WHERE w.action = 'REFERRAL_VIEWED' AND w.details ? 'withheld')::int AS "unjustifiedSensitiveReads"
         FROM window_rows w GROUP BY w.actor_sub`,
      { from, to, readAction: READ_ACTION.source, ...scope?.params },
      {},
    );
    return dataSource.query<AccessStatsRow[]>(sql, params);
  },

  /** The chain hash of each of the rows that is sealed. */
  chainHashes(dataSource: DataSource, ids: string[]): Promise<{ id: string; hash: string }[]> {
    return dataSource.query<{ id: string; hash: string }[]>(
      `SELECT id::text, hash FROM audit_chain WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  },
};
