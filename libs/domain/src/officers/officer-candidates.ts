import type { Priority } from '../scoring/scoring-scheme';
import { allocationChecks, RuleCheck } from './allocation-rules';
import {
  Officer,
  Specialism,
  TASKING_COST,
  UNSCORED_TASKING_COST,
  VETTING_LEVELS,
  VettingLevel,
} from './officer-types';

/** Which specialism each crime type calls for; crime types without one (e.g. serious violence) need none. */
export const SPECIALISM_FOR_CRIME_TYPE: Readonly<Record<string, Specialism>> = {
  CHILD_SEXUAL_EXPLOITATION_AND_ABUSE: 'CHILD_SEXUAL_EXPLOITATION',
  ILLEGAL_DRUGS: 'DRUGS',
  COUNTY_LINES: 'DRUGS',
  ILLEGAL_FIREARMS: 'FIREARMS',
  FRAUD: 'FRAUD',
  MONEY_LAUNDERING: 'ECONOMIC_CRIME',
  BRIBERY_AND_CORRUPTION: 'ECONOMIC_CRIME',
  ORGANISED_IMMIGRATION_CRIME: 'MODERN_SLAVERY',
  MODERN_SLAVERY_AND_HUMAN_TRAFFICKING: 'MODERN_SLAVERY',
  CYBER_CRIME: 'CYBER',
};

/** What a tasking asks of its SIO. */
export interface TaskingNeeds {
  specialisms: Specialism[];
  vetting: VettingLevel;
  /** Workload points the tasking will add. */
  cost: number;
}

/** Covert work needs national security vetting; everything else management vetting. */
export function taskingNeeds(referral: {
  crimeTypes: readonly string[];
  route: string | null;
  priority: Priority | null;
}): TaskingNeeds {
  const specialisms = [
    ...new Set(
      referral.crimeTypes.flatMap((type) =>
        Object.hasOwn(SPECIALISM_FOR_CRIME_TYPE, type) ? [SPECIALISM_FOR_CRIME_TYPE[type]] : [],
      ),
    ),
  ];
  return {
    specialisms,
    vetting: referral.route === 'COVERT_COMMISSIONING' ? 'SC' : 'MV',
    cost: referral.priority ? TASKING_COST[referral.priority] : UNSCORED_TASKING_COST,
  };
}

export const vettingMeets = (held: VettingLevel, needed: VettingLevel): boolean =>
  VETTING_LEVELS.indexOf(held) >= VETTING_LEVELS.indexOf(needed);

export interface Workload {
  points: number;
  taskings: number;
  capacity: number;
  /** points / capacity, as a whole percentage. */
  percent: number;
}

export type IneligibleReason = 'CONFLICT_DECLARED' | 'VETTING_TOO_LOW';

export interface Candidate {
  officer: Officer;
  workload: Workload;
  workloadAfterAllocation: Workload;
  matchedSpecialisms: Specialism[];
  eligible: boolean;
  ineligibleReasons: IneligibleReason[];
  /** Every allocation rule, met or broken (a broken SPECIALISM or CAPACITY rule needs a justification). */
  rules: RuleCheck[];
}

const workload = (points: number, taskings: number, capacity: number): Workload => ({
  points,
  taskings,
  capacity,
  percent: capacity > 0 ? Math.round((100 * points) / capacity) : 100,
});

/**
 * Candidates for a tasking with today's workload and the workload if allocated. Eligible officers come
 * first, then those matching more of the needed specialisms, then the least loaded after allocation,
 * then by name, so the order is explainable and stable.
 */
export function rankCandidates(
  officers: readonly Officer[],
  loads: ReadonlyMap<string, { points: number; taskings: number }>,
  needs: TaskingNeeds,
  conflicted: ReadonlySet<string>,
): Candidate[] {
  const candidates = officers.map((officer): Candidate => {
    const load = loads.get(officer.sub) ?? { points: 0, taskings: 0 };
    const rules = allocationChecks({
      officer,
      points: load.points,
      needs,
      conflictDeclared: conflicted.has(officer.sub),
      vettingMet: vettingMeets(officer.vetting, needs.vetting),
    });
    const broken = (rule: RuleCheck['rule']) => rules.some((check) => check.rule === rule && !check.met);
    const ineligibleReasons: IneligibleReason[] = [];
    if (broken('NO_CONFLICT')) ineligibleReasons.push('CONFLICT_DECLARED');
    if (broken('VETTING')) ineligibleReasons.push('VETTING_TOO_LOW');
    return {
      officer,
      workload: workload(load.points, load.taskings, officer.capacity),
      workloadAfterAllocation: workload(load.points + needs.cost, load.taskings + 1, officer.capacity),
      matchedSpecialisms: needs.specialisms.filter((needed) => officer.specialisms.includes(needed)),
      eligible: ineligibleReasons.length === 0,
      ineligibleReasons,
      rules,
    };
  });
  return candidates.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      b.matchedSpecialisms.length - a.matchedSpecialisms.length ||
      a.workloadAfterAllocation.percent - b.workloadAfterAllocation.percent ||
      a.officer.name.localeCompare(b.officer.name) ||
      // Two officers may share a name: the order stays the same from one call to the next.
      (a.officer.sub < b.officer.sub ? -1 : a.officer.sub > b.officer.sub ? 1 : 0),
  );
}
