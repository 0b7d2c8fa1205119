import type { DataSource, EntityManager } from 'typeorm';
import type { MeetingType, ReferralStatus } from '@rocu/domain';

export interface NationalPriorityRow {
  code: string;
  title: string;
  description: string | null;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface NationalPriorityNew {
  code: string;
  title: string;
  description: string | null;
  createdBySub: string;
  /** The Idempotency-Key record it was added under, if any. */
  createdByKey: string | null;
}

export interface CalendarMeetingRow {
  id: string;
  region: string;
  type: MeetingType;
  scheduledFor: Date;
  papersCloseAt: Date;
  status: string;
}

export interface AlignedCountRow {
  region: string;
  nationalPriority: string;
  status: ReferralStatus;
  count: number;
}

/** A meeting's decline of an NCA tasking request. */
export interface NationalDeclineRow {
  referralId: string;
  reference: string;
  region: string;
  nationalPriority: string;
  meetingId: string | null;
  rationale: string;
  declineJustification: string;
  decidedAt: Date;
}

const COLUMNS = `code, title, description, created_at AS "createdAt", retired_at AS "retiredAt"`;

/** The national priorities (reference data the NCA keeps) and the national rhythm's reads. */
export const nationalQueries = {
  priorities(dataSource: DataSource): Promise<NationalPriorityRow[]> {
    return dataSource.query<NationalPriorityRow[]>(`SELECT ${COLUMNS} FROM national_priorities ORDER BY code`);
  },

  activePriorityCodes(dataSource: DataSource): Promise<{ code: string }[]> {
    return dataSource.query<{ code: string }[]>(
      `SELECT code FROM national_priorities WHERE retired_at IS NULL ORDER BY code`,
    );
  },

  /** The new priority; undefined when its code is taken. */
  async insertPriority(
    manager: EntityManager,
    priority: NationalPriorityNew,
  ): Promise<NationalPriorityRow | undefined> {
    const [row] = await manager.query<NationalPriorityRow[]>(
      `INSERT INTO national_priorities (code, title, description, created_by_sub, created_by_key)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
      [priority.code, priority.title, priority.description, priority.createdBySub, priority.createdByKey],
    );
    return row;
  },

  /** The priority, retired now; undefined when there is no active one of the code. */
  async retirePriority(manager: EntityManager, code: string, bySub: string): Promise<NationalPriorityRow | undefined> {
    // An UPDATE answers [rows, count].
    const [[retired]] = await manager.query<[NationalPriorityRow[], number]>(
      `UPDATE national_priorities SET retired_at = now(), retired_by_sub = $2
          WHERE code = $1 AND retired_at IS NULL RETURNING ${COLUMNS}`,
      [code, bySub],
    );
    return retired;
  },

  /**
   * The priority last added under this Idempotency-Key record, if any (a key reused after its record's retention
   * may have added an older one too). A few rows: no index needed.
   */
  async findPriorityAddedUnder(manager: EntityManager, keyId: string): Promise<NationalPriorityRow | undefined> {
    const [added] = await manager.query<NationalPriorityRow[]>(
      `SELECT ${COLUMNS} FROM national_priorities WHERE created_by_key = $1 ORDER BY created_at DESC LIMIT 1`,
      [keyId],
    );
    return added;
  },

  async findPriority(manager: EntityManager, code: string): Promise<NationalPriorityRow | undefined> {
    const [existing] = await manager.query<NationalPriorityRow[]>(
      `SELECT ${COLUMNS} FROM national_priorities WHERE code = $1`,
      [code],
    );
    return existing;
  },

  /** Every region's meetings scheduled in [from, to). */
  meetingsBetween(dataSource: DataSource, from: string, to: string): Promise<CalendarMeetingRow[]> {
    return dataSource.query<CalendarMeetingRow[]>(
      `SELECT id, region, type, scheduled_for AS "scheduledFor", papers_close_at AS "papersCloseAt", status
         FROM meetings WHERE scheduled_for >= $1 AND scheduled_for < $2 ORDER BY scheduled_for, region, type`,
      [from, to],
    );
  },

  rocuRegions(dataSource: DataSource): Promise<{ code: string }[]> {
    return dataSource.query<{ code: string }[]>(`SELECT code FROM regions WHERE has_rocu ORDER BY code`);
  },

  /** Referrals aligned to a national priority, counted by region, priority and status (from the kept counts). */
  alignedCounts(dataSource: DataSource): Promise<AlignedCountRow[]> {
    return dataSource.query<AlignedCountRow[]>(
      `SELECT region, national_priority AS "nationalPriority", status, sum(n)::int AS count
         FROM referral_counts WHERE national_priority <> ''
        GROUP BY region, national_priority, status HAVING sum(n) > 0`,
    );
  },

  /**
   * Declined tasking requests the organisation made, newest first; a covert commissioning meeting's id left out, as
   * on the national calendar (calendarEntryOf).
   */
  declinesOfOrg(dataSource: DataSource, org: string): Promise<NationalDeclineRow[]> {
    return dataSource.query<NationalDeclineRow[]>(
      `SELECT r.id AS "referralId", r.reference, r.region, r.national_priority AS "nationalPriority",
              CASE WHEN m.type = 'COVERT_COMMISSIONING' THEN NULL ELSE d.meeting_id END AS "meetingId",
              d.rationale, d.decline_justification AS "declineJustification", d.decided_at AS "decidedAt"
         FROM meeting_decisions d JOIN referrals r ON r.id = d.referral_id JOIN meetings m ON m.id = d.meeting_id
        WHERE r.origin = 'NCA_TASKING' AND r.owner_org = $1 AND d.decision = 'DECLINE_RETURN_TO_FORCE'
          AND d.decline_justification IS NOT NULL
        ORDER BY d.decided_at DESC, r.id`,
      [org],
    );
  },
};
