import type { ApiFieldError } from '../../errors/api-problem';
import { ADD_ACTION, CHANGE_ACTION, planFormValues, ukInstant } from './plan-forms';

const END_OF_DAY = { hour: 17, minute: 0, second: 0, millisecond: 0 };

describe('ukInstant (a date typed on a plan form, at a UK time of day)', () => {
  it('is that UK time in winter (GMT) and in summer (BST, an hour ahead of UTC)', () => {
    expect(ukInstant({ day: '31', month: '1', year: '2027' }, END_OF_DAY)).toBe('2027-01-31T17:00:00.000Z');
    expect(ukInstant({ day: '1', month: '7', year: '2027' }, END_OF_DAY)).toBe('2027-07-01T16:00:00.000Z');
  });

  it('leaves a date that is not a real one as typed for the API to refuse, and nothing typed out', () => {
    expect(ukInstant({ day: '31', month: '2', year: '2027' }, END_OF_DAY)).toBe('2027-02-31');
    expect(ukInstant({ day: 'x', month: '2', year: '2027' }, END_OF_DAY)).toBe('2027-02-0x');
    expect(ukInstant({ day: '', month: '', year: '' }, END_OF_DAY)).toBeUndefined();
  });
});

describe('the plan forms', () => {
  it('sends an action with its partners one a line, blank lines left out', () => {
    const request = ADD_ACTION.request({
      pillar: 'PREVENT',
      description: 'Schools talks',
      ownerOrg: 'WYP',
      ownerName: 'PC Lee',
      dueAt: { day: '3', month: '3', year: '2027' },
      partners: 'Leeds City Council\r\n\r\n  Barnardo’s  \n',
    });
    expect(request).toEqual({
      pillar: 'PREVENT',
      description: 'Schools talks',
      ownerOrg: 'WYP',
      ownerName: 'PC Lee',
      dueAt: '2027-03-03T17:00:00.000Z',
      partners: ['Leeds City Council', 'Barnardo’s'],
    });
  });

  it('sends a status change with the version read and no outcome when none is typed', () => {
    expect(CHANGE_ACTION.request({ status: 'ACTIVE', outcome: '  ', version: '3' })).toEqual({
      status: 'ACTIVE',
      outcome: undefined,
      version: 3,
    });
  });

  /** The add-action form as a 400 with these field errors sends it back. */
  const refusedAction = (errors: ApiFieldError[], values: Record<string, unknown>) =>
    planFormValues(ADD_ACTION, {
      path: '/referrals/r/plan/actions/new',
      problem: { status: 400, detail: 'Invalid request', errors },
      values,
    });

  it('shows a refused form again with its date in three boxes, and links a date error to the day box', () => {
    const { values, errors } = refusedAction(
      [
        { field: 'dueAt', code: 'invalid', message: 'dueAt must be an instant' },
        { field: 'description', code: 'required', message: 'description is required' },
      ],
      { description: '', dueAt: { day: '31', month: '2', year: '2027' } },
    );
    expect(values.dueAt).toEqual({ day: '31', month: '2', year: '2027' });
    expect(errors?.errorList).toEqual([
      { text: 'Enter the date the action is due, for example 31 1 2027', href: '#dueAt-day' },
      { text: 'Describe the action, in at most 4000 characters', href: '#description' },
    ]);
  });

  it('links an error about one partner to the partners box, naming which partner', () => {
    const { errors } = refusedAction(
      [
        { field: 'partners[1]', code: 'invisible_characters', message: 'contains an invisible control character' },
        { field: 'partners', code: 'arrayMaxSize', message: 'partners must contain no more than 20 elements' },
      ],
      { partners: 'Leeds City Council\nBarnardo’s\u202e' },
    );
    expect(errors?.errorList).toEqual([
      { text: 'Partner 2: contains an invisible control character', href: '#partners' },
      { text: 'Enter at most 20 partners, one a line, each in at most 200 characters', href: '#partners' },
    ]);
    expect(errors?.byField.partners).toEqual({ text: 'Partner 2: contains an invisible control character' });
  });
});
