/** The retention workflow's activity: deletes the Idempotency-Key records older than `retentionMs`; how many. */
export interface IdempotencyRetentionActivities {
  pruneIdempotencyKeys(retentionMs: number): Promise<number>;
}

export interface IdempotencyRetentionInput {
  /** How long a key is remembered after its first use (a repeat within it answers as the first). */
  retentionMs: number;
  /** How often the expired ones are deleted. */
  intervalMs: number;
}

export const IDEMPOTENCY_RETENTION_WORKFLOW_TYPE = 'idempotencyRetentionWorkflow';
