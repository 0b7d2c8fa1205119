import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the counts are kept by: the columns the need-to-know scopes and the list's filters test (see
 * `referralQueries.listPage`), and the national priority the national report counts by ('' for none).
 */
const KEY = 'region, owner_org, status, urgency, national_priority';

/** Adds -1 for a row's old key and +1 for its new one, keys in order so concurrent commits lock alike. */
const TRACK_FUNCTION = `
  CREATE FUNCTION referral_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO referral_counts AS c (${KEY}, n)
    SELECT ${KEY}, sum(delta)
      FROM (SELECT OLD.region, OLD.owner_org, OLD.status, OLD.urgency, coalesce(OLD.national_priority, ''), -1
             WHERE TG_OP <> 'INSERT'
            UNION ALL
            SELECT NEW.region, NEW.owner_org, NEW.status, NEW.urgency, coalesce(NEW.national_priority, ''), 1
             WHERE TG_OP <> 'DELETE')
           AS changed(${KEY}, delta)
     GROUP BY ${KEY}
     ORDER BY ${KEY}
    ON CONFLICT (${KEY}) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
  END $$;

  CREATE FUNCTION referral_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    TRUNCATE referral_counts;
    RETURN NULL;
  END $$;`;

/**
 * How many referrals there are per region, owning organisation, status, urgency and national priority, kept
 * by the database itself so a list's `total` and the national report cost the same at a decade of referrals
 * as at a year (issue 19: counting the region's rows was linear in its history, 126 ms at 1,000,000). The triggers are deferred to commit, so the
 * counter rows are locked only while a transaction commits, not for the rest of a projection's transaction;
 * and every writer of `referrals` keeps them, whatever code path it takes. Existing rows are counted under a
 * lock that holds writers off until the counts are in.
 */
export class ReferralCounts1764800000000 implements MigrationInterface {
  name = 'ReferralCounts1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_counts (
        region text NOT NULL,
        owner_org text NOT NULL,
        status text NOT NULL,
        urgency text NOT NULL,
        national_priority text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (${KEY})
      );
      ${TRACK_FUNCTION}
      LOCK TABLE referrals IN SHARE ROW EXCLUSIVE MODE;
      INSERT INTO referral_counts (${KEY}, n)
        SELECT region, owner_org, status, urgency, coalesce(national_priority, ''), count(*)
          FROM referrals GROUP BY 1, 2, 3, 4, 5;
      CREATE CONSTRAINT TRIGGER referral_counts_on_insert_or_delete AFTER INSERT OR DELETE ON referrals
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION referral_counts_track();
      CREATE CONSTRAINT TRIGGER referral_counts_on_update AFTER UPDATE OF ${KEY} ON referrals
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
        WHEN ((OLD.region, OLD.owner_org, OLD.status, OLD.urgency, OLD.national_priority)
              IS DISTINCT FROM (NEW.region, NEW.owner_org, NEW.status, NEW.urgency, NEW.national_priority))
        EXECUTE FUNCTION referral_counts_track();
      CREATE TRIGGER referral_counts_on_truncate AFTER TRUNCATE ON referrals
        FOR EACH STATEMENT EXECUTE FUNCTION referral_counts_reset();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER referral_counts_on_truncate ON referrals;
      DROP TRIGGER referral_counts_on_update ON referrals;
      DROP TRIGGER referral_counts_on_insert_or_delete ON referrals;
      DROP FUNCTION referral_counts_reset();
      DROP FUNCTION referral_counts_track();
      DROP TABLE referral_counts;
    `);
  }
}
