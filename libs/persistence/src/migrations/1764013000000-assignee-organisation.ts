import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An assignment names a person by sub and organisation (issue #13): the referral keeps the organisation of
 * its SIO (their ROCU) and of its LRO (their force), so visibility by assignment checks both.
 */
export class AssigneeOrganisation1764013000000 implements MigrationInterface {
  name = 'AssigneeOrganisation1764013000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referrals ADD COLUMN sio_org text NULL, ADD COLUMN lro_org text NULL;
      UPDATE referrals r SET sio_org = o.org FROM officers o WHERE o.sub = r.sio_sub;
      UPDATE referrals r SET lro_org = o.org FROM officers o WHERE o.sub = r.lro_sub;
      UPDATE referrals r SET lro_org = p.lro_org FROM plans p WHERE p.referral_id = r.id;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals DROP COLUMN sio_org, DROP COLUMN lro_org`);
  }
}
