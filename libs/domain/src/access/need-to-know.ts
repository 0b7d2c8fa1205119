import { hasInvisibleControl, wordCount } from '../text/visible-text';

/** Parts of a submission that are OFFICIAL-SENSITIVE detail: the narrative and the graded intelligence. */
export const SENSITIVE_SUBMISSION_FIELDS = ['summary', 'intelligence'] as const;
export type SensitiveField = (typeof SENSITIVE_SUBMISSION_FIELDS)[number];
/**
 * The force's answers to the gateway's questions carry the same detail as the summary, so a withheld read leaves
 * out their text too; the questions stay, since the force reads them to answer.
 */
export const WITHHELD_ANSWER_TEXT = 'information[kind=RESPONSE].text';

export const JUSTIFICATION_HEADER = 'X-Access-Justification';
const MIN_JUSTIFICATION = 10;
const MAX_JUSTIFICATION = 500;
const MIN_JUSTIFICATION_WORDS = 3;

export type SensitiveAccess =
  | { kind: 'NOT_SENSITIVE' }
  | { kind: 'JUSTIFIED'; justification: string }
  | { kind: 'WITHHELD'; fields: readonly SensitiveField[]; howToAccess: string };

/**
 * A justification is a statement: 10-500 characters once trimmed, at least three words, and nothing
 * invisible (ten dots or ten zero-width spaces are not a reason; issue #13).
 */
export function isStatedJustification(justification: string): boolean {
  const stated = justification.trim();
  return (
    stated.length >= MIN_JUSTIFICATION &&
    stated.length <= MAX_JUSTIFICATION &&
    wordCount(stated) >= MIN_JUSTIFICATION_WORDS &&
    !hasInvisibleControl(stated)
  );
}

/**
 * Need-to-know for OFFICIAL-SENSITIVE detail: even someone entitled to see the referral sees its narrative
 * and intelligence only after stating why (the statement, as one line, is audited with the read).
 */
export function sensitiveAccess(classification: string, justification: string | undefined): SensitiveAccess {
  if (classification !== 'OFFICIAL-SENSITIVE') return { kind: 'NOT_SENSITIVE' };
  if (justification !== undefined && isStatedJustification(justification)) return { kind: 'JUSTIFIED', justification };
  return {
    kind: 'WITHHELD',
    fields: SENSITIVE_SUBMISSION_FIELDS,
    howToAccess: `Repeat the request with one ${JUSTIFICATION_HEADER} header (${MIN_JUSTIFICATION}-${MAX_JUSTIFICATION} characters, at least ${MIN_JUSTIFICATION_WORDS} words) saying why you need the sensitive detail; the access is audited.`,
  };
}
