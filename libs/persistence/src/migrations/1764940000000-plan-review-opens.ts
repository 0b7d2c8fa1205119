import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a plan's next joint review may open, while its cycle has had one (one review per cycle): the plan page then
 * says when, instead of offering a signature the workflow refuses. Plans projected before this stay NULL.
 */
export class PlanReviewOpens1764940000000 implements MigrationInterface {
  name = 'PlanReviewOpens1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans ADD COLUMN next_review_opens_at timestamptz`);
    await q.query(
      `COMMENT ON COLUMN plans.next_review_opens_at IS 'this cycle has had its joint review: the next opens then; NULL: one may open now'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans DROP COLUMN next_review_opens_at`);
  }
}
