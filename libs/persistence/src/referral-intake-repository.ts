import type { EntityManager } from 'typeorm';
import type { ConflictRecord, SubmissionProjection } from '@rocu/contracts';
import { effectiveUrgency, TERMINAL_STATUSES, UK_TIME_ZONE } from '@rocu/domain';
import { deadlineColumns } from './referral-deadlines';

/** A live referral that shares the new one's subject reference or a nominal. */
export interface ReferralOverlap {
  id: string;
  region: string;
  basis: 'SUBJECT_REF' | 'NOMINAL';
  matched: string;
}

/** A new referral's subject reference and nominals as written: the database folds their case, on both sides. */
export interface OverlapSearch {
  referralId: string;
  existingRef: string | null;
  identifiers: string[];
}

/** The first key of the advisory locks de-confliction takes (two-key locks; no other lock uses this class). */
const DECONFLICTION_LOCK_CLASS = 4201;

/** Live referrals only: $4 is TERMINAL_STATUSES. */
const LIVE_STATUSES_SQL = `r.status <> ALL($4::text[])`;

/** The submission statement's parameters, in their $n order. */
function submissionParameters(submission: SubmissionProjection, reference: string | null): unknown[] {
  const { subject } = submission.submission;
  const { columns, nextDue } = deadlineColumns(submission.deadlines);
  const urgency = effectiveUrgency(submission.submission);
  return [
    submission.referralId,
    submission.region,
    submission.workflowId,
    submission.ownerOrg,
    urgency.urgency,
    submission.submission.classification,
    subject.type,
    subject.name,
    subject.existingRef ?? null,
    JSON.stringify(submission.submission),
    submission.submittedBy.sub,
    submission.submittedBy.name,
    submission.at,
    nextDue,
    subject.nominals.map((nominal) => nominal.identifier),
    subject.nominals.map((nominal) => nominal.role),
    submission.submittedBy.org,
    ...columns,
    urgency.reason,
    reference,
    UK_TIME_ZONE,
    // The notices say when triage is due (a tasking request the NCA makes skips it).
    submission.nationalTasking ? null : (submission.deadlines.find((d) => d.stage === 'TRIAGE')?.dueAt ?? null),
  ];
}

/**
 * The SQL of a referral's intake: its submission, de-confliction against live referrals and conflicts declared
 * at allocation. Each method is one statement in the caller's transaction.
 */
export const referralIntakeRepository = {
  /**
   * One statement writes the referral with its nominals, first history row, deadlines and the gateway team's
   * notification (data-modifying CTEs, all or nothing), under the given reference or a new one from the
   * sequence (at least six digits, zero-padded: `lpad` would cut the millionth referral's number to six and
   * repeat references) and the year of submission in UK time, whatever the database session's time zone.
   * The reference, or undefined when an earlier attempt already wrote the referral.
   */
  async insertSubmission(
    manager: EntityManager,
    submission: SubmissionProjection,
    reference: string | null,
  ): Promise<string | undefined> {
    const [inserted] = await manager.query<{ reference: string }[]>(
      `WITH referral AS (
           INSERT INTO referrals (id, reference, workflow_id, owner_org, region, status, urgency, classification,
             subject_type, subject_name, subject_existing_ref, submission, submitted_by_sub, submitted_by_name,
             submitted_at, updated_at, next_deadline_at)
           VALUES ($1, coalesce($25::text,
               $2 || '-' || to_char($13::timestamptz AT TIME ZONE $26, 'YYYY') || '-' || to_char(nextval('referral_reference_seq'), 'FM999999999999000000')),
             $3, $4, $2, 'SUBMITTED', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)
           ON CONFLICT (id) DO NOTHING RETURNING id, reference),
         nominals AS (
           INSERT INTO referral_nominals (referral_id, identifier, role)
           SELECT referral.id, n.identifier, n.role FROM referral, unnest($15::text[], $16::text[]) AS n(identifier, role)
           ON CONFLICT DO NOTHING),
         history AS (
           INSERT INTO referral_history (referral_id, seq, from_status, to_status, action, actor_sub, actor_name, actor_org, at)
           SELECT id, 0, NULL, 'SUBMITTED', 'SUBMIT', $11, $12, $17, $13 FROM referral),
         deadlines AS (
           INSERT INTO referral_deadlines (referral_id, stage, due_at, remind_at, status, reminded_at, escalated_at)
           SELECT referral.id, d.* FROM referral,
             unnest($18::text[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::timestamptz[], $23::timestamptz[])
               AS d(stage, due_at, remind_at, status, reminded_at, escalated_at)),
         notification AS (
           -- The gateway team always; the ROCU manager at once when the referral is IMMEDIATE in effect.
           INSERT INTO notifications (dedupe_key, referral_id, kind, recipient_role, recipient_org, payload)
           SELECT $3 || n.suffix, referral.id, n.kind, n.role, $2,
             jsonb_build_object('urgency', $5::text, 'urgencyReason', $24::text)
               || CASE WHEN $27::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('dueAt', $27::text) END
           FROM referral, (VALUES (':submitted', 'REFERRAL_SUBMITTED', 'GATEWAY_ASSESSOR'),
                                  (':immediate', 'IMMEDIATE_REFERRAL', 'ROCU_MANAGER')) AS n(suffix, kind, role)
           WHERE n.kind = 'REFERRAL_SUBMITTED' OR $5::text = 'IMMEDIATE'
           ON CONFLICT (dedupe_key) DO NOTHING)
         SELECT reference FROM referral`,
      submissionParameters(submission, reference),
    );
    return inserted?.reference;
  },

  async loadReference(manager: EntityManager, referralId: string): Promise<string> {
    const [row] = await manager.query<{ reference: string }[]>(`SELECT reference FROM referrals WHERE id = $1`, [
      referralId,
    ]);
    return row.reference;
  },

  /**
   * Holds each subject reference and nominal searched for (as `findOverlaps` is given them) until the
   * transaction ends. Two referrals naming the same one, projected at once, would otherwise each search
   * before the other had committed and neither be linked; now the second waits and then finds the first.
   * Taken in one order, so submissions sharing several cannot deadlock on them.
   */
  async holdOverlapKeys(manager: EntityManager, search: OverlapSearch): Promise<void> {
    const keys = search.identifiers.map((identifier) => `nominal:${identifier}`);
    if (search.existingRef !== null) keys.push(`subject:${search.existingRef}`);
    await manager.query(
      `SELECT pg_advisory_xact_lock(${DECONFLICTION_LOCK_CLASS}, key)
         FROM (SELECT DISTINCT hashtext(lower(k)) AS key FROM unnest($1::text[]) AS k ORDER BY 1) AS held`,
      [keys],
    );
  },

  /** Live referrals (any force, any region) naming the same subject reference or a shared nominal. */
  async findOverlaps(manager: EntityManager, search: OverlapSearch): Promise<ReferralOverlap[]> {
    return manager.query<ReferralOverlap[]>(
      `SELECT r.id, r.region, 'SUBJECT_REF' AS basis, r.subject_existing_ref AS matched
       FROM referrals r
      WHERE $2::text IS NOT NULL AND lower(r.subject_existing_ref) = lower($2) AND r.id <> $1 AND ${LIVE_STATUSES_SQL}
     UNION ALL
     SELECT r.id, r.region, 'NOMINAL' AS basis, n.identifier AS matched
       FROM referral_nominals n JOIN referrals r ON r.id = n.referral_id
      WHERE lower(n.identifier) = ANY(ARRAY(SELECT lower(x) FROM unnest($3::text[]) AS x))
        AND r.id <> $1 AND ${LIVE_STATUSES_SQL}`,
      [search.referralId, search.existingRef, search.identifiers, TERMINAL_STATUSES],
    );
  },

  /** One direction of a link between overlapping referrals. */
  async insertLink(
    manager: EntityManager,
    link: { from: string; to: string; basis: ReferralOverlap['basis']; matched: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO referral_links (referral_id, linked_referral_id, basis, matched_value) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
      [link.from, link.to, link.basis, link.matched],
    );
  },

  async flagDeconfliction(manager: EntityManager, referralIds: string[]): Promise<void> {
    await manager.query(`UPDATE referrals SET deconfliction_flag = true WHERE id = ANY($1::uuid[])`, [referralIds]);
  },

  /** Into the conflict register; false when an earlier attempt already recorded it. */
  async insertAllocationConflict(manager: EntityManager, conflict: ConflictRecord): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO conflict_declarations (referral_id, person_sub, person_name, details, recorded_by_sub, recorded_at, source)
         VALUES ($1, $2, $3, $4, $5, $6, 'ALLOCATION') ON CONFLICT DO NOTHING RETURNING person_sub`,
      [
        conflict.referralId,
        conflict.officer.sub,
        conflict.officer.name,
        conflict.details ?? null,
        conflict.actor.sub,
        conflict.at,
      ],
    );
    return inserted.length > 0;
  },
};
