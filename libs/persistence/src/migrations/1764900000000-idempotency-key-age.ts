import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, dropIndexesConcurrently } from './concurrent-index';

const INDEX = 'idempotency_keys_created_at';

/**
 * Keys are forgotten once their retention has passed (the worker's idempotencyRetentionWorkflow): the expired
 * ones are found by age without reading the whole table. Built concurrently, so keyed requests go on meanwhile.
 */
export class IdempotencyKeyAge1764900000000 implements MigrationInterface {
  name = 'IdempotencyKeyAge1764900000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexConcurrently(q, INDEX, 'ON idempotency_keys (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, [INDEX]);
  }
}
