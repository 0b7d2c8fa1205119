import type { ApiProblem } from './api-problem';

type Refusal = Pick<ApiProblem, 'detail' | 'errors'>;

/** A shape message starts with the field's path, or (nested) with its last part: "name must ...". */
const namesItsField = ({ field, message }: { field: string; message: string }): boolean =>
  message.startsWith(`${field} `) || message.startsWith(`${field.split('.').pop() ?? field} `);

/**
 * A form's own wording for the API's generic refusals. The API words a shape error by its field path
 * ("requestedOn must be a date, YYYY-MM-DD", "reference is required"), which names no question on the page;
 * such a message is replaced by the form's, per field. Rule messages ("The request date is in the future")
 * are the API's own words for people and are kept.
 */
export function inPlainWords(problem: Refusal, messages: Readonly<Record<string, string>>): Refusal {
  return {
    ...problem,
    errors: problem.errors?.map((error) =>
      Object.hasOwn(messages, error.field) && namesItsField(error)
        ? { ...error, message: messages[error.field] }
        : error,
    ),
  };
}
