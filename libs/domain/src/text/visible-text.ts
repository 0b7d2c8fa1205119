import { DomainError } from '../errors/domain-error';

/**
 * Characters that show nothing or change how the text around them shows: format characters (bidirectional
 * overrides and isolates, zero-width spaces and joiners, the byte-order mark, soft hyphens), the line and
 * paragraph separators, and control characters other than tab, line feed and carriage return. With them
 * `\u202Egnp.exe` reads as `exe.png`, and ten zero-width spaces pass for ten characters (issue #13).
 */
const INVISIBLE_CONTROL = /[\p{Cf}\u2028\u2029]|[^\P{Cc}\t\n\r]/u;

/** True when the text holds an invisible format or control character (see INVISIBLE_CONTROL). */
export function hasInvisibleControl(text: string): boolean {
  return INVISIBLE_CONTROL.test(text);
}

/** The text without its invisible format and control characters (a search box's, say, which shows none of them). */
export function withoutInvisibleControls(text: string): string {
  return text.replace(new RegExp(INVISIBLE_CONTROL.source, 'gu'), '');
}

/** True when nothing visible is left once white space is trimmed (issue #12: blank text is no text). */
export function isBlankText(text: string): boolean {
  return text.trim().length === 0;
}

/** Runs of letters or digits: what a reader would count as words. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * The workflow's own check of the text the edge has already validated (text, trimmed, not blank, nothing invisible):
 * throws a VALIDATION error naming every field that is not such text.
 */
export function requireVisibleText(fields: Record<string, unknown>): void {
  // Not text at all (a null that got past an edge) is as bad as blank text, never a TypeError.
  const bad = Object.entries(fields).filter(
    ([, value]) =>
      value !== undefined && (typeof value !== 'string' || isBlankText(value) || hasInvisibleControl(value)),
  );
  if (bad.length === 0) return;
  throw new DomainError(
    'VALIDATION',
    `Text with nothing visible or invisible characters: ${bad.map(([f]) => f).join(', ')}`,
    {
      errors: bad.map(([field]) => ({
        field,
        code: 'visibleText',
        message: `${field} must have visible text and no invisible or bidirectional control characters`,
      })),
    },
  );
}
