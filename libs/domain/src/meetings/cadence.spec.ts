import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { toLondon } from '../calendar/london-time';
import { addWorkingDays, isWorkingDay } from '../calendar/working-days';
import { MeetingCadence } from '../reference/regions';
import { DEFAULT_MEETING_SETTINGS } from './meeting-settings';
import {
  CadencePolicy,
  DEFAULT_CADENCE_POLICY,
  cadencePolicyFor,
  covertCadencePolicy,
  firstWeekdayOfMonth,
  upcomingMeetings,
  workingDaysBefore,
} from './cadence';

const iso = (meetings: readonly { scheduledFor: Date; papersCloseAt: Date }[]) =>
  meetings.map((m) => [m.scheduledFor.toISOString(), m.papersCloseAt.toISOString()]);
const dates = (meetings: readonly { scheduledFor: Date }[]) => meetings.map((m) => m.scheduledFor.toISOString());
const monthly = cadencePolicyFor('MONTHLY');
const sixWeekly = cadencePolicyFor('SIX_WEEKLY');
const twelveWeekly = cadencePolicyFor('TWELVE_WEEKLY');

describe('DEFAULT_CADENCE_POLICY', () => {
  it('is Wednesdays at 10:00, papers closing 5 working days before, counted from 7 January 2026', () => {
    expect(DEFAULT_CADENCE_POLICY).toEqual({
      weekday: 3,
      timeOfDay: '10:00',
      paperCutoffDays: 5,
      anchorDate: '2026-01-07',
    });
    expect(cadencePolicyFor('SIX_WEEKLY', { weekday: 1 })).toEqual({
      ...DEFAULT_CADENCE_POLICY,
      weekday: 1,
      cadence: 'SIX_WEEKLY',
    });
  });
});

describe('upcomingMeetings: MONTHLY', () => {
  it('meets on the first Wednesday of each month at 10:00 London, across the BST change', () => {
    expect(iso(upcomingMeetings(monthly, new Date('2026-01-01T00:00:00Z'), 4))).toEqual([
      ['2026-01-07T10:00:00.000Z', '2025-12-30T10:00:00.000Z'], // papers skip New Year's Day
      ['2026-02-04T10:00:00.000Z', '2026-01-28T10:00:00.000Z'],
      ['2026-03-04T10:00:00.000Z', '2026-02-25T10:00:00.000Z'],
      ['2026-04-01T09:00:00.000Z', '2026-03-25T10:00:00.000Z'], // 10:00 BST; papers 10:00 GMT
    ]);
  });

  it('moves a meeting on a bank holiday to the next working day and counts papers from there', () => {
    // 1 January 2025 is the first Wednesday: the meeting moves to Thursday 2nd; papers skip Christmas.
    expect(iso(upcomingMeetings(monthly, new Date('2024-12-15T00:00:00Z'), 2))).toEqual([
      ['2025-01-02T10:00:00.000Z', '2024-12-23T10:00:00.000Z'],
      ['2025-02-05T10:00:00.000Z', '2025-01-29T10:00:00.000Z'],
    ]);
    // Monday meetings: the first Monday of May is always a bank holiday.
    const mondays: CadencePolicy = { ...monthly, weekday: 1 };
    expect(dates(upcomingMeetings(mondays, new Date('2026-04-10T00:00:00Z'), 2))).toEqual([
      '2026-05-05T09:00:00.000Z',
      '2026-06-01T09:00:00.000Z',
    ]);
  });

  it('closes papers 5 working days before, skipping a bank holiday in between', () => {
    // Wednesday 6 May 2026: Mon 4 May is a bank holiday, so papers close Tuesday 28 April.
    expect(iso(upcomingMeetings(monthly, new Date('2026-04-02T00:00:00Z'), 1))).toEqual([
      ['2026-05-06T09:00:00.000Z', '2026-04-28T09:00:00.000Z'],
    ]);
  });

  it('returns meetings strictly after `from`', () => {
    expect(dates(upcomingMeetings(monthly, new Date('2026-02-04T10:00:00Z'), 1))).toEqual(['2026-03-04T10:00:00.000Z']);
    expect(dates(upcomingMeetings(monthly, new Date('2026-02-04T09:59:59.999Z'), 1))).toEqual([
      '2026-02-04T10:00:00.000Z',
    ]);
  });

  it('runs across a year end', () => {
    expect(dates(upcomingMeetings(monthly, new Date('2026-12-03T00:00:00Z'), 2))).toEqual([
      '2027-01-06T10:00:00.000Z',
      '2027-02-03T10:00:00.000Z',
    ]);
  });
});

describe('upcomingMeetings: SIX_WEEKLY and TWELVE_WEEKLY', () => {
  it('meets every 42 days from the anchor, keeping 10:00 London across both clock changes', () => {
    expect(dates(upcomingMeetings(sixWeekly, new Date('2026-01-01T00:00:00Z'), 9))).toEqual([
      '2026-01-07T10:00:00.000Z',
      '2026-02-18T10:00:00.000Z',
      '2026-04-01T09:00:00.000Z',
      '2026-05-13T09:00:00.000Z',
      '2026-06-24T09:00:00.000Z',
      '2026-08-05T09:00:00.000Z',
      '2026-09-16T09:00:00.000Z',
      '2026-10-28T10:00:00.000Z',
      '2026-12-09T10:00:00.000Z',
    ]);
  });

  it('meets every 84 days for twelve-weekly', () => {
    expect(dates(upcomingMeetings(twelveWeekly, new Date('2026-01-07T10:00:00Z'), 3))).toEqual([
      '2026-04-01T09:00:00.000Z',
      '2026-06-24T09:00:00.000Z',
      '2026-09-16T09:00:00.000Z',
    ]);
  });

  it('counts the cycle backwards from the anchor too', () => {
    expect(dates(upcomingMeetings(sixWeekly, new Date('2025-11-01T00:00:00Z'), 2))).toEqual([
      '2025-11-26T10:00:00.000Z',
      '2026-01-07T10:00:00.000Z',
    ]);
  });

  it('shifts a bank-holiday meeting without moving the cycle', () => {
    // Anchored on Easter Monday 2026: that meeting moves to Tuesday, the next stays 42 days from the anchor.
    const policy: CadencePolicy = { ...sixWeekly, weekday: 1, anchorDate: '2026-04-06' };
    expect(iso(upcomingMeetings(policy, new Date('2026-04-01T00:00:00Z'), 2))).toEqual([
      // Papers skip Easter Monday and Good Friday: Friday 27 March, 10:00 GMT.
      ['2026-04-07T09:00:00.000Z', '2026-03-27T10:00:00.000Z'],
      ['2026-05-18T09:00:00.000Z', '2026-05-11T09:00:00.000Z'],
    ]);
  });

  it('aligns an anchor that is not on the meeting weekday to the next such weekday', () => {
    const policy: CadencePolicy = { ...sixWeekly, anchorDate: '2026-01-05' };
    expect(upcomingMeetings(policy, new Date('2026-01-01T00:00:00Z'), 3)).toEqual(
      upcomingMeetings(sixWeekly, new Date('2026-01-01T00:00:00Z'), 3),
    );
  });
});

describe('upcomingMeetings: options and validation', () => {
  it('honours another time, and a zero cut-off closes papers at the meeting', () => {
    const policy: CadencePolicy = { ...monthly, timeOfDay: '14:30', paperCutoffDays: 0 };
    expect(iso(upcomingMeetings(policy, new Date('2026-06-01T00:00:00Z'), 1))).toEqual([
      ['2026-06-03T13:30:00.000Z', '2026-06-03T13:30:00.000Z'],
    ]);
  });

  it('returns nothing for a count of zero', () => {
    expect(upcomingMeetings(monthly, new Date('2026-01-01T00:00:00Z'), 0)).toEqual([]);
  });

  it.each([
    [{ ...monthly, timeOfDay: '9:00' }, 1, /HH:MM/],
    [{ ...monthly, timeOfDay: '24:00' }, 1, /HH:MM/],
    [{ ...sixWeekly, anchorDate: '2026-02-30' }, 1, /real YYYY-MM-DD/],
    [{ ...monthly, paperCutoffDays: -1 }, 1, /whole number of working days/],
    [{ ...monthly, paperCutoffDays: 1.5 }, 1, /whole number of working days/],
    [monthly, -1, /count/],
    [monthly, 2.5, /count/],
  ] as const)('rejects %o with count %i', (policy, count, message) => {
    expect(() => upcomingMeetings(policy, new Date('2026-01-01T00:00:00Z'), count)).toThrow(message);
    expect(() => upcomingMeetings(policy, new Date('2026-01-01T00:00:00Z'), count)).toThrow(DomainError);
  });

  it('rejects an unknown cadence, a weekend weekday and an invalid date', () => {
    const weekend = { ...monthly, weekday: 6 } as unknown as CadencePolicy;
    const unknown = { ...monthly, cadence: 'WEEKLY' } as unknown as CadencePolicy;
    expect(() => upcomingMeetings(weekend, new Date('2026-01-01T00:00:00Z'), 1)).toThrow(/Monday/);
    expect(() => upcomingMeetings(unknown, new Date('2026-01-01T00:00:00Z'), 1)).toThrow(/Unknown meeting cadence/);
    expect(() => upcomingMeetings(monthly, new Date('nope'), 1)).toThrow(DomainError);
  });
});

describe('calendar helpers', () => {
  it('finds the first weekday of a month', () => {
    expect(firstWeekdayOfMonth(2026, 1, 3)).toEqual({ year: 2026, month: 1, day: 7 });
    expect(firstWeekdayOfMonth(2026, 4, 3)).toEqual({ year: 2026, month: 4, day: 1 });
    expect(firstWeekdayOfMonth(2026, 3, 1)).toEqual({ year: 2026, month: 3, day: 2 });
  });

  it('steps back over weekends and bank holidays', () => {
    expect(workingDaysBefore({ year: 2026, month: 4, day: 7 }, 1)).toEqual({ year: 2026, month: 4, day: 2 });
    expect(workingDaysBefore({ year: 2026, month: 4, day: 7 }, 0)).toEqual({ year: 2026, month: 4, day: 7 });
  });
});

describe('upcomingMeetings properties', () => {
  const cadences: MeetingCadence[] = ['MONTHLY', 'SIX_WEEKLY', 'TWELVE_WEEKLY'];
  const arbPolicy = fc.record({
    cadence: fc.constantFrom(...cadences),
    weekday: fc.constantFrom<CadencePolicy['weekday']>(1, 2, 3, 4, 5),
    timeOfDay: fc.constantFrom('08:00', '10:00', '13:45', '17:30'),
    paperCutoffDays: fc.integer({ min: 0, max: 10 }),
    anchorDate: fc.constantFrom('2026-01-07', '2025-03-31', '2027-12-24'),
  });
  const arbFrom = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 11, 31) }).map((t) => new Date(t));

  it('gives increasing working-day meetings after `from`, at the policy time, papers the cut-off before', () => {
    fc.assert(
      fc.property(arbPolicy, arbFrom, (policy, from) => {
        const meetings = upcomingMeetings(policy, from, 4);
        expect(meetings).toHaveLength(4);
        let previous = from.getTime();
        for (const { scheduledFor, papersCloseAt } of meetings) {
          expect(scheduledFor.getTime()).toBeGreaterThan(previous);
          previous = scheduledFor.getTime();
          expect(isWorkingDay(scheduledFor)).toBe(true);
          const local = toLondon(scheduledFor);
          expect(`${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`).toBe(
            policy.timeOfDay,
          );
          expect(isWorkingDay(papersCloseAt)).toBe(true);
          expect(addWorkingDays(papersCloseAt, policy.paperCutoffDays).getTime()).toBe(scheduledFor.getTime());
        }
      }),
    );
  });

  it('continues the same series when asked again from a meeting', () => {
    fc.assert(
      fc.property(arbPolicy, arbFrom, (policy, from) => {
        const [first, ...rest] = upcomingMeetings(policy, from, 4);
        if (first === undefined) throw new Error('unreachable');
        expect(upcomingMeetings(policy, first.scheduledFor, 3)).toEqual(rest);
        expect(upcomingMeetings(policy, new Date(first.scheduledFor.getTime() - 1), 1)).toEqual([first]);
      }),
    );
  });
});

describe('covertCadencePolicy', () => {
  it('holds covert commissioning meetings fortnightly by default, on the usual weekday and time', () => {
    const meetings = upcomingMeetings(
      covertCadencePolicy(DEFAULT_MEETING_SETTINGS),
      new Date('2026-03-02T00:00:00Z'),
      3,
    );
    const days = meetings.map((meeting) => meeting.scheduledFor.toISOString());
    expect(days).toEqual(['2026-03-04T10:00:00.000Z', '2026-03-18T10:00:00.000Z', '2026-04-01T09:00:00.000Z']);
  });

  it('follows the configured cycle, and refuses one that is not a whole number of days', () => {
    const weekly = upcomingMeetings(covertCadencePolicy({ covertEveryDays: 7 }), new Date('2026-03-02T00:00:00Z'), 2);
    expect(weekly[1].scheduledFor.getTime() - weekly[0].scheduledFor.getTime()).toBe(7 * 86_400_000);
    expect(() => upcomingMeetings(covertCadencePolicy({ covertEveryDays: 0 }), new Date(), 1)).toThrow(
      /whole number of days/,
    );
  });
});
