import type { EntityManager } from 'typeorm';
import type { RegionSettings } from '@rocu/domain';
import type { Queryable } from './queryable';

/** One stored version of a region's settings. */
export interface RegionSettingsRow {
  region: string;
  version: number;
  settings: RegionSettings;
  changed_by_sub: string;
  changed_by_name: string;
  reason: string;
  changed_at: Date;
}

export interface RegionSettingsChange {
  region: string;
  version: number;
  settings: RegionSettings;
  changedBy: { sub: string; name: string };
  reason: string;
}

/** A region with a ROCU, the current version of its settings and its forces (reference data). */
export interface RocuRegionSettingsRow {
  code: string;
  settings: RegionSettings;
  forces: string[];
}

/** The codes of a region's forces, as the organisations table has them now. */
const REGION_FORCES = (region: string) =>
  `array(SELECT o.code FROM organisations o WHERE o.kind = 'FORCE' AND o.region_code = ${region} ORDER BY o.code)`;

const COLUMNS = `region, version, settings, changed_by_sub, changed_by_name, reason, changed_at`;

/** The versions of each region's settings (table region_settings): newest first, and appended one at a time. */
export const regionSettingsRepository = {
  /** The region's newest versions, at most `limit` of them (null: all). */
  versions(manager: EntityManager, region: string, limit: number | null): Promise<RegionSettingsRow[]> {
    return manager.query<RegionSettingsRow[]>(
      `SELECT ${COLUMNS} FROM region_settings WHERE region = $1 ORDER BY version DESC LIMIT $2`,
      [region, limit],
    );
  },

  async latest(manager: EntityManager, region: string): Promise<RegionSettingsRow | undefined> {
    const [row] = await manager.query<RegionSettingsRow[]>(
      `SELECT ${COLUMNS} FROM region_settings WHERE region = $1 ORDER BY version DESC LIMIT 1`,
      [region],
    );
    return row;
  },

  /** Serialises changes to one region until the transaction ends, so two cannot write the same next version. */
  async lockRegion(manager: EntityManager, region: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('region_settings:' || $1))`, [region]);
  },

  async insert(manager: EntityManager, change: RegionSettingsChange): Promise<RegionSettingsRow> {
    const [row] = await manager.query<RegionSettingsRow[]>(
      `INSERT INTO region_settings (region, version, settings, changed_by_sub, changed_by_name, reason)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        change.region,
        change.version,
        JSON.stringify(change.settings),
        change.changedBy.sub,
        change.changedBy.name,
        change.reason,
      ],
    );
    return row;
  },

  /** Every region with a ROCU, each with the latest version of its settings. */
  async currentForRocuRegions(queryable: Queryable): Promise<RocuRegionSettingsRow[]> {
    return queryable.query<RocuRegionSettingsRow[]>(
      `SELECT DISTINCT ON (s.region) s.region AS code, s.settings, ${REGION_FORCES('s.region')} AS forces
         FROM region_settings s JOIN regions r ON r.code = s.region
        WHERE r.has_rocu ORDER BY s.region, s.version DESC`,
    );
  },

  /** The region's forces now (a meeting's quorum counts them). */
  async forces(queryable: Queryable, region: string): Promise<string[]> {
    const [row] = await queryable.query<{ forces: string[] }[]>(`SELECT ${REGION_FORCES('$1')} AS forces`, [region]);
    return row.forces;
  },
};
