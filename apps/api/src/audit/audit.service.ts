import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@rocu/domain';
import { appendAudit, AuditLogEntity, verifyAuditChain } from '@rocu/persistence';
import { AuditListResponse, AuditQuery, AuditVerificationDto } from './audit.dto';

/** The auditor's view of the audit trail; reading it is itself audited. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, filters: AuditQuery, correlationId: string): Promise<AuditListResponse> {
    const query = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (filters.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filters.entityId });
    if (filters.actor) query.andWhere('a.actor_sub = :actor', { actor: filters.actor });
    if (filters.action) query.andWhere('a.action = :action', { action: filters.action });
    if (filters.from) query.andWhere('a.at >= :from', { from: filters.from });
    if (filters.to) query.andWhere('a.at < :to', { to: filters.to });
    const [rows, total] = await query
      .orderBy('a.id', 'DESC')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
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
        hash: row.hash,
      })),
      total,
      page: filters.page,
      pageSize: filters.pageSize,
    };
  }

  verify(): Promise<AuditVerificationDto> {
    return verifyAuditChain(this.dataSource.manager);
  }
}
