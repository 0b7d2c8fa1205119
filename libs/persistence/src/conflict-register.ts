import type { EntityManager } from 'typeorm';
import { MEETING_BUSINESS_STATUSES } from '@rocu/domain';

/**
 * A declaration covers its subject: the referral it was made on and every referral de-confliction linked to
 * it (same subject reference or nominal). This yields (person, referral) for the given declarations.
 */
const COVERED = `
  SELECT d.person_sub, d.referral_id FROM declared d
  UNION
  SELECT d.person_sub, l.linked_referral_id FROM declared d JOIN referral_links l ON l.referral_id = d.referral_id`;

/** Everyone with a declared conflict on this referral or its subject: never its SIO. */
export async function conflictedPeople(manager: EntityManager, referralId: string): Promise<Set<string>> {
  const rows = await manager.query<{ sub: string }[]>(
    `WITH declared AS (
       SELECT person_sub, referral_id FROM conflict_declarations
        WHERE referral_id = $1 OR referral_id IN (SELECT linked_referral_id FROM referral_links WHERE referral_id = $1))
     SELECT DISTINCT person_sub AS sub FROM declared`,
    [referralId],
  );
  return new Set(rows.map((row) => row.sub));
}

/**
 * For these people, the referrals of a region (that may still come before a meeting: its business, or an urgent
 * decision awaiting ratification) each has a declared conflict on, directly or through its subject: a meeting
 * recuses them without a fresh declaration.
 */
export async function registeredConflicts(
  manager: EntityManager,
  people: readonly string[],
  region: string,
): Promise<Map<string, string[]>> {
  const rows = await manager.query<{ sub: string; referralIds: string[] }[]>(
    `WITH declared AS (SELECT person_sub, referral_id FROM conflict_declarations WHERE person_sub = ANY($1::text[])),
          covered AS (${COVERED})
     SELECT c.person_sub AS sub, array_agg(DISTINCT c.referral_id::text) AS "referralIds"
       FROM covered c JOIN referrals r ON r.id = c.referral_id
      WHERE r.region = $2
        AND (r.status = ANY($3::text[]) OR (r.urgent_decision_at IS NOT NULL AND r.ratified_in_meeting IS NULL))
      GROUP BY c.person_sub`,
    [people, region, MEETING_BUSINESS_STATUSES],
  );
  return new Map(rows.map((row) => [row.sub, row.referralIds]));
}
