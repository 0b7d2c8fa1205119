import type { DataSource } from 'typeorm';
import type { Officer, Priority } from '@rocu/domain';
import { ALLOCATED_TASKING_STATUSES } from '@rocu/domain';

const OFFICER_COLUMNS = `sub, name, org, region, role, specialisms, vetting, capacity`;

export interface CandidateFilter {
  region: string;
  role: string;
  specialism: string | null;
  /** Officers of other regions who are candidates too (lent by mutual aid). */
  alsoSubs: string[];
}

/** One officer's active taskings of one priority. */
export interface TaskingLoadRow {
  sub: string;
  priority: Priority | null;
  n: number;
}

/** The officer register and the reads that rank officers for a tasking. */
export const officerRegister = {
  async find(dataSource: DataSource, sub: string): Promise<Officer | undefined> {
    const [officer] = await dataSource.query<Officer[]>(`SELECT ${OFFICER_COLUMNS} FROM officers WHERE sub = $1`, [
      sub,
    ]);
    return officer;
  },

  /** The route of the referral's latest assessment, if any. */
  async latestRoute(dataSource: DataSource, referralId: string): Promise<string | undefined> {
    const [latest] = await dataSource.query<{ route: string }[]>(
      `SELECT route FROM assessments WHERE referral_id = $1 ORDER BY seq DESC LIMIT 1`,
      [referralId],
    );
    return latest?.route;
  },

  /** Officers of the region and role (with the specialism, when given), and those named in `alsoSubs`. */
  candidates(dataSource: DataSource, filter: CandidateFilter): Promise<Officer[]> {
    return dataSource.query<Officer[]>(
      `SELECT ${OFFICER_COLUMNS} FROM officers
          WHERE (region = $1 OR sub = ANY($4::text[])) AND role = $2 AND ($3::text IS NULL OR $3 = ANY (specialisms))`,
      [filter.region, filter.role, filter.specialism, filter.alsoSubs],
    );
  },

  /** The SIOs lent to the referral by an active (approved, not ended) loan, with their lending region. */
  lentTo(dataSource: DataSource, referralId: string): Promise<{ sub: string; region: string }[]> {
    return dataSource.query<{ sub: string; region: string }[]>(
      `SELECT officer_sub AS sub, lending_region AS region FROM mutual_aid_requests
        WHERE referral_id = $1 AND kind = 'SIO' AND state = 'APPROVED'`,
      [referralId],
    );
  },

  /** The active taskings of each officer of the regions in the role, by priority, wherever the tasking is. */
  taskingLoads(dataSource: DataSource, regions: string[], role: 'SIO' | 'LRO'): Promise<TaskingLoadRow[]> {
    const column = role === 'SIO' ? 'sio_sub' : 'lro_sub';
    return dataSource.query<TaskingLoadRow[]>(
      `SELECT r.${column} AS sub, r.priority, count(*)::int AS n
         FROM referrals r JOIN officers o ON o.sub = r.${column}
        WHERE o.region = ANY($1::text[]) AND o.role = $2 AND r.status = ANY($3::text[])
        GROUP BY r.${column}, r.priority`,
      [regions, role, ALLOCATED_TASKING_STATUSES],
    );
  },
};
