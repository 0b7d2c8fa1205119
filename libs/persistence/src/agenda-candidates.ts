import type { EntityManager } from 'typeorm';
import {
  AWAITING_MEETING_STATUSES,
  URGENTLY_DECIDED_STATUSES,
  composeAgenda,
  type ExcludedAgendaItem,
  type Priority,
  type ReferralOrigin,
} from '@rocu/domain';
import type { AgendaItem } from '@rocu/contracts';

interface CandidateRow {
  referralId: string;
  reference: string;
  priority: Priority;
  riskScore: string;
  breakdown: unknown;
  deferrals: number;
  ownerOrg: string;
  classification: string;
  listedAt: Date | null;
  urgentDecision: string | null;
  nationalPriority: string | null;
  origin: ReferralOrigin;
}

/** An item's national flags (issue 16): the national priority it is aligned to, and an NCA tasking request's origin. */
const nationalFlags = (row: { nationalPriority: string | null; origin: ReferralOrigin }) => ({
  ...(row.nationalPriority ? { nationalPriority: row.nationalPriority } : {}),
  ...(row.origin === 'NCA_TASKING' ? { origin: row.origin } : {}),
});

const CANDIDATES_SQL = `
  SELECT r.id AS "referralId", r.reference, r.priority, r.risk_score AS "riskScore", a.breakdown,
         (SELECT count(*)::int FROM meeting_decisions d WHERE d.referral_id = r.id AND d.decision = 'DEFER') AS deferrals,
         r.owner_org AS "ownerOrg", r.classification,
         (SELECT min(assessed_at) FROM assessments x WHERE x.referral_id = r.id) AS "listedAt",
         r.urgent_decision AS "urgentDecision", r.national_priority AS "nationalPriority", r.origin
    FROM referrals r
    JOIN LATERAL (SELECT breakdown, route FROM assessments WHERE referral_id = r.id ORDER BY seq DESC LIMIT 1) a ON true`;

const toItem = (row: CandidateRow, kind: AgendaItem['kind']): AgendaItem => ({
  referralId: row.referralId,
  reference: row.reference,
  kind,
  rank: 0,
  priority: row.priority,
  riskScore: Number(row.riskScore),
  breakdown: row.breakdown,
  deferrals: row.deferrals,
  ownerOrg: row.ownerOrg,
  classification: row.classification,
  listedAt: row.listedAt?.toISOString() ?? '',
  ...(kind === 'RATIFICATION' && row.urgentDecision ? { urgentDecision: row.urgentDecision } : {}),
  ...nationalFlags(row),
});

export interface ComposedMeetingAgenda {
  items: AgendaItem[];
  /** Candidates that cannot be listed, with the reason (the freeze records and escalates them). */
  excluded: ExcludedAgendaItem[];
}

/**
 * A meeting's agenda from the read model: the region's referrals awaiting a decision (or deferred) whose
 * latest assessment routed them to this meeting type, ranked by priority band then risk (oldest first on
 * ties); plus the urgent out-of-meeting decisions awaiting ratification by this meeting type (a TTCG, or
 * for covert items the covert commissioning meeting). A referral is listed at most once.
 */
export async function loadAgenda(manager: EntityManager, region: string, type: string): Promise<ComposedMeetingAgenda> {
  const fresh = await manager.query<CandidateRow[]>(
    `${CANDIDATES_SQL} WHERE r.region = $1 AND r.status = ANY($3::text[]) AND a.route = $2`,
    [region, type, AWAITING_MEETING_STATUSES],
  );
  const ratifications = await manager.query<CandidateRow[]>(
    `${CANDIDATES_SQL} WHERE r.region = $1 AND r.urgent_decision_at IS NOT NULL AND r.ratified_in_meeting IS NULL
       AND a.route = $2 AND r.status = ANY($3::text[])
     ORDER BY r.urgent_decision_at, r.id`,
    // Only where a ratification can still be decided: a tasking closed (or withdrawn) since has ended.
    [region, type, URGENTLY_DECIDED_STATUSES],
  );
  const composed = composeAgenda(
    fresh.map((row) => ({ ...toItem(row, 'NEW'), priority: row.priority })),
    ratifications.map((row) => ({ ...toItem(row, 'RATIFICATION'), priority: row.priority })),
  );
  return { items: [...composed.ranked, ...composed.ratifications], excluded: composed.excluded };
}

/**
 * The agenda frozen at a meeting's paper cut-off, in order: ranked new items, then ratifications in the order
 * their urgent decisions were taken (all ratifications have rank 0, so that order must be asked for).
 */
export async function loadFrozenAgenda(manager: EntityManager, meetingId: string): Promise<AgendaItem[]> {
  const rows = await manager.query<
    (Omit<AgendaItem, 'riskScore' | 'listedAt' | 'urgentDecision' | 'nationalPriority' | 'origin'> & {
      riskScore: string;
      listedAt: Date;
      urgentDecision: string | null;
      nationalPriority: string | null;
      origin: ReferralOrigin;
    })[]
  >(
    `SELECT i.referral_id AS "referralId", r.reference, i.kind, i.rank, i.priority, i.risk_score AS "riskScore", i.breakdown,
            i.deferrals, r.owner_org AS "ownerOrg", r.classification, i.listed_at AS "listedAt", i.urgent_decision AS "urgentDecision",
            r.national_priority AS "nationalPriority", r.origin
       FROM meeting_items i JOIN referrals r ON r.id = i.referral_id
      WHERE i.meeting_id = $1 ORDER BY i.kind, i.rank, r.urgent_decision_at, i.referral_id`,
    [meetingId],
  );
  return rows.map(({ urgentDecision, nationalPriority, origin, ...row }) => ({
    ...row,
    riskScore: Number(row.riskScore),
    listedAt: row.listedAt.toISOString(),
    ...(urgentDecision ? { urgentDecision } : {}),
    ...nationalFlags({ nationalPriority, origin }),
  }));
}
