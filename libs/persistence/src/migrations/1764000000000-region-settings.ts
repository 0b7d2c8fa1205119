import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each region's deadlines and meeting settings, versioned: a change adds the next version (never an
 * update), so what applied when is kept. The highest version is current; the seed adds version 1 (the
 * domain defaults) for every ROCU region.
 */
export class RegionSettings1764000000000 implements MigrationInterface {
  name = 'RegionSettings1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region_settings (
        region text NOT NULL REFERENCES regions (code),
        version integer NOT NULL CHECK (version > 0),
        settings jsonb NOT NULL,
        changed_by_sub text NOT NULL,
        changed_by_name text NOT NULL,
        reason text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (region, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE region_settings`);
  }
}
