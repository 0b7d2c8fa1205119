import { randomUUID } from 'node:crypto';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_RATIONALE } from '../fixtures/worked-example';

/** A valid submission; override any top-level field. */
export function referralBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: {
      type: 'OCG',
      name: 'Operation Kestrel',
      nominals: [{ identifier: `PND-${randomUUID()}`, role: 'PRINCIPAL' }],
    },
    crimeTypes: ['ILLEGAL_DRUGS', 'ILLEGAL_FIREARMS'],
    forcesAffected: ['WYP', 'SYP'],
    requestedCapabilities: ['COVERT_SURVEILLANCE', 'ASSET_RECOVERY'],
    urgency: 'ROUTINE',
    threatToLife: false,
    summary: 'Supply of firearms and class A drugs across West and South Yorkshire.',
    classification: 'OFFICIAL-SENSITIVE',
    intelligence: [
      {
        reference: 'IR-123',
        grading: { source: '2', information: 'B', handling: 'C' },
        conditions: 'Not for onward dissemination',
      },
    ],
    ...overrides,
  };
}

/** The worked example as an assessment request body (see test/fixtures/worked-example.ts). */
export function workedExampleAssessment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...WORKED_EXAMPLE, route: 'TTCG', rationale: WORKED_EXAMPLE_RATIONALE, ...overrides };
}

/** Polls until the check passes or the time is up (for work that completes asynchronously, e.g. timers). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    await new Promise((wake) => setTimeout(wake, intervalMs));
  }
  throw lastError;
}

/** A valid request for an extra YHROCU TTCG (by default in two days), its papers closing after the given delay. */
export function meetingBody(papersCloseInMs: number, scheduledInMs = 2 * 86_400_000): Record<string, unknown> {
  return {
    region: 'YHROCU',
    type: 'TTCG',
    scheduledFor: new Date(Date.now() + scheduledInMs).toISOString(),
    papersCloseAt: new Date(Date.now() + papersCloseInMs).toISOString(),
  };
}
