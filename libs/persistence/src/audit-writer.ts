import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  actorSub: string;
  actorOrg: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: 'SUCCESS' | 'DENIED' | 'FAILED';
  correlationId?: string | null;
  justification?: string | null;
  details?: Record<string, unknown>;
  /** Makes a retried write (e.g. a re-run activity) a no-op instead of a second row. */
  dedupeKey?: string;
}

/**
 * Appends one row to the audit log. The database gives it its id, time and transaction; no lock is taken:
 * the audit sealer chains and signs it seconds later (see sealAuditBatch).
 */
export async function appendAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (actor_sub, actor_org, action, entity_type, entity_id, outcome, correlation_id,
       justification, details, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      entry.actorSub,
      entry.actorOrg,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.outcome,
      entry.correlationId ?? null,
      entry.justification ?? null,
      JSON.stringify(entry.details ?? {}),
      entry.dedupeKey ?? null,
    ],
  );
}

/** An authenticated caller, as the audit names them (an `Actor` is one). */
export interface AuditActor {
  sub: string;
  org: string | null;
}

/** The worker and the engine acting on their own (a deadline passing, a notice sent). */
export const SYSTEM_AUDIT_ACTOR: AuditActor = { sub: 'system', org: null };

/** A caller's act that succeeded: the row's actor and outcome come from the call, not the caller's code. */
export function appendActorAudit(
  manager: EntityManager,
  actor: AuditActor,
  entry: Omit<AuditEntry, 'actorSub' | 'actorOrg' | 'outcome'>,
): Promise<void> {
  return appendAudit(manager, { ...entry, actorSub: actor.sub, actorOrg: actor.org, outcome: 'SUCCESS' });
}
