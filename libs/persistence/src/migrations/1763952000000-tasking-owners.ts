import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who owned each tasking and its 4P plan, and when: one row per SIO or LRO period, so a replaced owner keeps
 * read access to what they did and the history shows the hand-overs. An SIO may now be allocated more than
 * once per referral (reallocation), so an allocation is keyed by its time as well.
 */
export class TaskingOwners1763952000000 implements MigrationInterface {
  name = 'TaskingOwners1763952000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sio_allocations DROP CONSTRAINT sio_allocations_pkey, ADD PRIMARY KEY (referral_id, allocated_at);

      CREATE TABLE tasking_owners (
        referral_id uuid NOT NULL REFERENCES referrals (id),
        role text NOT NULL CHECK (role IN ('SIO', 'LRO')),
        seq integer NOT NULL,
        officer_sub text NOT NULL,
        officer_name text NOT NULL,
        officer_org text NOT NULL,
        reason text NULL,
        changed_by_sub text NOT NULL,
        from_at timestamptz NOT NULL,
        until_at timestamptz NULL,
        PRIMARY KEY (referral_id, role, seq)
      );
      CREATE INDEX tasking_owners_officer ON tasking_owners (officer_sub, referral_id);

      -- Today's owners of existing taskings, from the step that named them.
      INSERT INTO tasking_owners (referral_id, role, seq, officer_sub, officer_name, officer_org, changed_by_sub, from_at)
      SELECT r.id, 'SIO', h.seq, r.sio_sub, r.sio_name, r.region, h.actor_sub, h.at
        FROM referrals r
        JOIN LATERAL (SELECT seq, actor_sub, at FROM referral_history
                       WHERE referral_id = r.id AND action = 'ALLOCATE_SIO' ORDER BY seq DESC LIMIT 1) h ON true
       WHERE r.sio_sub IS NOT NULL;
      INSERT INTO tasking_owners (referral_id, role, seq, officer_sub, officer_name, officer_org, changed_by_sub, from_at)
      SELECT r.id, 'LRO', h.seq, r.lro_sub, r.lro_name, coalesce(o.org, r.owner_org), h.actor_sub, h.at
        FROM referrals r
        LEFT JOIN officers o ON o.sub = r.lro_sub
        JOIN LATERAL (SELECT seq, actor_sub, at FROM referral_history
                       WHERE referral_id = r.id AND action = 'NAME_LRO' ORDER BY seq DESC LIMIT 1) h ON true
       WHERE r.lro_sub IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE tasking_owners;
      -- Keep each referral's latest allocation, as before reallocation existed.
      DELETE FROM sio_allocations a USING sio_allocations b
       WHERE a.referral_id = b.referral_id AND a.allocated_at < b.allocated_at;
      ALTER TABLE sio_allocations DROP CONSTRAINT sio_allocations_pkey, ADD PRIMARY KEY (referral_id);
    `);
  }
}
