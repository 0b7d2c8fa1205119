import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { computeDeadline } from './compute-deadline';
import { DEFAULT_DEADLINE_POLICIES, DEFAULT_REMINDER_FRACTION } from './deadline-policy';

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();

describe('computeDeadline', () => {
  it('gives an IMMEDIATE triage 1 hour, reminding at 45 minutes', () => {
    const started = new Date('2026-01-10T22:00:00.000Z'); // a Saturday night: elapsed time ignores the calendar
    const result = computeDeadline('TRIAGE', started, DEFAULT_DEADLINE_POLICIES.IMMEDIATE.TRIAGE, 0);
    expect(result.stage).toBe('TRIAGE');
    expect(iso(result.dueAt)).toBe('2026-01-10T23:00:00.000Z');
    expect(iso(result.remindAt)).toBe('2026-01-10T22:45:00.000Z');
  });

  it('gives an IMMEDIATE assessment 4 hours from submission', () => {
    const started = new Date('2026-01-12T10:00:00.000Z');
    const result = computeDeadline('ASSESSMENT', started, DEFAULT_DEADLINE_POLICIES.IMMEDIATE.ASSESSMENT, 0);
    expect(iso(result.dueAt)).toBe('2026-01-12T14:00:00.000Z');
    expect(iso(result.remindAt)).toBe('2026-01-12T13:00:00.000Z');
  });

  it('counts working days for PRIORITY and ROUTINE, reminding at 75% of the elapsed span', () => {
    const friday = new Date('2026-01-09T12:00:00.000Z');
    const triage = computeDeadline('TRIAGE', friday, DEFAULT_DEADLINE_POLICIES.PRIORITY.TRIAGE, 0);
    expect(iso(triage.dueAt)).toBe('2026-01-12T12:00:00.000Z'); // Monday
    expect(iso(triage.remindAt)).toBe('2026-01-11T18:00:00.000Z'); // 54 of 72 hours
    const assessment = computeDeadline('ASSESSMENT', friday, DEFAULT_DEADLINE_POLICIES.ROUTINE.ASSESSMENT, 0);
    expect(iso(assessment.dueAt)).toBe('2026-01-23T12:00:00.000Z');
  });

  it('shifts both the deadline and the reminder by the time paused for information', () => {
    const started = new Date('2026-01-12T10:00:00.000Z');
    const paused = computeDeadline('ASSESSMENT', started, DEFAULT_DEADLINE_POLICIES.IMMEDIATE.ASSESSMENT, 30 * 60_000);
    expect(iso(paused.dueAt)).toBe('2026-01-12T14:30:00.000Z');
    expect(iso(paused.remindAt)).toBe('2026-01-12T13:30:00.000Z');
    const days = computeDeadline('TRIAGE', started, DEFAULT_DEADLINE_POLICIES.ROUTINE.TRIAGE, 2 * HOUR);
    expect(iso(days.dueAt)).toBe('2026-01-14T12:00:00.000Z');
  });

  it('supports second-scale policies for tests', () => {
    const started = new Date('2026-01-12T10:00:00.000Z');
    const result = computeDeadline('TRIAGE', started, { due: { elapsedMs: 4000 }, reminderFraction: 0.5 }, 1000);
    expect(iso(result.remindAt)).toBe('2026-01-12T10:00:03.000Z');
    expect(iso(result.dueAt)).toBe('2026-01-12T10:00:05.000Z');
  });

  it('rejects a negative pause and an invalid start', () => {
    const policy = DEFAULT_DEADLINE_POLICIES.IMMEDIATE.TRIAGE;
    expect(() => computeDeadline('TRIAGE', new Date('2026-01-12T10:00:00Z'), policy, -1)).toThrow(DomainError);
    expect(() => computeDeadline('TRIAGE', new Date('bad'), policy, 0)).toThrow(/startedAt/);
  });

  it('always reminds no later than the deadline and never before the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 5, 1) }),
        fc.constantFrom(...(['IMMEDIATE', 'PRIORITY', 'ROUTINE'] as const)),
        fc.constantFrom(...(['TRIAGE', 'ASSESSMENT'] as const)),
        fc.integer({ min: 0, max: 10 * 24 * HOUR }),
        (t, urgency, stage, pausedMs) => {
          const result = computeDeadline(stage, new Date(t), DEFAULT_DEADLINE_POLICIES[urgency][stage], pausedMs);
          expect(result.remindAt.getTime()).toBeGreaterThanOrEqual(t + pausedMs);
          expect(result.remindAt.getTime()).toBeLessThanOrEqual(result.dueAt.getTime());
          const span = result.dueAt.getTime() - t - pausedMs;
          expect(result.remindAt.getTime() - t - pausedMs).toBe(Math.round(DEFAULT_REMINDER_FRACTION * span));
        },
      ),
    );
  });
});
