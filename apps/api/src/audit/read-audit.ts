import type { DataSource } from 'typeorm';
import { appendActorAudit, type AuditActor } from '@rocu/persistence';

/** Audits a read of a region's figures or settings (no record of its own): who looked, at which region, when. */
export function auditRegionRead(
  dataSource: DataSource,
  actor: AuditActor,
  read: { action: string; region: string; correlationId: string; details?: Record<string, unknown> },
): Promise<void> {
  const { region, ...entry } = read;
  return appendActorAudit(dataSource.manager, actor, { ...entry, entityType: 'region', entityId: region });
}

/** The records a page of rows showed: each row's id and the referral it names, if any. */
export function idsShown(rows: readonly { id: string; referralId: string | null }[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.referralId ? [row.id, row.referralId] : [row.id])))];
}

/** Audits a page of a list with the ids it showed, so `GET /audit?entityId=` finds the read for any of them. */
export function auditPageRead(
  dataSource: DataSource,
  actor: AuditActor,
  read: {
    action: string;
    entityType: string;
    correlationId: string;
    ids: string[];
    total: number;
    page: { page: number; pageSize: number };
  },
): Promise<void> {
  const { action, entityType, correlationId, ids, total, page } = read;
  return appendActorAudit(dataSource.manager, actor, {
    action,
    entityType,
    entityId: null,
    correlationId,
    details: { ids, total, page: page.page, pageSize: page.pageSize },
  });
}
