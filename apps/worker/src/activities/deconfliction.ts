import type { EntityManager } from 'typeorm';
import type { ReferralSubmission } from '@rocu/contracts';
import { enqueueNotification, referralIntakeRepository as repository } from '@rocu/persistence';

/**
 * Links a new referral to live referrals (any force, any region) naming the same subject reference or a
 * shared nominal, and tells each gateway team concerned. Only gateway teams are told: the referrer learns
 * nothing about the other referral.
 */
export async function deconflict(
  manager: EntityManager,
  referral: { id: string; region: string; submission: ReferralSubmission },
): Promise<number> {
  const search = {
    referralId: referral.id,
    existingRef: referral.submission.subject.existingRef ?? null,
    identifiers: referral.submission.subject.nominals.map((nominal) => nominal.identifier),
  };
  await repository.holdOverlapKeys(manager, search);
  const overlaps = await repository.findOverlaps(manager, search);
  for (const overlap of overlaps) {
    for (const [from, to] of [
      [referral.id, overlap.id],
      [overlap.id, referral.id],
    ]) {
      await repository.insertLink(manager, { from, to, basis: overlap.basis, matched: overlap.matched });
    }
  }
  // One notice per overlapping referral, however many matches link the two.
  const byReferral = new Map<string, typeof overlaps>();
  for (const overlap of overlaps) byReferral.set(overlap.id, [...(byReferral.get(overlap.id) ?? []), overlap]);
  for (const [overlapId, matches] of byReferral) {
    await repository.flagDeconfliction(manager, [referral.id, overlapId]);
    for (const region of new Set([referral.region, matches[0].region])) {
      await enqueueNotification(manager, {
        dedupeKey: `deconfliction:${referral.id}:${overlapId}:${region}`,
        // Each team is told about its own referral, the one it can open (the other region's answers it 404).
        referralId: region === referral.region ? referral.id : overlapId,
        kind: 'DECONFLICTION',
        recipient: { role: 'GATEWAY_ASSESSOR', org: region },
        payload: {
          referralIds: [referral.id, overlapId],
          matches: matches.map(({ basis, matched }) => ({ basis, matched })),
        },
      });
    }
  }
  return overlaps.length;
}
