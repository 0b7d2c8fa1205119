import { text } from '../../forms/form-values';

/** A change of owner's reason, sent only by the replacing forms (an allocation or first naming has none). */
const withReason = (values: Record<string, unknown>, replacing: boolean): { reason?: string } =>
  replacing ? { reason: text(values.reason) } : {};

/**
 * POST /referrals/{id}/sio (or /sio/reallocation, with its reason) from the allocation form; nothing chosen is left
 * out so the API names the field.
 */
export function allocationRequest(values: Record<string, unknown>, replacing = false): Record<string, unknown> {
  const conflict = values.conflictDeclaration as Record<string, unknown> | undefined;
  const hasConflict = text(conflict?.hasConflict);
  return {
    officerSub: text(values.officerSub) || undefined,
    justification: text(values.justification),
    exceptionJustification: text(values.exceptionJustification).trim() || undefined,
    conflictDeclaration: {
      hasConflict: hasConflict === 'yes' ? true : hasConflict === 'no' ? false : undefined,
      // The details box stays on the page without JavaScript: what was typed there counts only with a conflict.
      details: hasConflict === 'yes' ? text(conflict?.details).trim() || undefined : undefined,
    },
    ...withReason(values, replacing),
  };
}

const REASON_MESSAGE = 'Say why the officer changes, in at most 2000 characters';

/** The form's words for the API's generic refusals of its fields (the API's rule messages are kept). */
export const ALLOCATION_MESSAGES: Record<string, string> = {
  officerSub: 'Select the SIO to allocate',
  justification: 'Say why this officer, in at most 4000 characters',
  exceptionJustification: 'Say why this officer all the same, in at most 4000 characters',
  'conflictDeclaration.hasConflict': 'Select whether the SIO has declared a conflict of interest',
  'conflictDeclaration.details': 'Describe the conflict, in at most 4000 characters',
  reason: REASON_MESSAGE,
};

/** POST /referrals/{id}/lro (or /lro/replacement, with its reason) from the form naming the force's LRO. */
export const lroRequest = (values: Record<string, unknown>, replacing = false): Record<string, unknown> => ({
  officerSub: text(values.officerSub).trim() || undefined,
  name: text(values.name),
  ...withReason(values, replacing),
});

export const LRO_MESSAGES: Record<string, string> = {
  officerSub: 'Enter the sign-in ID of the LRO',
  name: 'Enter the name of the LRO, in at most 200 characters',
  reason: REASON_MESSAGE,
};
