/** RFC 9457 problem details, the one error shape the API returns. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Business rule refused',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Extensions come first so they can never override the standard members. */
export function problem(status: number, detail: string, extensions: Record<string, unknown> = {}): Problem {
  const title = TITLES[status] ?? 'Error';
  return {
    ...extensions,
    type: `https://rocu-gateway.police.uk/problems/${title.toLowerCase().replace(/ /g, '-')}`,
    title,
    status,
    detail,
  };
}
