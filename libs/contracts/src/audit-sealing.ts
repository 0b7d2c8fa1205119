/** What one run of the sealer activity did (see sealAuditBatch in @rocu/persistence). */
export interface AuditSealOutcome {
  rows: number;
  /** False when more rows are waiting than one batch takes: the sealer goes on without waiting. */
  complete: boolean;
}

export interface AuditSealingActivities {
  sealAuditBatch(): Promise<AuditSealOutcome>;
}

export interface AuditSealerInput {
  intervalMs: number;
}

export const AUDIT_SEALER_WORKFLOW_TYPE = 'auditSealerWorkflow';
