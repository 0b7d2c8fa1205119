import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, dropIndexesConcurrently } from './concurrent-index';

const INDEXES: [name: string, definition: string][] = [
  [
    'referrals_region_urgency_priority',
    'ON referrals (region, urgency, priority NULLS LAST, risk_score DESC NULLS LAST, submitted_at)',
  ],
  ['referrals_region_priority', 'ON referrals (region, priority NULLS LAST, risk_score DESC NULLS LAST, submitted_at)'],
  ['referrals_region_status', 'ON referrals (region, status)'],
  ['referrals_sio_sub', 'ON referrals (sio_sub) WHERE sio_sub IS NOT NULL'],
  ['referrals_lro_sub', 'ON referrals (lro_sub) WHERE lro_sub IS NOT NULL'],
  ['referrals_subject_name_trgm', 'ON referrals USING gin (subject_name gin_trgm_ops)'],
  ['referrals_reference_trgm', 'ON referrals USING gin (reference gin_trgm_ops)'],
];

/**
 * Indexes for the list filters and sorts the benchmarks showed scanning a whole region (issue 7): the
 * urgency filter with the priority sort, the status filter's count, the assignment scope of SIOs and LROs,
 * and trigram indexes for the `q` search (a substring match a b-tree cannot serve). Built concurrently
 * (outside a transaction) so referrals keep being written while they are built.
 */
export class ListIndexes1763930000000 implements MigrationInterface {
  name = 'ListIndexes1763930000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const [name, definition] of INDEXES) await createIndexConcurrently(q, name, definition);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, INDEXES.map(([name]) => name).reverse());
  }
}
