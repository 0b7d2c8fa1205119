/**
 * Bounds a graceful shutdown: once SIGTERM arrives, the process exits (code 1) after `boundMs` even if
 * draining has not finished, so an orchestrator's stop never waits on a stuck request or activity. The
 * timer does not keep the process alive: a drain that finishes sooner exits at once.
 */
export function exitAfterGraceOnSigterm(boundMs: number): void {
  process.once('SIGTERM', () => {
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${boundMs} ms; exiting\n`);
      process.exit(1);
    }, boundMs).unref();
  });
}
