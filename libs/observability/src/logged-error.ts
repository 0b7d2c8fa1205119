import pino from 'pino';

/**
 * Fields of a database error that carry the values a statement was given: TypeORM's QueryFailedError keeps the
 * statement's `parameters` (a subject's name, an intelligence item's text) and copies the driver's error onto
 * itself, whose `detail` and `where` quote values ("Key (reference)=(…) already exists").
 */
const VALUE_BEARING_FIELDS = ['parameters', 'driverError', 'detail', 'where', 'internalQuery'] as const;

/**
 * An error as a log line may show it: pino's usual fields (type, message, stack, code…) without the values above.
 * pino-http hands its `err` serializer an error pino has already serialized; the SDK's `error` is the error itself.
 */
export function loggedError(error: unknown): unknown {
  const serialized: unknown = error instanceof Error ? pino.stdSerializers.err(error) : error;
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const shown: Record<string, unknown> = { ...serialized };
  for (const field of VALUE_BEARING_FIELDS) delete shown[field];
  return shown;
}

/**
 * Serializers for every pino logger: `err` is where our code and pino-http put an error, `error` where the Temporal
 * SDK puts an activity's failure (without a serializer pino would write its enumerable fields, parameters included).
 */
export const errorSerializers = { err: loggedError, error: loggedError };
