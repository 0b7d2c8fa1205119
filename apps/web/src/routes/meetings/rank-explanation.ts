import { PRIORITY_ORDER, Priority } from '@rocu/domain';

/** What the ranking rule reads of an agenda item (see rankAgendaItems in libs/domain/src/meetings). */
export interface RankedItem {
  referralId: string;
  reference: string;
  rank: number;
  priority: string;
  riskScore: number;
  listedAt: string;
}

export const RANKING_RULE =
  'New items are ranked by priority band (P1 first), then risk score (highest first), then the oldest listed first.';

type DecidingKey = 'band' | 'risk' | 'listed' | 'tie';

const bandOrder = (priority: string): number => PRIORITY_ORDER[priority as Priority] ?? Number.MAX_SAFE_INTEGER;

/** Which key of the ranking rule puts `higher` above `lower`. */
function decidingKey(higher: RankedItem, lower: RankedItem): DecidingKey {
  if (bandOrder(higher.priority) !== bandOrder(lower.priority)) return 'band';
  if (higher.riskScore !== lower.riskScore) return 'risk';
  if (Date.parse(higher.listedAt) !== Date.parse(lower.listedAt)) return 'listed';
  return 'tie';
}

const score = (value: number): string => value.toFixed(1);

function because(higher: RankedItem, lower: RankedItem): string {
  switch (decidingKey(higher, lower)) {
    case 'band':
      return `${higher.priority} is a higher priority band than ${lower.priority}`;
    case 'risk':
      return `both are ${higher.priority} and ${higher.reference} has the higher risk score (${score(higher.riskScore)} against ${score(lower.riskScore)})`;
    case 'listed':
      return `both are ${higher.priority} with risk score ${score(higher.riskScore)}, and ${higher.reference} was listed first`;
    case 'tie':
      return `both are ${higher.priority} with risk score ${score(higher.riskScore)}, listed at the same time; the tie is broken by referral id`;
  }
}

/**
 * "Why is this ranked here": the item's place against its neighbours, each time naming the key of the
 * ranking rule that decides it. `ranked` is the meeting's new items in rank order.
 */
export function whyRankedHere(item: RankedItem, ranked: readonly RankedItem[]): string[] {
  const index = ranked.findIndex((candidate) => candidate.referralId === item.referralId);
  // Ranks are fixed when the agenda freezes: one decided urgently since then leaves a gap, not a renumbering.
  const lastRank = Math.max(item.rank, ...ranked.map((candidate) => candidate.rank));
  const reasons = [
    `Ranked ${item.rank} of ${lastRank}: priority band ${item.priority}, risk score ${score(item.riskScore)}.`,
  ];
  const above = index > 0 ? ranked[index - 1] : undefined;
  const below = index >= 0 && index < ranked.length - 1 ? ranked[index + 1] : undefined;
  if (above) reasons.push(`It comes after ${above.reference} (rank ${above.rank}) because ${because(above, item)}.`);
  else reasons.push('Nothing on this agenda ranks above it.');
  if (below) reasons.push(`It comes before ${below.reference} (rank ${below.rank}) because ${because(item, below)}.`);
  return reasons;
}
