import { MigrationInterface, QueryRunner } from 'typeorm';

/** TTCG and covert commissioning meetings: frozen agendas, attendance, decisions; urgent decisions on referrals. */
export class Meetings1763870000000 implements MigrationInterface {
  name = 'Meetings1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        region text NOT NULL REFERENCES regions(code),
        type text NOT NULL CHECK (type IN ('TTCG','COVERT_COMMISSIONING')),
        status text NOT NULL,
        scheduled_for timestamptz NOT NULL,
        papers_close_at timestamptz NOT NULL,
        requested_by_sub text NULL,
        created_at timestamptz NOT NULL,
        agenda_frozen_at timestamptz NULL,
        closed_at timestamptz NULL,
        last_seq integer NOT NULL DEFAULT 0
      );
      CREATE INDEX meetings_region_date ON meetings (region, scheduled_for);

      CREATE TABLE meeting_items (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        kind text NOT NULL CHECK (kind IN ('NEW','RATIFICATION')),
        rank integer NOT NULL,
        priority text NOT NULL,
        risk_score numeric(5,1) NOT NULL,
        breakdown jsonb NOT NULL,
        deferrals integer NOT NULL,
        listed_at timestamptz NOT NULL,
        urgent_decision text NULL,
        PRIMARY KEY (meeting_id, referral_id)
      );

      CREATE TABLE meeting_attendees (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        sub text NOT NULL,
        name text NOT NULL,
        org text NOT NULL,
        conflicts jsonb NOT NULL,
        recorded_seq integer NOT NULL,
        PRIMARY KEY (meeting_id, sub)
      );

      CREATE TABLE meeting_decisions (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        seq integer NOT NULL,
        decision text NOT NULL,
        rationale text NOT NULL,
        deviation_justification text NULL,
        passed_over jsonb NOT NULL,
        ratification boolean NOT NULL,
        decided_by_sub text NOT NULL,
        decided_by_name text NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (meeting_id, referral_id)
      );
      CREATE INDEX meeting_decisions_deviations ON meeting_decisions (decided_at) WHERE jsonb_array_length(passed_over) > 0;

      ALTER TABLE referrals
        ADD COLUMN urgent_decision text NULL,
        ADD COLUMN urgent_decision_at timestamptz NULL,
        ADD COLUMN ratified_in_meeting uuid NULL REFERENCES meetings(id);
      CREATE INDEX referrals_awaiting_ratification ON referrals (region) WHERE urgent_decision_at IS NOT NULL AND ratified_in_meeting IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX referrals_awaiting_ratification;
      ALTER TABLE referrals DROP COLUMN ratified_in_meeting, DROP COLUMN urgent_decision_at, DROP COLUMN urgent_decision;
      DROP TABLE meeting_decisions, meeting_attendees, meeting_items, meetings;
    `);
  }
}
