import type { Officer, Specialism, VettingLevel } from './officer-types';

/**
 * The rules an SIO allocation is judged by (domain.md section 7). Conflict and vetting are absolute; an
 * officer without a matching specialism, or taken past their capacity, may still be allocated with a
 * recorded justification.
 */
export const ALLOCATION_RULES = ['NO_CONFLICT', 'VETTING', 'SPECIALISM', 'CAPACITY'] as const;
export type AllocationRule = (typeof ALLOCATION_RULES)[number];

/** Rules that a recorded justification may set aside. */
export const JUSTIFIABLE_RULES: readonly AllocationRule[] = ['SPECIALISM', 'CAPACITY'];

export interface RuleCheck {
  rule: AllocationRule;
  met: boolean;
  /** In words, for the candidate list and refusals. */
  detail: string;
}

export interface AllocationFacts {
  officer: Pick<Officer, 'specialisms' | 'vetting' | 'capacity'>;
  /** Workload points of the officer's active taskings today. */
  points: number;
  needs: { specialisms: readonly Specialism[]; vetting: VettingLevel; cost: number };
  conflictDeclared: boolean;
  vettingMet: boolean;
}

/** Which rules allocating this officer meets and which it breaks, in ALLOCATION_RULES order. */
export function allocationChecks(facts: AllocationFacts): RuleCheck[] {
  const { officer, needs } = facts;
  const matched = needs.specialisms.filter((needed) => officer.specialisms.includes(needed));
  const after = facts.points + needs.cost;
  return [
    {
      rule: 'NO_CONFLICT',
      met: !facts.conflictDeclared,
      detail: facts.conflictDeclared ? 'has declared a conflict of interest' : 'no conflict declared',
    },
    {
      rule: 'VETTING',
      met: facts.vettingMet,
      detail: `holds ${officer.vetting}; the tasking needs ${needs.vetting} or higher`,
    },
    {
      rule: 'SPECIALISM',
      met: needs.specialisms.length === 0 || matched.length > 0,
      detail:
        needs.specialisms.length === 0
          ? 'the tasking needs no particular specialism'
          : matched.length > 0
            ? `matches ${matched.join(', ')}`
            : `holds none of ${needs.specialisms.join(', ')}`,
    },
    {
      rule: 'CAPACITY',
      met: after <= officer.capacity,
      detail: `${after} of ${officer.capacity} workload points after this allocation`,
    },
  ];
}

/** The broken rules a justification must answer for. */
export function rulesNeedingJustification(checks: readonly RuleCheck[]): AllocationRule[] {
  return checks.filter((check) => !check.met && JUSTIFIABLE_RULES.includes(check.rule)).map((check) => check.rule);
}

/**
 * Why an allocation setting aside a specialism or capacity rule is refused, or null when it may go
 * ahead: it needs a non-blank justification of the exception.
 */
export function exceptionRefusal(broken: readonly AllocationRule[], justification?: string | null): string | null {
  if (broken.length === 0 || (typeof justification === 'string' && justification.trim() !== '')) return null;
  return (
    `This allocation breaks the ${broken.join(' and ')} rule${broken.length > 1 ? 's' : ''}: ` +
    'give an exceptionJustification saying why this officer is still the right SIO.'
  );
}
