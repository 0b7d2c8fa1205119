/** Parts of a submission that are OFFICIAL-SENSITIVE detail: the narrative and the graded intelligence. */
export const SENSITIVE_SUBMISSION_FIELDS = ['summary', 'intelligence'] as const;
export type SensitiveField = (typeof SENSITIVE_SUBMISSION_FIELDS)[number];

export const JUSTIFICATION_HEADER = 'X-Access-Justification';
const MIN_JUSTIFICATION = 10;
const MAX_JUSTIFICATION = 500;

export type SensitiveAccess =
  | { kind: 'NOT_SENSITIVE' }
  | { kind: 'JUSTIFIED'; justification: string }
  | { kind: 'WITHHELD'; fields: readonly SensitiveField[]; howToAccess: string };

/**
 * Need-to-know for OFFICIAL-SENSITIVE detail: even someone entitled to see the referral sees its narrative
 * and intelligence only after stating why (the statement is audited with the read).
 */
export function sensitiveAccess(classification: string, justification: string | undefined): SensitiveAccess {
  if (classification !== 'OFFICIAL-SENSITIVE') return { kind: 'NOT_SENSITIVE' };
  const stated = justification?.trim() ?? '';
  if (stated.length >= MIN_JUSTIFICATION && stated.length <= MAX_JUSTIFICATION)
    return { kind: 'JUSTIFIED', justification: stated };
  return {
    kind: 'WITHHELD',
    fields: SENSITIVE_SUBMISSION_FIELDS,
    howToAccess: `Repeat the request with an ${JUSTIFICATION_HEADER} header (${MIN_JUSTIFICATION}-${MAX_JUSTIFICATION} characters) saying why you need the sensitive detail; the access is audited.`,
  };
}
