import type { EntityManager } from 'typeorm';
import type { PartnerCheck, PartnerCheckResult } from '@rocu/domain';

/** A recorded partner-agency check, with who recorded it and when. */
export interface PartnerCheckRecord extends PartnerCheck {
  recordedBy: { sub: string; name: string };
  recordedAt: string;
}

interface PartnerCheckRow {
  referralId: string;
  agency: string;
  requestedOn: string;
  result: PartnerCheckResult;
  reference: string | null;
  checkedOn: string;
  recordedBySub: string;
  recordedByName: string;
  recordedAt: Date;
}

/** The partner-agency checks of these referrals, each referral's oldest first (for the gateway and the meeting). */
export async function loadPartnerChecks(
  manager: EntityManager,
  referralIds: readonly string[],
): Promise<Map<string, PartnerCheckRecord[]>> {
  const checks = new Map<string, PartnerCheckRecord[]>();
  if (referralIds.length === 0) return checks;
  const rows = await manager.query<PartnerCheckRow[]>(
    `SELECT referral_id AS "referralId", agency, to_char(requested_on, 'YYYY-MM-DD') AS "requestedOn", result, reference,
            to_char(checked_on, 'YYYY-MM-DD') AS "checkedOn", recorded_by_sub AS "recordedBySub",
            recorded_by_name AS "recordedByName", recorded_at AS "recordedAt"
       FROM partner_checks WHERE referral_id = ANY($1::uuid[]) ORDER BY referral_id, seq`,
    [referralIds],
  );
  for (const row of rows) {
    const list = checks.get(row.referralId) ?? [];
    list.push({
      agency: row.agency,
      requestedOn: row.requestedOn,
      result: row.result,
      ...(row.reference === null ? {} : { reference: row.reference }),
      checkedOn: row.checkedOn,
      recordedBy: { sub: row.recordedBySub, name: row.recordedByName },
      recordedAt: row.recordedAt.toISOString(),
    });
    checks.set(row.referralId, list);
  }
  return checks;
}
