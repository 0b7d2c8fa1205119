import type { DeadlineStage, ReferralStatus, Route, Urgency } from '@rocu/domain';

export interface Tag {
  text: string;
  classes: string;
}

/** How each referral status is shown (GOV.UK tag colours); shared by every journey's lists and pages. */
export const STATUS_TAGS: Record<ReferralStatus, Tag> = {
  SUBMITTED: { text: 'Submitted', classes: 'govuk-tag--blue' },
  TRIAGE: { text: 'In triage', classes: 'govuk-tag--light-blue' },
  INFO_REQUESTED: { text: 'Information requested', classes: 'govuk-tag--orange' },
  ASSESSMENT: { text: 'Being assessed', classes: 'govuk-tag--light-blue' },
  AWAITING_DECISION: { text: 'Awaiting decision', classes: 'govuk-tag--purple' },
  ADOPTED: { text: 'Adopted', classes: 'govuk-tag--green' },
  SIO_ALLOCATED: { text: 'SIO allocated', classes: 'govuk-tag--green' },
  ACTIVE: { text: 'Active', classes: 'govuk-tag--green' },
  CLOSED: { text: 'Closed', classes: 'govuk-tag--grey' },
  DEFERRED: { text: 'Deferred', classes: 'govuk-tag--yellow' },
  DECLINED: { text: 'Declined', classes: 'govuk-tag--red' },
  REFERRED_NATIONAL: { text: 'Referred to the NCA', classes: 'govuk-tag--grey' },
  REFERRED_PARTNER: { text: 'Referred to a partner', classes: 'govuk-tag--grey' },
  WITHDRAWN: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
  REJECTED: { text: 'Rejected', classes: 'govuk-tag--red' },
};

export const URGENCY_LABELS: Record<Urgency, string> = {
  IMMEDIATE: 'Immediate (threat to life or imminent harm)',
  PRIORITY: 'Priority',
  ROUTINE: 'Routine',
};

export const SUBJECT_TYPE_LABELS: Record<string, string> = {
  OCG: 'Organised crime group',
  PRIORITY_INDIVIDUAL: 'Priority individual',
  VULNERABILITY: 'Vulnerability',
  OPERATION: 'Operation',
};

export const DEADLINE_STAGE_LABELS: Record<DeadlineStage, string> = {
  TRIAGE: 'Triage',
  ASSESSMENT: 'Assessment',
  DECISION: 'Decision',
  ALLOCATION: 'SIO allocation',
};

/** Where an assessment sends the referral next. */
export const ROUTE_LABELS: Record<Route, string> = {
  TTCG: 'TTCG (tasking and co-ordination group)',
  COVERT_COMMISSIONING: 'Covert commissioning meeting',
  REFER_NATIONAL: 'Refer to the NCA',
  REFER_PARTNER: 'Refer to a partner agency (GAIN)',
  RETURN_TO_FORCE: 'Return to the force with advice',
};

export const DEADLINE_STATUS_LABELS: Record<string, string> = {
  PENDING: 'Due',
  PAUSED: 'Paused (waiting for information)',
  MET: 'Met',
  BREACHED: 'Missed',
  CANCELLED: 'Cancelled',
};

/** The tag for a status the API sent (an unknown one is shown as it is, untagged). */
export function statusTag(status: string): Tag {
  return (STATUS_TAGS as Record<string, Tag | undefined>)[status] ?? { text: status, classes: 'govuk-tag--grey' };
}

/** A label from a table, or the code itself. */
export const labelOf = (labels: Record<string, string>, code: string): string => labels[code] ?? code;
