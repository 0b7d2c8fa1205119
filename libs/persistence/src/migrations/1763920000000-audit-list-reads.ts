import { MigrationInterface, QueryRunner } from 'typeorm';

/** List reads are audited with the ids shown; an auditor asking about one record finds them by this index. */
export class AuditListReads1763920000000 implements MigrationInterface {
  name = 'AuditListReads1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_log_listed_ids ON audit_log USING gin ((details -> 'ids'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_listed_ids`);
  }
}
