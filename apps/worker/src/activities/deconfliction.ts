import type { EntityManager } from 'typeorm';
import type { ReferralSubmission } from '@rocu/contracts';
import { TERMINAL_STATUSES } from '@rocu/domain';
import { enqueueNotification } from '@rocu/persistence';

/** Live referrals only: $4 is TERMINAL_STATUSES. */
const LIVE_STATUSES_SQL = `r.status <> ALL($4::text[])`;

interface Overlap {
  id: string;
  region: string;
  basis: 'SUBJECT_REF' | 'NOMINAL';
  matched: string;
}

/**
 * Links a new referral to live referrals (any force, any region) naming the same subject reference or a
 * shared nominal, and tells each gateway team concerned. Only gateway teams are told: the referrer learns
 * nothing about the other referral.
 */
export async function deconflict(
  manager: EntityManager,
  referral: { id: string; region: string; submission: ReferralSubmission },
): Promise<number> {
  const identifiers = referral.submission.subject.nominals.map((nominal) => nominal.identifier.toLowerCase());
  const existingRef = referral.submission.subject.existingRef?.toLowerCase() ?? null;
  const overlaps: Overlap[] = await manager.query(
    `SELECT r.id, r.region, 'SUBJECT_REF' AS basis, r.subject_existing_ref AS matched
       FROM referrals r
      WHERE $2::text IS NOT NULL AND lower(r.subject_existing_ref) = $2 AND r.id <> $1 AND ${LIVE_STATUSES_SQL}
     UNION ALL
     SELECT r.id, r.region, 'NOMINAL' AS basis, n.identifier AS matched
       FROM referral_nominals n JOIN referrals r ON r.id = n.referral_id
      WHERE lower(n.identifier) = ANY($3::text[]) AND r.id <> $1 AND ${LIVE_STATUSES_SQL}`,
    [referral.id, existingRef, identifiers, TERMINAL_STATUSES],
  );
  for (const overlap of overlaps) {
    for (const [from, to] of [
      [referral.id, overlap.id],
      [overlap.id, referral.id],
    ]) {
      await manager.query(
        `INSERT INTO referral_links (referral_id, linked_referral_id, basis, matched_value) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [from, to, overlap.basis, overlap.matched],
      );
    }
    await manager.query(`UPDATE referrals SET deconfliction_flag = true WHERE id = ANY($1::uuid[])`, [
      [referral.id, overlap.id],
    ]);
    for (const region of new Set([referral.region, overlap.region])) {
      await enqueueNotification(manager, {
        dedupeKey: `deconfliction:${referral.id}:${overlap.id}:${overlap.basis}:${overlap.matched}:${region}`,
        referralId: referral.id,
        kind: 'DECONFLICTION',
        recipient: { role: 'GATEWAY_ASSESSOR', org: region },
        payload: { referralIds: [referral.id, overlap.id], basis: overlap.basis, matched: overlap.matched },
      });
    }
  }
  return overlaps.length;
}
