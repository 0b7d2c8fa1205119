import type { ReferralStatus } from '@rocu/domain';
import type { Tag } from './deadline-tag';

/** How each referral status reads and is coloured wherever a referral is shown. */
const STATUS_TAGS: Readonly<Record<ReferralStatus, Tag>> = {
  SUBMITTED: { text: 'Submitted', classes: 'govuk-tag--blue' },
  TRIAGE: { text: 'Triage', classes: 'govuk-tag--blue' },
  INFO_REQUESTED: { text: 'Information requested', classes: 'govuk-tag--yellow' },
  ASSESSMENT: { text: 'Assessment', classes: 'govuk-tag--light-blue' },
  AWAITING_DECISION: { text: 'Awaiting decision', classes: 'govuk-tag--purple' },
  ADOPTED: { text: 'Adopted', classes: 'govuk-tag--green' },
  SIO_ALLOCATED: { text: 'SIO allocated', classes: 'govuk-tag--green' },
  ACTIVE: { text: 'Active', classes: 'govuk-tag--green' },
  CLOSED: { text: 'Closed', classes: 'govuk-tag--grey' },
  DEFERRED: { text: 'Deferred', classes: 'govuk-tag--orange' },
  DECLINED: { text: 'Declined', classes: 'govuk-tag--grey' },
  REFERRED_NATIONAL: { text: 'Referred to the NCA', classes: 'govuk-tag--grey' },
  REFERRED_PARTNER: { text: 'Referred to a partner', classes: 'govuk-tag--grey' },
  WITHDRAWN: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
  REJECTED: { text: 'Rejected', classes: 'govuk-tag--red' },
};

/** The tag for a status the API sent; an unknown one is shown as sent, uncoloured. */
export function statusTag(status: string): Tag {
  return (STATUS_TAGS as Record<string, Tag | undefined>)[status] ?? { text: status, classes: 'govuk-tag--grey' };
}
