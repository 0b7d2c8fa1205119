import { errorSummary } from '../../errors/error-summary';
import { candidateItems, choosableRadioId, needsText, officerSubLink } from './allocation.view-model';
import { allocationRequest, lroRequest } from './tasking-forms';

describe('allocationRequest', () => {
  it('sends the declaration as a boolean, with its details only when there is a conflict', () => {
    const form = {
      officerSub: 'sio-yhrocu-1',
      justification: 'Specialist',
      exceptionJustification: '  ',
      conflictDeclaration: { hasConflict: 'no', details: 'typed, then "No" chosen' },
    };
    expect(allocationRequest(form)).toEqual({
      officerSub: 'sio-yhrocu-1',
      justification: 'Specialist',
      exceptionJustification: undefined,
      conflictDeclaration: { hasConflict: false, details: undefined },
    });
    expect(
      allocationRequest({ ...form, conflictDeclaration: { hasConflict: 'yes', details: ' Knows a nominal ' } })
        .conflictDeclaration,
    ).toEqual({ hasConflict: true, details: 'Knows a nominal' });
  });

  it('leaves out what was not chosen, so the API names each question', () => {
    expect(allocationRequest({})).toEqual({
      officerSub: undefined,
      justification: '',
      exceptionJustification: undefined,
      conflictDeclaration: { hasConflict: undefined, details: undefined },
    });
    expect(lroRequest({ officerSub: ' ', name: 'DI Clarke' })).toEqual({ officerSub: undefined, name: 'DI Clarke' });
  });

  it('sends the reason only from the forms that replace an owner, blank when none was given', () => {
    const form = { officerSub: 'lro-wyp-2', name: 'DI Singh', reason: 'Moved to another team' };
    expect(lroRequest(form)).not.toHaveProperty('reason');
    expect(lroRequest(form, true)).toEqual({
      officerSub: 'lro-wyp-2',
      name: 'DI Singh',
      reason: 'Moved to another team',
    });
    expect(allocationRequest({ reason: 'Retired' })).not.toHaveProperty('reason');
    expect(allocationRequest({ reason: 'Retired' }, true)).toMatchObject({ reason: 'Retired' });
    expect(allocationRequest({}, true)).toMatchObject({ reason: '' });
  });
});

describe('candidateItems', () => {
  const workload = (points: number) => ({ points, taskings: 1, capacity: 10, percent: points * 10 });
  const candidate = (sub: string, eligible: boolean, broken: { rule: string; detail: string }[]) => ({
    sub,
    name: `DCI ${sub}`,
    specialisms: ['DRUGS', 'MODERN_SLAVERY'],
    vetting: 'SC',
    workload: workload(9),
    workloadAfterAllocation: workload(12),
    eligible,
    rules: broken.map((check) => ({ ...check, met: false })),
    lentBy: null,
  });

  it('says what each brings and carries, which rules need a justification, and disables one that cannot be allocated', () => {
    const items = candidateItems(
      {
        items: [
          candidate('a', true, [{ rule: 'CAPACITY', detail: '120% of capacity after' }]),
          candidate('b', false, [{ rule: 'NO_CONFLICT', detail: 'declared a conflict' }]),
        ],
      },
      'a',
    );
    expect(items).toEqual([
      {
        value: 'a',
        text: 'DCI a',
        checked: true,
        disabled: false,
        hint: {
          text:
            'Specialisms: Drugs, Modern slavery. Vetting: SC. Workload 9 of 10 points (90%); with this tasking ' +
            '12 of 10 points (120%). Needs an exception justification: 120% of capacity after.',
        },
      },
      expect.objectContaining({
        value: 'b',
        checked: false,
        disabled: true,
        hint: { text: expect.stringContaining('Cannot be allocated: declared a conflict.') },
      }),
    ]);
  });

  it('links an error about the choice to the first radio that can be chosen, never a disabled one', () => {
    const none = candidate('c', false, []);
    const choosable = candidate('d', true, []);
    expect(choosableRadioId({ items: [choosable, none] }, 'officerSub')).toBe('officerSub');
    expect(choosableRadioId({ items: [none, none, choosable] }, 'officerSub')).toBe('officerSub-3');
    // Reallocating, the SIO the tasking has is not one to choose.
    expect(choosableRadioId({ items: [choosable, none, choosable] }, 'officerSub', 'd')).toBeUndefined();
    expect(choosableRadioId({ items: [none] }, 'officerSub')).toBeUndefined();
    const summary = errorSummary(
      {
        detail: 'Bad fields',
        errors: [
          { field: 'officerSub', code: 'required', message: 'Select the SIO' },
          { field: 'conflictDeclaration.hasConflict', code: 'required', message: 'Select whether' },
        ],
      },
      officerSubLink('officerSub-3'),
    );
    expect(summary.errorList.map((item) => item.href)).toEqual(['#officerSub-3', '#conflictDeclaration-hasConflict']);
    expect(summary.byField['officerSub-3']).toEqual({ text: 'Select the SIO' });
    // None to choose: the error links to the page's main content, and shows beside the radios as before.
    const unchoosable = errorSummary(
      { detail: 'Bad fields', errors: [{ field: 'officerSub', code: 'required', message: 'Select the SIO' }] },
      officerSubLink(undefined),
    );
    expect(unchoosable.errorList).toEqual([{ text: 'Select the SIO', href: '#main-content' }]);
    expect(unchoosable.byField.officerSub).toEqual({ text: 'Select the SIO' });
  });

  it('shows the SIO a tasking has when reallocating it, but not as a choice', () => {
    const items = candidateItems({ items: [candidate('a', true, []), candidate('b', true, [])] }, '', 'a');
    expect(items.map(({ value, disabled }) => ({ value, disabled }))).toEqual([
      { value: 'a', disabled: true },
      { value: 'b', disabled: false },
    ]);
    expect(items[0].hint.text).toMatch(/^The SIO now\. Specialisms: /);
  });

  it('states the tasking’s needs', () => {
    expect(needsText({ specialisms: ['DRUGS', 'FIREARMS'], vetting: 'SC', cost: 3 })).toBe(
      'This tasking needs Drugs or Firearms, vetting SC, and costs 3 workload points.',
    );
    expect(needsText(undefined)).toBe('');
  });
});
