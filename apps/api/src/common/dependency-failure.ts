/**
 * Whether an error means a dependency (Postgres, Temporal) is unreachable, going away or saturated: the
 * request may succeed if retried shortly, so it is answered 503 with Retry-After, never 500.
 */
export function isDependencyFailure(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    if (isUnavailableCode(errorCode(cause)) || UNAVAILABLE_TEXT.test(`${cause.name} ${cause.message}`)) return true;
    cause = cause.cause;
  }
  return false;
}

/**
 * Postgres SQLSTATEs of an outage or overload: class 08 (connection exceptions), 57P01-57P05 (the server shut
 * down, crashed, is starting or stopping, the database was dropped), 53300 (too many connections) and 57014
 * (statement timeout); and the socket errors of a server that is not there.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-5]|53300|57014)$/;
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** What pg, TypeORM (its QueryFailedError copies the driver's code) and gRPC say when the server is gone. */
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|timeout exceeded when trying to connect|Connection terminated|not queryable|ServiceError|WorkflowUpdateRPCTimeoutOrCancelledError|UNAVAILABLE|DEADLINE_EXCEEDED|canceling statement due to statement timeout|too many clients/i;

function errorCode(error: Error): unknown {
  return (error as { code?: unknown }).code;
}

function isUnavailableCode(code: unknown): boolean {
  return typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || SOCKET_ERRORS.has(code));
}
