import { DomainError } from '../errors/domain-error';
import { Priority } from '../scoring/scoring-scheme';

export interface RankableItem {
  referralId: string;
  priority: Priority;
  /** Normalised risk score from the assessment; higher is more serious. */
  riskScore: number;
  /** ISO instant when the item became eligible for the agenda. */
  listedAt: string;
}

export type Ranked<T> = T & { rank: number };

/** P1 is heard first. */
export const PRIORITY_ORDER: Readonly<Record<Priority, number>> = { P1: 1, P2: 2, P3: 3, P4: 4 };

/** Why an item cannot be ranked (unknown priority, no finite risk score, invalid listedAt), or null. */
export function agendaItemProblem(item: RankableItem): DomainError | null {
  if (!(item.priority in PRIORITY_ORDER)) {
    return new DomainError('INVALID_AGENDA_ITEM', `Referral ${item.referralId} has an unknown priority.`, {
      referralId: item.referralId,
      priority: item.priority,
    });
  }
  if (!Number.isFinite(item.riskScore)) {
    return new DomainError('INVALID_AGENDA_ITEM', `Referral ${item.referralId} has no finite risk score.`, {
      referralId: item.referralId,
      riskScore: item.riskScore,
    });
  }
  if (!Number.isFinite(Date.parse(item.listedAt))) {
    return new DomainError(
      'INVALID_AGENDA_ITEM',
      `Referral ${item.referralId} has an invalid listedAt "${item.listedAt}".`,
      { referralId: item.referralId, listedAt: item.listedAt },
    );
  }
  return null;
}

function listedTime(item: RankableItem): number {
  const time = Date.parse(item.listedAt);
  if (!Number.isFinite(time)) throw agendaItemProblem(item) as DomainError;
  return time;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Agenda order: priority band (P1 first), then riskScore (highest first), then oldest listedAt first,
 * then referralId (code-unit order, locale independent), so distinct referrals are totally ordered.
 */
export function compareForAgenda(a: RankableItem, b: RankableItem): number {
  return (
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
    b.riskScore - a.riskScore ||
    listedTime(a) - listedTime(b) ||
    byCodeUnits(a.referralId, b.referralId)
  );
}

/** The sort keys of every item, computed once (not inside the comparator), validating each item on the way. */
function sortKeys(items: readonly RankableItem[]): { band: Uint8Array; risk: Float64Array; listed: Float64Array } {
  const band = new Uint8Array(items.length);
  const risk = new Float64Array(items.length);
  const listed = new Float64Array(items.length);
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const problem = agendaItemProblem(item);
    if (problem) throw problem;
    if (seen.has(item.referralId)) {
      throw new DomainError('DUPLICATE_AGENDA_ITEM', `Referral ${item.referralId} is listed twice.`, {
        referralId: item.referralId,
      });
    }
    seen.add(item.referralId);
    band[index] = PRIORITY_ORDER[item.priority];
    risk[index] = item.riskScore;
    listed[index] = listedTime(item);
  });
  return { band, risk, listed };
}

/**
 * Ranks new agenda items, starting at 1, in compareForAgenda order. Does not mutate its input.
 * Each item is validated and its sort keys computed in one pass, so the comparator only reads typed
 * arrays; ranking 100,000 items costs about the validation plus a plain sort plus the ranked copies.
 * Throws DomainError INVALID_AGENDA_ITEM / DUPLICATE_AGENDA_ITEM for malformed or repeated items.
 */
export function rankAgendaItems<T extends RankableItem>(items: readonly T[]): Ranked<T>[] {
  const { band, risk, listed } = sortKeys(items);
  const ids = items.map((item) => item.referralId);
  const order = Array.from(items, (_item, index) => index).sort(
    (a, b) => band[a] - band[b] || risk[b] - risk[a] || listed[a] - listed[b] || byCodeUnits(ids[a], ids[b]),
  );
  return order.map((index, position) => {
    const ranked = Object.assign({}, items[index]) as Ranked<T>;
    ranked.rank = position + 1;
    return ranked;
  });
}

/** An item left off an agenda, and why (recorded and raised to the ROCU manager by the caller). */
export interface ExcludedAgendaItem {
  referralId: string;
  reason: string;
}

export interface ComposedAgenda<T extends RankableItem> {
  /** The new items, ranked from 1. */
  ranked: Ranked<T>[];
  /** Urgent decisions awaiting ratification, in the order given, none of them also a new item. */
  ratifications: T[];
  excluded: ExcludedAgendaItem[];
}

/**
 * A meeting's agenda from its candidates: a referral appears at most once, whatever combination of states
 * it is in (a new item wins over a ratification; a repeat is dropped), and an item that cannot be ranked
 * is left off with its reason rather than stopping the whole agenda.
 */
export function composeAgenda<T extends RankableItem>(
  fresh: readonly T[],
  ratifications: readonly T[],
): ComposedAgenda<T> {
  const listed = new Set<string>();
  const excluded: ExcludedAgendaItem[] = [];
  const keep = (item: T): boolean => {
    if (listed.has(item.referralId)) return false;
    listed.add(item.referralId);
    const problem = agendaItemProblem(item);
    if (problem) excluded.push({ referralId: item.referralId, reason: problem.message });
    return problem === null;
  };
  const ranked = rankAgendaItems(fresh.filter(keep));
  return { ranked, ratifications: ratifications.filter(keep), excluded };
}
