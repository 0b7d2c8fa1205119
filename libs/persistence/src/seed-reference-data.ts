import type { DataSource } from 'typeorm';
import {
  CAPABILITIES,
  CRIME_TYPES,
  DEFAULT_SCORING_SCHEME,
  defaultRegionSettings,
  MeetingCadence,
  ORGANISATIONS,
  REGIONS,
  seedMailboxes,
  seedOfficers,
} from '@rocu/domain';

/**
 * Inserts the shipped reference data and default scoring scheme. Existing rows are left alone, so edits
 * made in the database survive restarts; new codes shipped in a release are added.
 */
export async function seedReferenceData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const region of REGIONS) {
      await manager.query(
        `INSERT INTO regions (code, name, has_rocu, cadence) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
        [region.code, region.name, region.hasRocu, region.cadence],
      );
    }
    // Version 1 of each ROCU region's settings: the domain defaults with the region's TTCG cadence.
    const cadences = await manager.query<{ code: string; cadence: MeetingCadence }[]>(
      `SELECT code, cadence FROM regions WHERE has_rocu AND cadence IS NOT NULL`,
    );
    for (const { code, cadence } of cadences) {
      await manager.query(
        `INSERT INTO region_settings (region, version, settings, changed_by_sub, changed_by_name, reason)
         VALUES ($1, 1, $2, 'system', 'System', 'domain defaults') ON CONFLICT (region, version) DO NOTHING`,
        [code, JSON.stringify(defaultRegionSettings(cadence))],
      );
    }
    for (const org of ORGANISATIONS) {
      await manager.query(
        `INSERT INTO organisations (code, name, kind, region_code) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
        [org.code, org.name, org.kind, org.region],
      );
    }
    const codeLists = [
      ...CAPABILITIES.map((entry) => ['CAPABILITY', entry.code, entry.name]),
      ...CRIME_TYPES.map((entry) => ['CRIME_TYPE', entry.code, entry.name]),
    ];
    for (const params of codeLists) {
      await manager.query(
        `INSERT INTO code_list_entries (list, code, name) VALUES ($1, $2, $3) ON CONFLICT (list, code) DO NOTHING`,
        params,
      );
    }
    for (const officer of seedOfficers()) {
      await manager.query(
        `INSERT INTO officers (sub, name, org, region, role, specialisms, vetting, capacity)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sub) DO NOTHING`,
        [
          officer.sub,
          officer.name,
          officer.org,
          officer.region,
          officer.role,
          officer.specialisms,
          officer.vetting,
          officer.capacity,
        ],
      );
    }
    for (const mailbox of seedMailboxes()) {
      await manager.query(
        `INSERT INTO notification_mailboxes (org, role, person_sub, address) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org, role, person_sub) DO NOTHING`,
        [mailbox.org, mailbox.role, mailbox.personSub, mailbox.address],
      );
    }
    await manager.query(
      `INSERT INTO scoring_schemes (id, version, definition, is_current)
       SELECT $1, $2, $3, NOT EXISTS (SELECT 1 FROM scoring_schemes WHERE is_current)
       ON CONFLICT (id, version) DO NOTHING`,
      [DEFAULT_SCORING_SCHEME.id, DEFAULT_SCORING_SCHEME.version, JSON.stringify(DEFAULT_SCORING_SCHEME)],
    );
  });
}
