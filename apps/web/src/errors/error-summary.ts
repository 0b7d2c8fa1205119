import type { ApiFieldError, ApiProblem } from './api-problem';

export interface ErrorSummaryItem {
  text: string;
  href: string;
}

/** What a page needs to show a refusal: the GOV.UK error summary list and each field's own message. */
export interface ErrorSummary {
  titleText: string;
  detail: string;
  errorList: ErrorSummaryItem[];
  /** Keyed by form field id, for the `errorMessage` of each GOV.UK macro. */
  byField: Record<string, { text: string }>;
}

/**
 * The form field id for an API field path, by one convention every form follows:
 * `subject.nominals[0].identifier` -> `subject-nominals-0-identifier`.
 */
export function fieldId(apiField: string): string {
  return apiField
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .join('-');
}

/** Where an error links: by default the field on this page; a page may send some fields elsewhere. */
export type FieldLink = (apiField: string) => { href: string; label?: string } | undefined;

const samePage: FieldLink = (apiField) => ({ href: `#${fieldId(apiField)}` });

function messageFor(error: ApiFieldError, label: string | undefined): string {
  return label ? `${label}: ${error.message}` : error.message;
}

/**
 * The one mapping from the API's problem+json (400, 409, 422) to the GOV.UK error summary: one entry per
 * refused field, linked to that field; a refusal naming no field (a 409 or 422 about the record) becomes a
 * single entry linking to the page's first field.
 */
export function errorSummary(problem: Pick<ApiProblem, 'detail' | 'errors'>, link: FieldLink = samePage): ErrorSummary {
  const errors = problem.errors ?? [];
  const errorList: ErrorSummaryItem[] = [];
  const byField: Record<string, { text: string }> = {};
  for (const error of errors) {
    const target = (error.field && error.field !== '(body)' ? link(error.field) : undefined) ?? {
      href: '#main-content',
    };
    const text = messageFor(error, target.label);
    errorList.push({ text, href: target.href });
    // A same-page link names the element the message belongs beside (a checkbox group's first box, say).
    const id =
      target.href.startsWith('#') && target.href !== '#main-content' ? target.href.slice(1) : fieldId(error.field);
    byField[id] ??= { text };
  }
  if (errorList.length === 0) errorList.push({ text: problem.detail, href: '#main-content' });
  return { titleText: 'There is a problem', detail: problem.detail, errorList, byField };
}
