import { DEFAULT_DEADLINE_POLICIES } from '../deadlines/deadline-policy';
import { DEFAULT_PLAN_POLICY } from '../plan/plan-policy';
import { cadencePolicyFor, upcomingMeetings } from '../meetings/cadence';
import {
  allocationPolicyOf,
  cadencePolicyOf,
  deadlinePoliciesOf,
  defaultRegionSettings,
  quorumForces,
  validateRegionSettings,
} from './region-settings';

const defaults = () => JSON.parse(JSON.stringify(defaultRegionSettings('SIX_WEEKLY'))) as Record<string, unknown>;

describe('defaultRegionSettings', () => {
  it('gives the domain defaults: deadlines, 75% reminders, allocation, the TTCG calendar and a half-the-forces quorum', () => {
    const settings = defaultRegionSettings('MONTHLY');
    expect(deadlinePoliciesOf(settings)).toEqual(DEFAULT_DEADLINE_POLICIES);
    expect(allocationPolicyOf(settings)).toEqual(DEFAULT_PLAN_POLICY.allocation);
    expect(cadencePolicyOf(settings)).toEqual(cadencePolicyFor('MONTHLY'));
    expect(quorumForces(settings, 4)).toBe(2);
    expect(quorumForces(settings, 7)).toBe(4);
  });
});

describe('validateRegionSettings', () => {
  it('accepts the defaults and a changed region', () => {
    expect(validateRegionSettings(defaults())).toEqual({ ok: true, settings: defaultRegionSettings('SIX_WEEKLY') });
    const changed = defaults();
    changed['reminderFraction'] = 0.5;
    changed['deadlines'] = {
      ...(changed['deadlines'] as object),
      ROUTINE: { TRIAGE: { workingDays: 3 }, ASSESSMENT: { workingDays: 15 } },
    };
    changed['meetings'] = { ...(changed['meetings'] as object), weekday: 2, timeOfDay: '14:30', paperCutoffDays: 3 };
    const result = validateRegionSettings(changed);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(deadlinePoliciesOf(result.settings).ROUTINE.TRIAGE).toEqual({
      due: { workingDays: 3 },
      reminderFraction: 0.5,
    });
    const [next] = upcomingMeetings(cadencePolicyOf(result.settings), new Date('2026-01-01T00:00:00Z'), 1);
    expect(next?.scheduledFor.toISOString()).toBe('2026-01-13T14:30:00.000Z'); // a Tuesday, 14:30 GMT
  });

  it('names every bad field at once', () => {
    const input = defaults();
    input['reminderFraction'] = 0;
    input['allocationDue'] = { workingDays: 61 };
    input['colour'] = 'blue';
    const deadlines = input['deadlines'] as Record<string, Record<string, unknown>>;
    deadlines['PRIORITY']['TRIAGE'] = { workingDays: 1, elapsedMs: 5 };
    deadlines['IMMEDIATE']['ASSESSMENT'] = { elapsedMs: 8 * 86_400_000 };
    delete deadlines['ROUTINE'];
    input['meetings'] = {
      cadence: 'FORTNIGHTLY',
      weekday: 6,
      timeOfDay: '25:00',
      paperCutoffDays: -1,
      anchorDate: '2026-13-45',
      quorumForcesFraction: 1.5,
    };
    const result = validateRegionSettings(input);
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((problem) => problem.field);
    expect(fields.sort()).toEqual(
      [
        'settings.colour',
        'settings.reminderFraction',
        'settings.allocationDue',
        'settings.deadlines.PRIORITY.TRIAGE',
        'settings.deadlines.IMMEDIATE.ASSESSMENT',
        'settings.deadlines.ROUTINE',
        'settings.meetings.cadence',
        'settings.meetings.weekday',
        'settings.meetings.timeOfDay',
        'settings.meetings.paperCutoffDays',
        'settings.meetings.anchorDate',
        'settings.meetings.quorumForcesFraction',
      ].sort(),
    );
  });

  it.each(['0026-01-07', '1999-12-31', '2100-01-04', '2026-02-29', '26-01-07'])(
    'refuses the anchor date %s (years 0-99 would stop the schedule workflow)',
    (anchorDate) => {
      const input = defaults();
      input['meetings'] = { ...(input['meetings'] as object), anchorDate };
      expect(validateRegionSettings(input)).toEqual({
        ok: false,
        problems: [{ field: 'settings.meetings.anchorDate', message: expect.stringContaining('from 2000 to 2099') }],
      });
    },
  );

  it.each(['2000-01-03', '2099-12-31'])('accepts the anchor date %s', (anchorDate) => {
    const input = defaults();
    input['meetings'] = { ...(input['meetings'] as object), anchorDate };
    expect(validateRegionSettings(input).ok).toBe(true);
  });

  it.each([null, [], 'settings', 3])('refuses %p as a whole', (input) => {
    expect(validateRegionSettings(input)).toEqual({
      ok: false,
      problems: [{ field: 'settings', message: expect.stringMatching(/must be an object/) }],
    });
  });

  it('refuses a missing part and an unknown meeting setting', () => {
    const input = defaults();
    delete input['meetings'];
    input['deadlines'] = { ...(input['deadlines'] as object), URGENT: {} };
    const result = validateRegionSettings(input);
    expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual([
      'settings.deadlines.URGENT',
      'settings.meetings',
    ]);
  });
});
