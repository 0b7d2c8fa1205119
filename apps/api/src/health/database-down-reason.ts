/**
 * Why Postgres did not answer a readiness probe, in words an operator can act on and with nothing from the
 * error itself (no host, port or SQL on a public endpoint): refused (not running), starting up or shutting
 * down, restarted under us, saturated, or silent.
 */
export function databaseDownReason(error: unknown): string {
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  const message = error instanceof Error ? error.message : '';
  if (code === 'ECONNREFUSED') return 'connection refused (Postgres is not running or not listening)';
  if (code === '57P03') return 'Postgres is starting up or shutting down';
  if (code === '57P01' || code === '57P02') return 'Postgres shut down the connection (stopped or restarted)';
  if (code === '53300' || /too many clients/i.test(message)) return 'Postgres has no free connections';
  if (/timeout|timed out/i.test(message) || code === 'ETIMEDOUT') return 'Postgres did not answer in time';
  if (/Connection terminated|not queryable|ECONNRESET/i.test(message) || code.startsWith('08')) {
    return 'the connection to Postgres was lost';
  }
  return 'Postgres is unreachable';
}
