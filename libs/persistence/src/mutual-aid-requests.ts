import type { DataSource, EntityManager } from 'typeorm';
import type { MutualAidRecord, MutualAidState, SioLoan } from '@rocu/domain';

/** A mutual-aid request with its tasking's priority. */
export interface MutualAidRow extends MutualAidRecord {
  id: string;
  referralId: string;
  priority: string | null;
  kind: string;
  capability: string | null;
  reason: string;
  requestedBySub: string;
  requestedByName: string;
  requestedAt: Date;
  officerSub: string | null;
  officerName: string | null;
  decidedBySub: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export interface MutualAidRequestNew {
  id: string;
  referralId: string;
  borrowingRegion: string;
  lendingRegion: string;
  kind: string;
  capability: string | null;
  reason: string;
  requestedBy: { sub: string; name: string };
}

export interface MutualAidDecision {
  id: string;
  state: MutualAidState;
  decidedBySub: string;
  reason: string | null;
  /** The SIO lent, on an approved SIO loan. */
  officer: { sub: string; name: string } | null;
}

const COLUMNS = `m.id, m.referral_id AS "referralId", r.priority, m.borrowing_region AS "borrowingRegion",
  m.lending_region AS "lendingRegion", m.kind, m.capability, m.reason, m.state,
  m.requested_by_sub AS "requestedBySub", m.requested_by_name AS "requestedByName", m.requested_at AS "requestedAt",
  m.officer_sub AS "officerSub", m.officer_name AS "officerName", m.decided_by_sub AS "decidedBySub",
  m.decided_at AS "decidedAt", m.decision_reason AS "decisionReason"`;
const FROM = `FROM mutual_aid_requests m JOIN referrals r ON r.id = m.referral_id`;
const OF_REGION = `WHERE m.borrowing_region = $1 OR m.lending_region = $1`;

/** Mutual-aid requests between ROCUs (table mutual_aid_requests). */
export const mutualAidRequests = {
  /** Whether it was inserted: a request with its id (a keyed repeat, see idForKey) is left as it is. */
  async insert(manager: EntityManager, request: MutualAidRequestNew): Promise<boolean> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO mutual_aid_requests (id, referral_id, borrowing_region, lending_region, kind, capability, reason,
           state, requested_by_sub, requested_by_name, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'REQUESTED', $8, $9, now())
         ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        request.id,
        request.referralId,
        request.borrowingRegion,
        request.lendingRegion,
        request.kind,
        request.capability,
        request.reason,
        request.requestedBy.sub,
        request.requestedBy.name,
      ],
    );
    return inserted.length > 0;
  },

  /** The request (locked until the transaction ends when `forUpdate`). */
  async find(manager: EntityManager, id: string, forUpdate = false): Promise<MutualAidRow | undefined> {
    const lock = forUpdate ? 'FOR UPDATE OF m' : '';
    const [row] = await manager.query<MutualAidRow[]>(`SELECT ${COLUMNS} ${FROM} WHERE m.id = $1 ${lock}`, [id]);
    return row;
  },

  /** A page of the requests the region asked for or was asked for, newest first. */
  pageOfRegion(dataSource: DataSource, region: string | null, limit: number, offset: number): Promise<MutualAidRow[]> {
    return dataSource.query<MutualAidRow[]>(
      `SELECT ${COLUMNS} ${FROM} ${OF_REGION} ORDER BY m.requested_at DESC, m.id LIMIT $2 OFFSET $3`,
      [region, limit, offset],
    );
  },

  async countOfRegion(dataSource: DataSource, region: string | null): Promise<number> {
    const [{ total }] = await dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${FROM} ${OF_REGION}`,
      [region],
    );
    return total;
  },

  /** Decides a request still REQUESTED. */
  async decide(manager: EntityManager, decision: MutualAidDecision): Promise<void> {
    await manager.query(
      `UPDATE mutual_aid_requests SET state = $2, decided_by_sub = $3, decided_at = now(), decision_reason = $4,
                officer_sub = $5, officer_name = $6
          WHERE id = $1 AND state = 'REQUESTED'`,
      [
        decision.id,
        decision.state,
        decision.decidedBySub,
        decision.reason,
        decision.officer?.sub ?? null,
        decision.officer?.name ?? null,
      ],
    );
  },

  /** The latest approved loan of this SIO to this tasking, if any. */
  async approvedLoan(dataSource: DataSource, referralId: string, officerSub: string): Promise<SioLoan | undefined> {
    const [loan] = await dataSource.query<SioLoan[]>(
      `SELECT id AS "requestId", referral_id AS "referralId", officer_sub AS "officerSub",
              lending_region AS "lendingRegion", borrowing_region AS "borrowingRegion"
         FROM mutual_aid_requests
        WHERE referral_id = $1 AND officer_sub = $2 AND kind = 'SIO' AND state = 'APPROVED'
        ORDER BY decided_at DESC LIMIT 1`,
      [referralId, officerSub],
    );
    return loan;
  },
};
