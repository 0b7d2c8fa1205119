import { errorSummary } from './error-summary';
import { keepRefusedForm, moveRefusal, takeRefusedForm } from './form-state';

const FORM = '/taskings/r/sio';
const REFERRAL_PAGE = '/referrals/r';

describe('moveRefusal', () => {
  it('shows a refused form’s messages on the page it moved to, linked to that page’s content, without its values', () => {
    const session = {};
    keepRefusedForm(session, {
      path: FORM,
      problem: {
        status: 400,
        detail: 'Invalid request',
        errors: [{ field: 'officerSub', code: 'required', message: 'Select the SIO to allocate' }],
      },
      values: { justification: 'typed' },
    });
    expect(moveRefusal(session, FORM, REFERRAL_PAGE)).toBe(true);
    const moved = takeRefusedForm(session, REFERRAL_PAGE);
    expect(moved?.values).toEqual({});
    // The field is on the form, not on the referral page.
    expect(errorSummary(moved!.problem).errorList).toEqual([
      { text: 'Select the SIO to allocate', href: '#main-content' },
    ]);
    expect(takeRefusedForm(session, FORM)).toBeUndefined();
  });

  it('keeps nothing when the form had no refusal (the page is then not found)', () => {
    expect(moveRefusal({}, FORM, REFERRAL_PAGE)).toBe(false);
  });
});
