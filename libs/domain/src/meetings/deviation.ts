import { MeetingDecision, isAdoption } from './meeting-types';

/** An agenda item's state within a meeting: its decision, or UNDECIDED (absent from the map = UNDECIDED). */
export type ItemOutcome = MeetingDecision | 'UNDECIDED';

export interface AgendaPosition {
  referralId: string;
  rank: number;
  /**
   * The item left the meeting's hands undecided (its referral was withdrawn, or decided out of the meeting):
   * it can no longer be decided here, so adopting below it passes nothing over and closing leaves it out.
   */
  settledElsewhere?: boolean;
}

/** Still for this meeting to decide: undecided, and not settled elsewhere. */
export const awaitsDecision = (item: AgendaPosition, outcomes: ReadonlyMap<string, ItemOutcome>): boolean =>
  outcomeOf(outcomes, item.referralId) === 'UNDECIDED' && item.settledElsewhere !== true;

export interface PassedOverItem {
  referralId: string;
  rank: number;
  outcome: 'DEFER' | 'DECLINE_RETURN_TO_FORCE' | 'UNDECIDED';
}

/**
 * Outcomes of a higher-ranked item that an adoption lower down passes over: the higher item got no
 * ROCU resources. Adopted items were served; referred items went to a better-placed owner.
 */
export const PASSED_OVER_OUTCOMES: readonly PassedOverItem['outcome'][] = [
  'DEFER',
  'DECLINE_RETURN_TO_FORCE',
  'UNDECIDED',
];

function isPassedOverOutcome(outcome: ItemOutcome): outcome is PassedOverItem['outcome'] {
  return (PASSED_OVER_OUTCOMES as readonly ItemOutcome[]).includes(outcome);
}

export function outcomeOf(outcomes: ReadonlyMap<string, ItemOutcome>, referralId: string): ItemOutcome {
  return outcomes.get(referralId) ?? 'UNDECIDED';
}

/**
 * Adopting an item while a higher-ranked item of the same meeting is deferred, declined or undecided is
 * a deviation (an undecided item settled elsewhere is not passed over); returns the items passed over, highest
 * rank first (empty = no deviation). Non-adoption
 * decisions never deviate, and an item not on the agenda passes over nothing (see checkItemDecision).
 */
export function passedOverBy(
  agenda: readonly AgendaPosition[],
  outcomes: ReadonlyMap<string, ItemOutcome>,
  referralId: string,
  decision: MeetingDecision,
): PassedOverItem[] {
  if (!isAdoption(decision)) return [];
  const own = agenda.find((item) => item.referralId === referralId);
  if (own === undefined) return [];
  const passed: PassedOverItem[] = [];
  for (const item of agenda) {
    if (item.referralId === referralId || item.rank >= own.rank) continue;
    const outcome = outcomeOf(outcomes, item.referralId);
    if (outcome === 'UNDECIDED' && !awaitsDecision(item, outcomes)) continue;
    if (isPassedOverOutcome(outcome)) passed.push({ referralId: item.referralId, rank: item.rank, outcome });
  }
  return passed.sort(
    (a, b) => a.rank - b.rank || (a.referralId < b.referralId ? -1 : a.referralId > b.referralId ? 1 : 0),
  );
}
