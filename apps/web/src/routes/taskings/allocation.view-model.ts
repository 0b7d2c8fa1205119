import { JUSTIFIABLE_RULES, type AllocationRule } from '@rocu/domain';
import { fieldId, type FieldLink } from '../../errors/error-summary';
import type { SioCandidate, SioCandidates, Workload } from './tasking-api';

const humanise = (code: string): string => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

const workloadText = ({ points, capacity, percent }: Workload): string =>
  `${points} of ${capacity} points (${percent}%)`;

/** What a manager weighs for one candidate, as the radio's hint: specialisms, workload now and after, rules broken. */
function candidateHint(candidate: SioCandidate): string {
  const broken = candidate.rules.filter((check) => !check.met);
  const parts = [
    `Specialisms: ${candidate.specialisms.map(humanise).join(', ')}. Vetting: ${candidate.vetting}.`,
    `Workload ${workloadText(candidate.workload)}; with this tasking ${workloadText(candidate.workloadAfterAllocation)}.`,
    ...(candidate.lentBy ? [`Lent by ${candidate.lentBy} (mutual aid).`] : []),
    ...broken.map((check) =>
      JUSTIFIABLE_RULES.includes(check.rule as AllocationRule)
        ? `Needs an exception justification: ${check.detail}.`
        : `Cannot be allocated: ${check.detail}.`,
    ),
  ];
  return parts.join(' ');
}

/** A candidate the manager may choose: eligible, and not the SIO the tasking already has (`current`). */
const choosable = (candidate: SioCandidate, current: string | undefined): boolean =>
  candidate.eligible && candidate.sub !== current;

/**
 * The SIO candidates as radios: every SIO of the region (and any lent to it), the API's order, with the rules each
 * meets or breaks; one that cannot be allocated (a declared conflict, vetting too low), or is already the tasking's
 * SIO (`current`, when reallocating), is shown but not choosable.
 */
export function candidateItems(candidates: SioCandidates, chosen: string, current?: string) {
  return candidates.items.map((candidate) => ({
    value: candidate.sub,
    text: candidate.name,
    hint: { text: (candidate.sub === current ? 'The SIO now. ' : '') + candidateHint(candidate) },
    checked: candidate.sub === chosen,
    disabled: !choosable(candidate, current),
  }));
}

/** What the tasking needs, in a sentence. */
export const needsText = (needs: SioCandidates['needs']): string =>
  needs
    ? `This tasking needs ${needs.specialisms.map(humanise).join(' or ') || 'no particular specialism'}, vetting ${needs.vetting}, and costs ${needs.cost} workload points.`
    : '';

/**
 * The id of the first candidate's radio that can be chosen (GOV.UK numbers the radios idPrefix, idPrefix-2, ...):
 * an error about the choice links there, since focus cannot land on a disabled radio. None when none can be chosen.
 */
export function choosableRadioId(candidates: SioCandidates, idPrefix: string, current?: string): string | undefined {
  const index = candidates.items.findIndex((candidate) => choosable(candidate, current));
  if (index === -1) return undefined;
  return index === 0 ? idPrefix : `${idPrefix}-${index + 1}`;
}

/**
 * Error links for the allocation form: the officer's to its first choosable radio (with none, to the page's main
 * content, as a refusal naming no field does), the rest to their fields.
 */
export const officerSubLink =
  (officerSubId: string | undefined): FieldLink =>
  (apiField) =>
    apiField !== 'officerSub'
      ? { href: `#${fieldId(apiField)}` }
      : officerSubId === undefined
        ? undefined
        : { href: `#${officerSubId}` };
