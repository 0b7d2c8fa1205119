import { REFERRAL_STATUSES } from '@rocu/domain';
import { statusTag } from './status-tag';

describe('statusTag', () => {
  it('reads every referral status in words, with a colour', () => {
    for (const status of REFERRAL_STATUSES) {
      const tag = statusTag(status);
      expect(tag.text).not.toBe(status);
      expect(tag.classes).toMatch(/^govuk-tag--/);
    }
    expect(statusTag('INFO_REQUESTED')).toEqual({ text: 'Information requested', classes: 'govuk-tag--yellow' });
  });

  it('shows a status it does not know as sent', () => {
    expect(statusTag('SOMETHING_NEW')).toEqual({ text: 'SOMETHING_NEW', classes: 'govuk-tag--grey' });
  });
});
