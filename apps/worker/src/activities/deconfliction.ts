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
    await repository.flagDeconfliction(manager, [referral.id, overlap.id]);
    for (const region of new Set([referral.region, overlap.region])) {
      await enqueueNotification(manager, {
        dedupeKey: `deconfliction:${referral.id}:${overlap.id}:${overlap.basis}:${overlap.matched}:${region}`,
        // Each team is told about its own referral, the one it can open (the other region's answers it 404).
        referralId: region === referral.region ? referral.id : overlap.id,
        kind: 'DECONFLICTION',
        recipient: { role: 'GATEWAY_ASSESSOR', org: region },
        payload: { referralIds: [referral.id, overlap.id], basis: overlap.basis, matched: overlap.matched },
      });
    }
  }
  return overlaps.length;
}
