import { randomUUID } from 'node:crypto';

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
    intelligence: [{ reference: 'IR-123', grading: { source: '2', information: 'B', handling: 'C' }, conditions: 'Not for onward dissemination' }],
    ...overrides,
  };
}

/** domain.md's worked example: 16 x 1.25 x 1.25 x 4 = 100 -> riskScore 21.2 -> P2. */
export function workedExampleAssessment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    harm: { physical: 'substantial', psychological: 'moderate', financial: 'critical', community: 'moderate', environmental: 'none' },
    geographicScope: 'regional',
    victimVulnerability: 'vulnerable',
    likelihood: 4,
    confidence: 'medium',
    organisationalPosition: { opportunity: 2, capacity: 3, capability: 2, organisationalRisk: 1 },
    route: 'TTCG',
    rationale: { harm: 'Firearms in circulation', likelihood: 'Corroborated intelligence', route: 'Needs covert capability' },
    ...overrides,
  };
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
