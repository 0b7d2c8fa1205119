import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import { Actor, anomalyFlags, auditScope, DomainError } from '@rocu/domain';
import {
  appendActorAudit,
  auditQueries,
  auditScopeCondition,
  AuditScopeCondition,
  verifyAuditChain,
} from '@rocu/persistence';
import { AnomalyQuery, AnomalyReportDto, AuditListResponse, AuditQuery, AuditVerificationDto } from './audit.dto';

/** The caller's audit scope as SQL (null: the whole trail); only auditors reach here (@Roles). */
function scopeOf(actor: Actor): AuditScopeCondition | null {
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
    const [rows, total] = await auditQueries.listPage(this.dataSource, scopeOf(actor), filters);
    const hashes = await this.chainHashes(rows.map((row) => row.id));
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'AUDIT_VIEWED',
      entityType: 'audit',
      entityId: null,
      correlationId,
      // The records asked about and those whose entries were shown: a search for one of them (asking for
      // AUDIT_VIEWED) finds this read.
      details: {
        filters: { ...filters },
        ids: [
          ...new Set([...(filters.entityId ? [filters.entityId] : []), ...rows.flatMap((row) => row.entityId ?? [])]),
        ],
      },
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
  async anomalies(actor: Actor, query: AnomalyQuery, correlationId: string): Promise<AnomalyReportDto> {
    const to = new Date();
    const from = new Date(to.getTime() - query.days * 86_400_000);
    const scope = scopeOf(actor);
    const stats = await auditQueries.accessStats(this.dataSource, scope, from.toISOString(), to.toISOString());
    const items = stats
      .map((row) => ({ ...row, flags: anomalyFlags(row) }))
      .filter((row) => row.flags.length > 0)
      .sort((a, b) => b.flags.length - a.flags.length || b.refusals - a.refusals);
    // Who looked at whom is itself read of the trail, and audited as such.
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'AUDIT_ANOMALIES_VIEWED',
      entityType: 'audit',
      entityId: null,
      correlationId,
      details: { days: query.days, actors: items.map((item) => item.actorSub) },
    });
    return { from: from.toISOString(), to: to.toISOString(), items };
  }

  verify(): Promise<AuditVerificationDto> {
    return verifyAuditChain(this.dataSource.manager, this.config.AUDIT_SEAL_KEY);
  }

  /** Each sealed row's chain hash by id (a row in the unsealed tail has none yet). */
  private async chainHashes(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await auditQueries.chainHashes(this.dataSource, ids);
    return new Map(rows.map((row) => [row.id, row.hash]));
  }
}
