import pino from 'pino';

/**
 * Fields of a database error that carry the values a statement was given: TypeORM's QueryFailedError keeps the
 * statement's `parameters` (a subject's name, an intelligence item's text) and copies the driver's error onto
 * itself, whose `detail` and `where` quote values ("Key (reference)=(…) already exists").
 */
const VALUE_BEARING_FIELDS = new Set(['parameters', 'driverError', 'detail', 'where', 'internalQuery']);
/** How deep an error's own fields are followed (a Nest exception's `options.cause`, an error held by another). */
const MAX_DEPTH = 4;
/** Postgres's data exceptions (SQLSTATE class 22) quote the refused value in their message. */
const QUOTES_VALUE = /^22/;

const isErrorLike = (value: unknown): value is Error =>
  value instanceof Error ||
  (typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && 'stack' in value);

/** The SQLSTATE of a data exception in the error or its causes (pino puts their messages in the error's). */
function refusedValueIn(error: unknown): string | undefined {
  for (let cause = error, depth = 0; isErrorLike(cause) && depth <= MAX_DEPTH; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && QUOTES_VALUE.test(code)) return code;
    cause = cause.cause;
  }
  return undefined;
}

/** A message that may quote a refused value, and the stack line that repeats it, without the value. */
function withoutQuotedValue(shown: Record<string, unknown>, code: string): void {
  const message = `a value was refused (SQLSTATE ${code})`;
  if (typeof shown.stack === 'string') {
    // The frames only: pino adds each cause's "caused by: <type>: <message>" line.
    const frames = shown.stack.split('\n').filter((line) => /^\s+at /.test(line));
    shown.stack = [`${typeof shown.type === 'string' ? shown.type : 'Error'}: ${message}`, ...frames].join('\n');
  }
  shown.message = message;
}

function cleaned(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (isErrorLike(value)) return loggedErrorAt(value, depth);
  if (Array.isArray(value)) return value.map((item) => cleaned(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !VALUE_BEARING_FIELDS.has(key))
      .map(([key, field]) => [key, cleaned(field, depth + 1)]),
  );
}

function loggedErrorAt(error: unknown, depth: number): unknown {
  const serialized: unknown = error instanceof Error ? pino.stdSerializers.err(error) : error;
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const shown: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(serialized)) {
    if (!VALUE_BEARING_FIELDS.has(key)) shown[key] = cleaned(field, depth + 1);
  }
  const refusedValue = refusedValueIn(error instanceof Error ? error : (serialized as { raw?: unknown }).raw);
  if (refusedValue !== undefined) withoutQuotedValue(shown, refusedValue);
  return shown;
}

/**
 * An error as a log line may show it: pino's usual fields (type, message, stack, code…) without the values above,
 * in the error and in any error or object it holds (`cause`, a Nest exception's `options`, `aggregateErrors`); and
 * for a data exception, which quotes the value, its SQLSTATE instead of its message. pino-http hands its `err`
 * serializer an error pino has already serialized; the SDK's `error` is the error itself.
 */
export function loggedError(error: unknown): unknown {
  return loggedErrorAt(error, 0);
}

/**
 * Serializers for every pino logger: `err` is where our code and pino-http put an error, `error` where the Temporal
 * SDK puts an activity's failure (without a serializer pino would write its enumerable fields, parameters included).
 */
export const errorSerializers = { err: loggedError, error: loggedError };
