import { organisationName } from '../auth/dev-personas';
import type { Tag } from './referral-labels';

/** A partner-agency check as the API shows it to the gateway team and the meeting. */
export interface PartnerCheckRecord {
  agency: string;
  requestedOn: string;
  result: string;
  reference?: string;
  checkedOn: string;
  recordedBy?: { name: string };
}

export const PARTNER_CHECK_RESULT_LABELS: Record<string, string> = { HIT: 'Hit', NO_HIT: 'No hit' };

export interface PartnerCheckRow {
  agency: string;
  requestedOn: string;
  result: Tag;
  reference: string;
  checkedOn: string;
  recordedBy: string;
  /** One line for a summary list: "HM Revenue and Customs: Hit (HMRC-CI-0042)". */
  summary: string;
}

/** How a check is shown wherever it appears (the gateway's referral page, the meeting's agenda item). */
export function partnerCheckRow(check: PartnerCheckRecord): PartnerCheckRow {
  const agency = organisationName(check.agency);
  const result = PARTNER_CHECK_RESULT_LABELS[check.result] ?? check.result;
  return {
    agency,
    requestedOn: check.requestedOn,
    result: { text: result, classes: check.result === 'HIT' ? 'govuk-tag--red' : 'govuk-tag--grey' },
    reference: check.reference ?? '',
    checkedOn: check.checkedOn,
    recordedBy: check.recordedBy?.name ?? '',
    summary: `${agency}: ${result}${check.reference ? ` (${check.reference})` : ''}`,
  };
}
