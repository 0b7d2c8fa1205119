import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the list filters and sorts the benchmarks showed scanning a whole region (issue 7): the
 * urgency filter with the priority sort, the status filter's count, the assignment scope of SIOs and LROs,
 * and trigram indexes for the `q` search (a substring match a b-tree cannot serve).
 */
export class ListIndexes1763930000000 implements MigrationInterface {
  name = 'ListIndexes1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX referrals_region_urgency_priority
        ON referrals (region, urgency, priority NULLS LAST, risk_score DESC NULLS LAST, submitted_at);
      CREATE INDEX referrals_region_priority
        ON referrals (region, priority NULLS LAST, risk_score DESC NULLS LAST, submitted_at);
      CREATE INDEX referrals_region_status ON referrals (region, status);
      CREATE INDEX referrals_sio_sub ON referrals (sio_sub) WHERE sio_sub IS NOT NULL;
      CREATE INDEX referrals_lro_sub ON referrals (lro_sub) WHERE lro_sub IS NOT NULL;
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX referrals_subject_name_trgm ON referrals USING gin (subject_name gin_trgm_ops);
      CREATE INDEX referrals_reference_trgm ON referrals USING gin (reference gin_trgm_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX referrals_reference_trgm, referrals_subject_name_trgm, referrals_lro_sub, referrals_sio_sub,
        referrals_region_status, referrals_region_priority, referrals_region_urgency_priority;
    `);
  }
}
