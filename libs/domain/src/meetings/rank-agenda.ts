import { DomainError } from '../errors/domain-error';
import { parseInstant } from '../calendar/parse-instant';
import { Priority } from '../scoring/scoring-scheme';
import { firstRepeat } from './first-repeat';

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
  return itemProblem(item, parseInstant(item.listedAt));
}

function itemProblem(item: RankableItem, listed: number): DomainError | null {
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
  if (!Number.isFinite(listed)) {
    return new DomainError(
      'INVALID_AGENDA_ITEM',
      `Referral ${item.referralId} has an invalid listedAt "${item.listedAt}".`,
      { referralId: item.referralId, listedAt: item.listedAt },
    );
  }
  return null;
}

function listedTime(item: RankableItem): number {
  const time = parseInstant(item.listedAt);
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

interface SortKeys {
  /** Priority band less one (0 = P1). */
  band: Uint32Array;
  /** Dense rank of riskScore, highest score 0. */
  risk: Uint32Array;
  riskCount: number;
  listed: Float64Array;
}

/** Each value's dense rank (equal values share one; the smallest is 0), found with a native typed-array sort. */
function denseRanks(values: Float64Array): { ranks: Uint32Array; count: number } {
  const distinct = values.slice().sort();
  let count = 0;
  for (const value of distinct) if (count === 0 || value !== distinct[count - 1]) distinct[count++] = value;
  const ranks = new Uint32Array(values.length);
  values.forEach((value, index) => {
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (distinct[middle] < value) low = middle + 1;
      else high = middle;
    }
    ranks[index] = low;
  });
  return { ranks, count };
}

/** The sort keys of every item, computed once, validating each item on the way. */
function sortKeys(items: readonly RankableItem[]): SortKeys {
  const band = new Uint32Array(items.length);
  const negatedRisk = new Float64Array(items.length);
  const listed = new Float64Array(items.length);
  const repeat = firstRepeat(items.map((item) => item.referralId));
  items.forEach((item, index) => {
    const listedAt = parseInstant(item.listedAt);
    const problem = itemProblem(item, listedAt);
    if (problem) throw problem;
    if (index === repeat) {
      throw new DomainError('DUPLICATE_AGENDA_ITEM', `Referral ${item.referralId} is listed twice.`, {
        referralId: item.referralId,
      });
    }
    band[index] = PRIORITY_ORDER[item.priority] - 1;
    // 0 - x: highest first, and -0 and 0 (equal to the comparator) become one value.
    negatedRisk[index] = 0 - item.riskScore;
    listed[index] = listedAt;
  });
  const risk = denseRanks(negatedRisk);
  return { band, risk: risk.ranks, riskCount: risk.count, listed };
}

/** A stable counting sort of `order` by a small integer key. */
function byKey(order: Uint32Array, key: Uint32Array, keyCount: number): Uint32Array {
  const next = new Uint32Array(keyCount + 1);
  for (const index of order) next[key[index] + 1] += 1;
  for (let value = 1; value <= keyCount; value += 1) next[value] += next[value - 1];
  const sorted = new Uint32Array(order.length);
  for (const index of order) sorted[next[key[index]]++] = index;
  return sorted;
}

const PRIORITY_BANDS = Object.keys(PRIORITY_ORDER).length;

/**
 * Item indices in compareForAgenda order: counting sorts by riskScore's dense rank then by band (no
 * comparator over the whole list), then each run of equal band and score sorted by listedAt and referralId.
 */
function agendaOrder(items: readonly RankableItem[]): Uint32Array {
  const { band, risk, riskCount, listed } = sortKeys(items);
  const identity = new Uint32Array(items.length);
  for (let index = 0; index < identity.length; index += 1) identity[index] = index;
  const order = byKey(byKey(identity, risk, riskCount), band, PRIORITY_BANDS);
  const byListedThenId = (a: number, b: number): number =>
    listed[a] - listed[b] || byCodeUnits(items[a].referralId, items[b].referralId);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && band[order[end]] === band[order[start]] && risk[order[end]] === risk[order[start]]) {
      end += 1;
    }
    if (end - start > 1) order.subarray(start, end).sort(byListedThenId);
    start = end;
  }
  return order;
}

/**
 * Ranks new agenda items, starting at 1, in compareForAgenda order. Does not mutate its input.
 * Each item is validated and its sort keys computed in one pass; the order comes from counting sorts on
 * the keys' ranks rather than a comparator, so ranking costs about the ranked copies plus the validation.
 * Throws DomainError INVALID_AGENDA_ITEM / DUPLICATE_AGENDA_ITEM for malformed or repeated items.
 */
export function rankAgendaItems<T extends RankableItem>(items: readonly T[]): Ranked<T>[] {
  const ranked: Ranked<T>[] = [];
  for (const index of agendaOrder(items)) {
    const copy = Object.assign({}, items[index]) as Ranked<T>;
    copy.rank = ranked.length + 1;
    ranked.push(copy);
  }
  return ranked;
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
