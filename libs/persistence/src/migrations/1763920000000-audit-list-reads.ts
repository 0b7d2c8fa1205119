import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, dropIndexesConcurrently } from './concurrent-index';

/**
 * List reads are audited with the ids shown; an auditor asking about one record finds them by this index.
 * Built concurrently (outside a transaction) so the audit log keeps taking rows while it is built.
 */
export class AuditListReads1763920000000 implements MigrationInterface {
  name = 'AuditListReads1763920000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexConcurrently(q, 'audit_log_listed_ids', `ON audit_log USING gin ((details -> 'ids'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, ['audit_log_listed_ids']);
  }
}
