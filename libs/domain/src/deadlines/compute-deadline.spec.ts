import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { isWorkingDay, addWorkingDays } from '../calendar/working-days';
import { workingTimeBetween } from '../calendar/working-time';
import { computeCalendarDeadline, computeDeadline, NO_PAUSE } from './compute-deadline';
import { DEFAULT_DEADLINE_POLICIES, DEFAULT_REMINDER_FRACTION } from './deadline-policy';

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();
const { IMMEDIATE, PRIORITY, ROUTINE } = DEFAULT_DEADLINE_POLICIES;

describe('computeDeadline', () => {
  it('gives an IMMEDIATE triage 1 hour, reminding at 45 minutes, in clock time', () => {
    const started = new Date('2026-01-10T22:00:00.000Z'); // a Saturday night: elapsed time ignores the calendar
    const result = computeDeadline('TRIAGE', started, IMMEDIATE.TRIAGE);
    expect(iso(result.dueAt)).toBe('2026-01-10T23:00:00.000Z');
    expect(iso(result.remindAt)).toBe('2026-01-10T22:45:00.000Z');
  });

  it('gives an IMMEDIATE assessment 4 hours, adding a pause as clock time', () => {
    const started = new Date('2026-01-12T10:00:00.000Z');
    expect(iso(computeDeadline('ASSESSMENT', started, IMMEDIATE.ASSESSMENT).dueAt)).toBe('2026-01-12T14:00:00.000Z');
    const paused = computeDeadline('ASSESSMENT', started, IMMEDIATE.ASSESSMENT, { elapsedMs: HOUR, workingMs: 0 });
    expect(iso(paused.dueAt)).toBe('2026-01-12T15:00:00.000Z');
    expect(iso(paused.remindAt)).toBe('2026-01-12T14:00:00.000Z');
  });

  it('reminds a PRIORITY triage submitted Friday 17:30 before a bank holiday on Tuesday, not on the holiday', () => {
    // Friday 22 May 2026 17:30 BST; Monday 25 May is the spring bank holiday. Due Tuesday 17:30: 24 working
    // hours (6.5 on Friday, 17.5 on Tuesday), so the reminder is 18 working hours in, Tuesday 11:30 BST.
    const result = computeDeadline('TRIAGE', new Date('2026-05-22T16:30:00.000Z'), PRIORITY.TRIAGE);
    expect(iso(result.dueAt)).toBe('2026-05-26T16:30:00.000Z');
    expect(iso(result.remindAt)).toBe('2026-05-26T10:30:00.000Z');
    // The calendar rule reminded at 75% of 96 hours: Monday 17:30, the bank holiday itself.
    const old = computeCalendarDeadline('TRIAGE', new Date('2026-05-22T16:30:00.000Z'), PRIORITY.TRIAGE, 0);
    expect(iso(old.remindAt)).toBe('2026-05-25T16:30:00.000Z');
  });

  it('reminds a ROUTINE triage after 75% of its working time, not 37.5%', () => {
    // Friday 12:00 GMT, due Tuesday 12:00: 48 working hours; 36 of them have passed at the end of Monday.
    const result = computeDeadline('TRIAGE', new Date('2026-01-09T12:00:00.000Z'), ROUTINE.TRIAGE);
    expect(iso(result.dueAt)).toBe('2026-01-13T12:00:00.000Z');
    expect(iso(result.remindAt)).toBe('2026-01-13T00:00:00.000Z');
    const monday = computeDeadline('ASSESSMENT', new Date('2026-01-12T10:00:00.000Z'), ROUTINE.ASSESSMENT);
    expect(iso(monday.dueAt)).toBe('2026-01-26T10:00:00.000Z');
    expect(iso(monday.remindAt)).toBe('2026-01-21T22:00:00.000Z'); // 180 of 240 working hours
  });

  it('starts the working clock at 09:00 on the next working day for work arriving at the weekend', () => {
    // Saturday 10 January: due Monday 09:00 + 1 working day = Tuesday 09:00; reminder 18 hours after Monday 09:00.
    const result = computeDeadline('TRIAGE', new Date('2026-01-10T15:00:00.000Z'), PRIORITY.TRIAGE);
    expect(iso(result.dueAt)).toBe('2026-01-13T09:00:00.000Z');
    expect(iso(result.remindAt)).toBe('2026-01-13T03:00:00.000Z');
  });

  it('gives paused time back as working time: a ROUTINE referral from Wednesday 10:00 paused 24 working hours is due Monday', () => {
    const started = new Date('2026-01-14T10:00:00.000Z');
    const result = computeDeadline('TRIAGE', started, ROUTINE.TRIAGE, { elapsedMs: 24 * HOUR, workingMs: 24 * HOUR });
    expect(iso(result.dueAt)).toBe('2026-01-19T10:00:00.000Z');
    expect(iso(result.remindAt)).toBe('2026-01-16T22:00:00.000Z'); // 36 + 24 working hours after Wednesday 10:00
    // The calendar rule added raw hours: Saturday.
    expect(iso(computeCalendarDeadline('TRIAGE', started, ROUTINE.TRIAGE, 24 * HOUR).dueAt)).toBe(
      '2026-01-17T10:00:00.000Z',
    );
  });

  it('supports second-scale policies for tests', () => {
    const started = new Date('2026-01-12T10:00:00.000Z');
    const result = computeDeadline(
      'TRIAGE',
      started,
      { due: { elapsedMs: 4000 }, reminderFraction: 0.5 },
      { elapsedMs: 1000, workingMs: 1000 },
    );
    expect(iso(result.remindAt)).toBe('2026-01-12T10:00:03.000Z');
    expect(iso(result.dueAt)).toBe('2026-01-12T10:00:05.000Z');
  });

  it('rejects a negative pause and an invalid start', () => {
    const start = new Date('2026-01-12T10:00:00Z');
    expect(() => computeDeadline('TRIAGE', start, IMMEDIATE.TRIAGE, { elapsedMs: -1, workingMs: 0 })).toThrow(
      DomainError,
    );
    expect(() => computeDeadline('TRIAGE', start, ROUTINE.TRIAGE, { elapsedMs: 0, workingMs: -1 })).toThrow(/pausedMs/);
    expect(() => computeDeadline('TRIAGE', new Date('bad'), IMMEDIATE.TRIAGE, NO_PAUSE)).toThrow(/startedAt/);
    expect(() => computeCalendarDeadline('TRIAGE', start, IMMEDIATE.TRIAGE, -1)).toThrow(DomainError);
  });
});

describe('computeDeadline properties (start instants across 2024-2040)', () => {
  const start = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2040, 11, 31) }).map((t) => new Date(t));
  const urgency = fc.constantFrom(...(['PRIORITY', 'ROUTINE'] as const));
  const stage = fc.constantFrom(...(['TRIAGE', 'ASSESSMENT'] as const));
  const fraction = fc.constantFrom(DEFAULT_REMINDER_FRACTION, 0.5, 0.9, 1);
  const pausedWorking = fc.integer({ min: 0, max: 10 * 24 * HOUR });

  it('puts every working-day reminder and deadline on a working day, the reminder before the deadline', () => {
    fc.assert(
      fc.property(start, urgency, stage, fraction, pausedWorking, (at, u, s, reminderFraction, workingMs) => {
        const policy = { ...DEFAULT_DEADLINE_POLICIES[u][s], reminderFraction };
        const result = computeDeadline(s, at, policy, { elapsedMs: workingMs, workingMs });
        expect(isWorkingDay(result.remindAt)).toBe(true);
        expect(isWorkingDay(result.dueAt)).toBe(true);
        expect(result.remindAt.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(result.remindAt.getTime()).toBeLessThanOrEqual(result.dueAt.getTime());
        if (reminderFraction < 1) expect(result.remindAt.getTime()).toBeLessThan(result.dueAt.getTime());
      }),
    );
  });

  it('reminds at the fraction of the working time and adds the paused working time exactly', () => {
    fc.assert(
      fc.property(start, urgency, stage, pausedWorking, (at, u, s, workingMs) => {
        const policy = DEFAULT_DEADLINE_POLICIES[u][s];
        const arrived = addWorkingDays(at, 0);
        const unpaused = computeDeadline(s, at, policy);
        const total = workingTimeBetween(arrived, unpaused.dueAt);
        expect(total).toBe(24 * HOUR * ('workingDays' in policy.due ? policy.due.workingDays : 0));
        expect(workingTimeBetween(arrived, unpaused.remindAt)).toBe(Math.round(DEFAULT_REMINDER_FRACTION * total));
        const paused = computeDeadline(s, at, policy, { elapsedMs: 0, workingMs });
        expect(workingTimeBetween(unpaused.dueAt, paused.dueAt)).toBe(workingMs);
        expect(workingTimeBetween(unpaused.remindAt, paused.remindAt)).toBe(workingMs);
      }),
    );
  });

  it('keeps IMMEDIATE deadlines in clock time', () => {
    fc.assert(
      fc.property(start, stage, fc.integer({ min: 0, max: 48 * HOUR }), (at, s, elapsedMs) => {
        const policy = IMMEDIATE[s];
        const result = computeDeadline(s, at, policy, { elapsedMs, workingMs: 0 });
        const span = 'elapsedMs' in policy.due ? policy.due.elapsedMs : 0;
        expect(result.dueAt.getTime()).toBe(at.getTime() + elapsedMs + span);
        expect(result.remindAt.getTime()).toBe(at.getTime() + elapsedMs + Math.round(0.75 * span));
      }),
    );
  });
});

/**
 * An oracle written without the calendar code under test: England and Wales bank holidays for 2026-2029 as
 * published (GOV.UK), the UK date and hour from Intl, and working time summed hour by hour (UK midnight always
 * falls on a UTC hour, so a UTC hour is wholly on one UK date).
 */
describe('computeDeadline against an independent working-time oracle (starts 2026-2028)', () => {
  const BANK_HOLIDAYS = new Set([
    ...['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    ...['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    ...['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
    '2029-01-01',
  ]);
  const UK = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const ukHours = new Map<number, { working: boolean; hour: number }>();
  /** Whether the UTC hour holding `t` is on a UK working date, and the UK hour it starts at. */
  function ukHour(t: number): { working: boolean; hour: number } {
    const key = Math.floor(t / HOUR);
    const known = ukHours.get(key);
    if (known) return known;
    const part = Object.fromEntries(UK.formatToParts(new Date(key * HOUR)).map((p) => [p.type, p.value]));
    const date = `${part.year}-${part.month}-${part.day}`;
    const found = {
      working: !['Sat', 'Sun'].includes(part.weekday) && !BANK_HOLIDAYS.has(date),
      hour: Number(part.hour),
    };
    ukHours.set(key, found);
    return found;
  }
  function oracleWorkingTime(from: number, to: number): number {
    let total = 0;
    for (let t = from; t < to;) {
      const next = Math.min((Math.floor(t / HOUR) + 1) * HOUR, to);
      if (ukHour(t).working) total += next - t;
      t = next;
    }
    return total;
  }
  /** Work arriving off a working day starts at 09:00 UK time on the next working day (domain.md). */
  function oracleArrival(at: number): number {
    if (ukHour(at).working) return at;
    let t = (Math.floor(at / HOUR) + 1) * HOUR;
    while (!(ukHour(t).working && ukHour(t).hour === 9)) t += HOUR;
    return t;
  }

  it("is due after the policy's working days plus the paused working time, reminding at its fraction, on working days", () => {
    const start = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 1) });
    const policyOf = fc.constantFrom(PRIORITY.TRIAGE, PRIORITY.ASSESSMENT, ROUTINE.TRIAGE, ROUTINE.ASSESSMENT);
    const fraction = fc.constantFrom(DEFAULT_REMINDER_FRACTION, 0.5, 0.9, 1);
    fc.assert(
      fc.property(start, policyOf, fraction, fc.integer({ min: 0, max: 10 * 24 * HOUR }), (at, base, f, workingMs) => {
        const days = 'workingDays' in base.due ? base.due.workingDays : 0;
        const { dueAt, remindAt } = computeDeadline(
          'TRIAGE',
          new Date(at),
          { ...base, reminderFraction: f },
          {
            elapsedMs: workingMs,
            workingMs,
          },
        );
        const arrived = oracleArrival(at);
        expect(oracleWorkingTime(arrived, dueAt.getTime())).toBe(days * 24 * HOUR + workingMs);
        expect(oracleWorkingTime(arrived, remindAt.getTime())).toBe(Math.round(f * days * 24 * HOUR) + workingMs);
        expect(ukHour(dueAt.getTime()).working).toBe(true);
        expect(ukHour(remindAt.getTime()).working).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the hand-worked cases above (the oracle itself is checked)', () => {
    // Friday 22 May 2026 17:30 BST to Tuesday 26 May 17:30 BST, over the spring bank holiday: 24 working hours.
    expect(oracleWorkingTime(Date.parse('2026-05-22T16:30:00Z'), Date.parse('2026-05-26T16:30:00Z'))).toBe(24 * HOUR);
    // Saturday 10 January 2026 15:00 arrives Monday 09:00 GMT.
    expect(new Date(oracleArrival(Date.parse('2026-01-10T15:00:00Z'))).toISOString()).toBe('2026-01-12T09:00:00.000Z');
    // Saturday 28 March 2026, the night before the clocks change, arrives Monday 09:00 BST.
    expect(new Date(oracleArrival(Date.parse('2026-03-28T12:00:00Z'))).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });
});
