/** A field the API refused, as named in its problem+json `errors[]` (e.g. `subject.nominals[0].identifier`). */
export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
}

/** The API's RFC 9457 problem details (the one error shape it returns). */
export interface ApiProblem {
  status: number;
  title: string;
  detail: string;
  /** The refusal's code for a refusal about the record rather than a field (e.g. NOT_QUORATE). */
  code?: string;
  errors?: ApiFieldError[];
  correlationId?: string;
}

/** The API refused a call (or could not be reached: status 503). The web exception filter decides the page. */
export class ApiProblemError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(`API ${problem.status}: ${problem.detail}`);
  }

  get status(): number {
    return this.problem.status;
  }
}

/** Statuses that mean "your answers need changing": shown as a GOV.UK error summary on the form. */
export const FORM_PROBLEM_STATUSES: ReadonlySet<number> = new Set([400, 409, 422]);

export function isApiProblem(value: unknown): value is ApiProblem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ApiProblem>;
  return typeof candidate.status === 'number' && typeof candidate.detail === 'string';
}

/** A refusal made by the web app itself (a form it can check with a domain rule), shown like the API's own. */
export function formRefusal(
  detail: string,
  errors: { field: string; code: string; message: string }[],
): ApiProblemError {
  return new ApiProblemError({ status: 400, title: 'Bad Request', detail, errors });
}
