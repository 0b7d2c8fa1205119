import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, dropIndexesConcurrently } from './concurrent-index';

const INDEXES: [name: string, definition: string][] = [
  ['referrals_national_report', 'ON referrals (national_priority, region, status) WHERE national_priority IS NOT NULL'],
  ['referrals_region_subject_name_trgm', 'ON referrals USING gin (region, subject_name gin_trgm_ops)'],
  ['referrals_region_reference_trgm', 'ON referrals USING gin (region, reference gin_trgm_ops)'],
];

/**
 * Indexes for a decade of referrals (issue 19), where the bench found reads touching rows all over the table:
 * the national report counts every referral aligned to a national priority (now from the index alone, not
 * the rows), and a region's `q` search intersected the trigram matches of every region with the whole region
 * (now one index gives the region's matches: btree_gin lets a GIN index lead with the region). Built
 * concurrently (outside a transaction) so referrals keep being written while they are built.
 */
export class NationalScaleIndexes1764750000000 implements MigrationInterface {
  name = 'NationalScaleIndexes1764750000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    for (const [name, definition] of INDEXES) await createIndexConcurrently(q, name, definition);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, INDEXES.map(([name]) => name).reverse());
  }
}
