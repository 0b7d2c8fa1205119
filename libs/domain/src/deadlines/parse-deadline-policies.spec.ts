import { DEFAULT_DEADLINE_POLICIES } from './deadline-policy';
import { parseDeadlinePolicies } from './parse-deadline-policies';

const clone = (): Record<string, Record<string, Record<string, unknown>>> =>
  JSON.parse(JSON.stringify(DEFAULT_DEADLINE_POLICIES));

describe('parseDeadlinePolicies', () => {
  it('accepts the defaults as an object or as JSON text', () => {
    expect(parseDeadlinePolicies(clone())).toEqual(DEFAULT_DEADLINE_POLICIES);
    expect(parseDeadlinePolicies(JSON.stringify(DEFAULT_DEADLINE_POLICIES))).toEqual(DEFAULT_DEADLINE_POLICIES);
  });

  it('accepts second-scale policies and defaults the reminder fraction', () => {
    const input = clone();
    input['IMMEDIATE']['TRIAGE'] = { due: { elapsedMs: 2000 } };
    input['ROUTINE']['ASSESSMENT'] = { due: { elapsedMs: 5000 }, reminderFraction: 0.5 };
    const parsed = parseDeadlinePolicies(input);
    expect(parsed.IMMEDIATE.TRIAGE).toEqual({ due: { elapsedMs: 2000 }, reminderFraction: 0.75 });
    expect(parsed.ROUTINE.ASSESSMENT).toEqual({ due: { elapsedMs: 5000 }, reminderFraction: 0.5 });
  });

  it.each([
    ['null', null, /expected an object/],
    ['an array', [], /expected an object/],
    ['broken JSON text', '{"IMMEDIATE":', /not valid JSON/],
  ])('rejects %s', (_label, input, message) => {
    expect(() => parseDeadlinePolicies(input)).toThrow(message);
  });

  it('names each problem with its path', () => {
    const input = clone();
    delete input['ROUTINE'];
    input['PRIORITY']['TRIAGE'] = { due: { workingDays: 1.5 } };
    input['PRIORITY']['ASSESSMENT'] = { due: { workingDays: 5, elapsedMs: 10 } };
    input['IMMEDIATE']['TRIAGE'] = { due: { elapsedMs: -1 }, reminderFraction: 2 };
    (input as Record<string, unknown>)['URGENT'] = {};
    let message = '';
    try {
      parseDeadlinePolicies(input);
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid deadline policies: /);
    expect(message).toContain('policies.URGENT is not a recognised key');
    expect(message).toContain('policies.ROUTINE must be an object');
    expect(message).toContain('policies.PRIORITY.TRIAGE.due.workingDays must be a positive whole number (got 1.5)');
    expect(message).toContain('policies.PRIORITY.ASSESSMENT.due must have exactly one of elapsedMs or workingDays');
    expect(message).toContain(
      'policies.IMMEDIATE.TRIAGE.due.elapsedMs must be a positive whole number of milliseconds (got -1)',
    );
    expect(message).toContain(
      'policies.IMMEDIATE.TRIAGE.reminderFraction must be a number greater than 0 and at most 1 (got 2)',
    );
  });

  it('rejects unknown keys inside a stage', () => {
    const input = clone();
    input['ROUTINE']['TRIAGE'] = { due: { workingDays: 2 }, reminder: 0.5 };
    expect(() => parseDeadlinePolicies(input)).toThrow('policies.ROUTINE.TRIAGE.reminder is not a recognised key');
  });
});
