import type { DataSource } from 'typeorm';
import type { Participant, Pillar, PlanAction, PlanRole, ReviewSignature } from '@rocu/domain';

/** The plan's own row: its owners and whether it is closed. */
export interface PlanRow {
  referralId: string;
  region: string;
  sio: Participant;
  lro: Participant;
  startedAt: Date;
  nextReviewDueAt: Date;
  nextReviewOpensAt: Date | null;
  closedAt: Date | null;
}

export interface PlanActionRow {
  id: string;
  pillar: string;
  description: string;
  ownerOrg: string;
  ownerName: string;
  partners: string[];
  dueAt: Date;
  status: string;
  outcome: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlanDisruptionRow {
  id: string;
  pillar: string;
  significance: string;
  description: string;
  occurredAt: Date;
  recordedBy: string;
  recordedAt: Date;
}

export interface PlanReviewRow {
  id: string;
  openedAt: Date;
  signatures: ReviewSignature[];
  completedAt: Date | null;
}

export interface MissedReviewRow {
  dueAt: Date;
  recordedAt: Date;
}

/** An SIO's or LRO's period in charge of the tasking. */
export interface OwnerPeriodRow {
  role: PlanRole;
  sub: string;
  name: string;
  org: string;
  from: Date;
  until: Date | null;
  reason: string | null;
  changedBy: string;
}

/** Which plans a balance counts: one referral's, or every plan of a region. */
export type BalanceScope = { referralId: string } | { region: string };

export interface BalanceCountRow {
  pillar: Pillar;
  kind: 'ACTION' | 'DISRUPTION';
  key: string;
  count: number;
}

const ACTION_COLUMNS = `id, pillar, description, owner_org AS "ownerOrg", owner_name AS "ownerName", partners,
  due_at AS "dueAt", status, outcome, version, created_by_sub AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** Reads of the projected 4P plan tables, each for one referral's plan (or a region's plans). */
export const planQueries = {
  async find(dataSource: DataSource, referralId: string): Promise<PlanRow | undefined> {
    const [plan] = await dataSource.query<PlanRow[]>(
      // The SIO's organisation is the referral's (an SIO lent by mutual aid belongs to another region's ROCU).
      `SELECT p.referral_id AS "referralId", p.region,
              json_build_object('sub', p.sio_sub, 'name', p.sio_name,
                                'org', COALESCE(CASE WHEN r.sio_sub = p.sio_sub THEN r.sio_org END, p.region)) AS sio,
              json_build_object('sub', p.lro_sub, 'name', p.lro_name, 'org', p.lro_org) AS lro,
              p.started_at AS "startedAt", p.next_review_due_at AS "nextReviewDueAt",
              p.next_review_opens_at AS "nextReviewOpensAt", p.closed_at AS "closedAt"
         FROM plans p JOIN referrals r ON r.id = p.referral_id WHERE p.referral_id = $1`,
      [referralId],
    );
    return plan;
  },

  async findAction(
    dataSource: DataSource,
    referralId: string,
    actionId: string,
  ): Promise<(PlanAction & { outcome: string | null }) | undefined> {
    const [action] = await dataSource.query<(PlanAction & { outcome: string | null })[]>(
      `SELECT ${ACTION_COLUMNS} FROM plan_actions WHERE referral_id = $1 AND id = $2`,
      [referralId, actionId],
    );
    return action;
  },

  actions(dataSource: DataSource, referralId: string): Promise<PlanActionRow[]> {
    return dataSource.query<PlanActionRow[]>(
      `SELECT ${ACTION_COLUMNS} FROM plan_actions WHERE referral_id = $1 ORDER BY created_at, id`,
      [referralId],
    );
  },

  disruptions(dataSource: DataSource, referralId: string): Promise<PlanDisruptionRow[]> {
    return dataSource.query<PlanDisruptionRow[]>(
      `SELECT id, pillar, significance, description, occurred_at AS "occurredAt", recorded_by_sub AS "recordedBy",
                recorded_at AS "recordedAt"
           FROM plan_disruptions WHERE referral_id = $1 ORDER BY occurred_at, id`,
      [referralId],
    );
  },

  reviews(dataSource: DataSource, referralId: string): Promise<PlanReviewRow[]> {
    return dataSource.query<PlanReviewRow[]>(
      `SELECT id, opened_at AS "openedAt", signatures, completed_at AS "completedAt"
           FROM plan_reviews WHERE referral_id = $1 ORDER BY opened_at, id`,
      [referralId],
    );
  },

  missedReviews(dataSource: DataSource, referralId: string): Promise<MissedReviewRow[]> {
    return dataSource.query<MissedReviewRow[]>(
      `SELECT due_at AS "dueAt", recorded_at AS "recordedAt" FROM plan_missed_reviews WHERE referral_id = $1 ORDER BY due_at`,
      [referralId],
    );
  },

  owners(dataSource: DataSource, referralId: string): Promise<OwnerPeriodRow[]> {
    return dataSource.query<OwnerPeriodRow[]>(
      `SELECT role, officer_sub AS sub, officer_name AS name, officer_org AS org, from_at AS "from",
                until_at AS "until", reason, changed_by_sub AS "changedBy"
           FROM tasking_owners WHERE referral_id = $1 ORDER BY from_at, role DESC`,
      [referralId],
    );
  },

  async countInRegion(dataSource: DataSource, region: string): Promise<number> {
    const [{ plans }] = await dataSource.query<{ plans: number }[]>(
      `SELECT count(*)::int AS plans FROM plans WHERE region = $1`,
      [region],
    );
    return plans;
  },

  /** Actions by pillar and status, and disruptions by pillar and significance, in the scope's plans. */
  balanceCounts(dataSource: DataSource, scope: BalanceScope): Promise<BalanceCountRow[]> {
    const [where, value] =
      'referralId' in scope
        ? ['referral_id = $1', scope.referralId]
        : ['referral_id IN (SELECT referral_id FROM plans WHERE region = $1)', scope.region];
    return dataSource.query<BalanceCountRow[]>(
      `SELECT pillar, 'ACTION' AS kind, status AS key, count(*)::int AS count FROM plan_actions WHERE ${where}
        GROUP BY pillar, status
       UNION ALL
       SELECT pillar, 'DISRUPTION', significance, count(*)::int FROM plan_disruptions WHERE ${where}
        GROUP BY pillar, significance`,
      [value],
    );
  },
};
