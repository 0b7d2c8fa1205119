import { JUSTIFIABLE_RULES, type AllocationRule } from '@rocu/domain';
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

/**
 * The SIO candidates as radios: every SIO of the region (and any lent to it), the API's order, with the rules each
 * meets or breaks; one that cannot be allocated (a declared conflict, vetting too low) is shown but not choosable.
 */
export function candidateItems(candidates: SioCandidates, chosen: string) {
  return candidates.items.map((candidate) => ({
    value: candidate.sub,
    text: candidate.name,
    hint: { text: candidateHint(candidate) },
    checked: candidate.sub === chosen,
    disabled: !candidate.eligible,
  }));
}

/** What the tasking needs, in a sentence. */
export const needsText = (needs: SioCandidates['needs']): string =>
  needs
    ? `This tasking needs ${needs.specialisms.map(humanise).join(' or ') || 'no particular specialism'}, vetting ${needs.vetting}, and costs ${needs.cost} workload points.`
    : '';
