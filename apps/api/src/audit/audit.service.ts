import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import { AccessStats, Actor, anomalyFlags, auditScope, DomainError } from '@rocu/domain';
import { appendAudit, AuditLogEntity, verifyAuditChain } from '@rocu/persistence';
import { auditScopeCondition } from './audit-scope.sql';
import { AnomalyQuery, AnomalyReportDto, AuditListResponse, AuditQuery, AuditVerificationDto } from './audit.dto';

/** The caller's audit scope as SQL (null: the whole trail); only auditors reach here (@Roles). */
function scopeOf(actor: Actor): ReturnType<typeof auditScopeCondition> {
  const scope = auditScope(actor);
  if (scope === null) throw new DomainError('FORBIDDEN', 'Only auditors read the audit trail');
  return auditScopeCondition(scope);
}

/**
 * The auditor's view of the audit trail, limited to their scope (their organisation's, a ROCU's auditor
 * their region's, the national auditor all of it); reading it is itself audited.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, filters: AuditQuery, correlationId: string): Promise<AuditListResponse> {
    const query = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    const scope = scopeOf(actor);
    if (scope) query.andWhere(scope.sql, scope.params);
    // A record's reads include the lists it was shown in.
    if (filters.entityId) {
      query.andWhere(`(a.entity_id = :entityId OR a.details->'ids' ? :entityId)`, { entityId: filters.entityId });
    }
    if (filters.actor) query.andWhere('a.actor_sub = :actor', { actor: filters.actor });
    if (filters.action) query.andWhere('a.action = :action', { action: filters.action });
    if (filters.from) query.andWhere('a.at >= :from', { from: filters.from });
    if (filters.to) query.andWhere('a.at < :to', { to: filters.to });
    const [rows, total] = await query
      .orderBy('a.id', 'DESC')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
    const hashes = await this.chainHashes(rows.map((row) => row.id));
    await appendAudit(this.dataSource.manager, {
      actorSub: actor.sub,
      actorOrg: actor.org,
      action: 'AUDIT_VIEWED',
      entityType: 'audit',
      entityId: null,
      outcome: 'SUCCESS',
      correlationId,
      details: { filters: { ...filters } },
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorSub: row.actorSub,
        actorOrg: row.actorOrg,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        outcome: row.outcome,
        correlationId: row.correlationId,
        justification: row.justification,
        details: row.details,
        hash: hashes.get(row.id) ?? null,
      })),
      total,
      page: filters.page,
      pageSize: filters.pageSize,
    };
  }

  /** People whose access in the window (and the auditor's scope) looks unusual (see anomalyFlags), most flags first. */
  async anomalies(actor: Actor, query: AnomalyQuery): Promise<AnomalyReportDto> {
    const to = new Date();
    const from = new Date(to.getTime() - query.days * 86_400_000);
    const scope = scopeOf(actor);
    const [sql, params] = this.dataSource.driver.escapeQueryWithParameters(
      `WITH window_rows AS (SELECT * FROM audit_log a WHERE at >= :from AND at < :to AND actor_sub <> 'system'
                              ${scope ? `AND ${scope.sql}` : ''}),
       acted AS (SELECT DISTINCT actor_sub, entity_id FROM window_rows
                  WHERE outcome = 'SUCCESS' AND action NOT IN ('REFERRAL_VIEWED', 'REFERRAL_SENSITIVE_VIEWED'))
       SELECT w.actor_sub AS "actorSub", max(w.actor_org) AS "actorOrg",
              count(*) FILTER (WHERE w.action IN ('REFERRAL_VIEWED', 'REFERRAL_SENSITIVE_VIEWED'))::int AS reads,
              count(DISTINCT w.entity_id) FILTER (WHERE w.action IN ('REFERRAL_VIEWED', 'REFERRAL_SENSITIVE_VIEWED')
                AND NOT EXISTS (SELECT 1 FROM acted a WHERE a.actor_sub = w.actor_sub AND a.entity_id = w.entity_id))::int
                AS "readsOutsideOwnWork",
              count(*) FILTER (WHERE w.outcome = 'DENIED')::int AS refusals,
              count(*) FILTER (WHERE w.action = 'REFERRAL_VIEWED' AND w.details ? 'withheld')::int AS "unjustifiedSensitiveReads"
         FROM window_rows w GROUP BY w.actor_sub`,
      { from: from.toISOString(), to: to.toISOString(), ...scope?.params },
      {},
    );
    const stats = await this.dataSource.query<(AccessStats & { actorSub: string; actorOrg: string | null })[]>(
      sql,
      params,
    );
    const items = stats
      .map((row) => ({ ...row, flags: anomalyFlags(row) }))
      .filter((row) => row.flags.length > 0)
      .sort((a, b) => b.flags.length - a.flags.length || b.refusals - a.refusals);
    return { from: from.toISOString(), to: to.toISOString(), items };
  }

  verify(): Promise<AuditVerificationDto> {
    return verifyAuditChain(this.dataSource.manager, this.config.AUDIT_SEAL_KEY);
  }

  /** Each sealed row's chain hash by id (a row in the unsealed tail has none yet). */
  private async chainHashes(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; hash: string }[]>(
      `SELECT id::text, hash FROM audit_chain WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.hash]));
  }
}
