import { DEFAULT_DEADLINE_POLICIES } from './deadline-policy';

describe('DEFAULT_DEADLINE_POLICIES', () => {
  it('follows the defaults of the domain brief', () => {
    expect(DEFAULT_DEADLINE_POLICIES.IMMEDIATE.TRIAGE.due).toEqual({ elapsedMs: 3_600_000 });
    expect(DEFAULT_DEADLINE_POLICIES.IMMEDIATE.ASSESSMENT.due).toEqual({ elapsedMs: 14_400_000 });
    expect(DEFAULT_DEADLINE_POLICIES.PRIORITY.TRIAGE.due).toEqual({ workingDays: 1 });
    expect(DEFAULT_DEADLINE_POLICIES.PRIORITY.ASSESSMENT.due).toEqual({ workingDays: 5 });
    expect(DEFAULT_DEADLINE_POLICIES.ROUTINE.TRIAGE.due).toEqual({ workingDays: 2 });
    expect(DEFAULT_DEADLINE_POLICIES.ROUTINE.ASSESSMENT.due).toEqual({ workingDays: 10 });
  });

  it('reminds at 75% of the time everywhere', () => {
    for (const policy of Object.values(DEFAULT_DEADLINE_POLICIES)) {
      expect(policy.TRIAGE.reminderFraction).toBe(0.75);
      expect(policy.ASSESSMENT.reminderFraction).toBe(0.75);
    }
  });
});
