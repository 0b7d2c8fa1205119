import type { RegionSettings } from '@rocu/domain';
import type { Queryable } from './queryable';

/** A region with a ROCU and the current version of its settings. */
export interface RocuRegionSettingsRow {
  code: string;
  settings: RegionSettings;
}

export const regionSettingsRepository = {
  /** Every region with a ROCU, each with the latest version of its settings. */
  async currentForRocuRegions(queryable: Queryable): Promise<RocuRegionSettingsRow[]> {
    return queryable.query<RocuRegionSettingsRow[]>(
      `SELECT DISTINCT ON (s.region) s.region AS code, s.settings
         FROM region_settings s JOIN regions r ON r.code = s.region
        WHERE r.has_rocu ORDER BY s.region, s.version DESC`,
    );
  },
};
