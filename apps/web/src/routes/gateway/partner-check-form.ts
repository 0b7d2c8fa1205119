import { dateInputAnchor, dateParts, isoDate } from '../../forms/date-input';
import { text } from '../../forms/form-values';
import type { ApiProblem } from '../../errors/api-problem';
import { errorSummary, ErrorSummary, fieldId } from '../../errors/error-summary';
import type { FormFlash } from '../../errors/form-state';
import { inPlainWords } from '../../errors/plain-messages';
import type { CodeName } from '../../reference/reference-data.service';

const DATE_FIELDS = new Set(['requestedOn', 'checkedOn']);

/** The form's words for the API's generic refusals of its fields (the API's rule messages are kept). */
const PARTNER_CHECK_MESSAGES: Record<string, string> = {
  agency: 'Select the agency checked',
  requestedOn: 'Enter the date the check was requested, for example 2 11 2026',
  result: 'Select whether the agency holds anything (hit or no hit)',
  reference: "Enter the partner's reference, at most 100 characters",
  checkedOn: 'Enter the date the agency answered, for example 4 11 2026',
};

const DISPOSAL_MESSAGES: Record<string, string> = {
  agency: 'Select the partner agency taking it on',
  reference: "Enter the partner's reference for the case, at most 100 characters",
  rationale: 'Say why the partner is better placed, at most 2000 characters',
};

/** The POST /referrals/{id}/partner-checks body from the form: dates from GOV.UK date inputs, the reference only for a hit. */
function partnerCheckRequest(values: Record<string, unknown>): Record<string, unknown> {
  const result = text(values.result);
  return {
    agency: text(values.agency) || undefined,
    requestedOn: isoDate(values.requestedOn),
    result: result || undefined,
    // The reference box stays on the page without JavaScript: what was typed there counts only for a hit.
    reference: result === 'HIT' ? text(values.reference).trim() || undefined : undefined,
    checkedOn: isoDate(values.checkedOn),
  };
}

function partnerDisposalRequest(values: Record<string, unknown>): Record<string, unknown> {
  return {
    agency: text(values.agency) || undefined,
    reference: text(values.reference),
    rationale: text(values.rationale),
  };
}

/** An error about a date links to its first box, as GOV.UK date inputs expect. */
const toField = (field: string) => ({
  href: `#${DATE_FIELDS.has(field) ? dateInputAnchor(field) : fieldId(field)}`,
});

type Refusal = Pick<ApiProblem, 'detail' | 'errors'> | undefined;

const agencyItems = (agencies: readonly CodeName[], chosen: string) => [
  { value: '', text: 'Choose an agency', selected: chosen === '' },
  ...agencies.map(({ code, name }) => ({ value: code, text: name, selected: code === chosen })),
];

interface ReferralHeading {
  id: string;
  reference: string;
  subjectName: string;
}

const heading = (referral: ReferralHeading, title: string) => ({
  pageTitle: `${title}: ${referral.reference}`,
  caption: `${referral.reference}: ${referral.subjectName}`,
  backHref: `/gateway/referrals/${encodeURIComponent(referral.id)}`,
});

const summaryOf = (refused: Refusal, messages: Record<string, string>): ErrorSummary | undefined =>
  refused && errorSummary(inPlainWords(refused, messages), toField);

/**
 * One of the GAIN co-ordinator's forms: its address under the referral (and the API's), title, words for refusals,
 * own fields, the API request it makes and the confirmation once the API has taken it.
 */
export interface PartnerForm {
  path: 'partner-checks' | 'partner-disposal';
  title: string;
  messages: Record<string, string>;
  fields: (values: Record<string, unknown>) => Record<string, unknown>;
  request: (values: Record<string, unknown>) => Record<string, unknown>;
  confirmation: (agency: string, request: Record<string, unknown>) => string;
}

export const PARTNER_CHECK_FORM: PartnerForm = {
  path: 'partner-checks',
  title: 'Record a partner check',
  messages: PARTNER_CHECK_MESSAGES,
  fields: (values) => ({
    requestedOn: dateParts(values.requestedOn),
    checkedOn: dateParts(values.checkedOn),
    result: text(values.result),
    reference: text(values.reference),
  }),
  request: partnerCheckRequest,
  confirmation: (agency) => `Partner check recorded: ${agency}`,
};

export const PARTNER_DISPOSAL_FORM: PartnerForm = {
  path: 'partner-disposal',
  title: 'Dispose of to a partner',
  messages: DISPOSAL_MESSAGES,
  fields: (values) => ({ reference: text(values.reference), rationale: text(values.rationale) }),
  request: partnerDisposalRequest,
  confirmation: (agency, request) => `Referral disposed of to ${agency} (reference ${String(request.reference)})`,
};

/** A partner form's page: the referral's heading, the agencies (the chosen one selected), its fields, any refusal. */
export function partnerFormPageView(
  form: PartnerForm,
  referral: ReferralHeading,
  agencies: readonly CodeName[],
  refused: FormFlash | undefined,
) {
  const values = refused?.values ?? {};
  return {
    ...heading(referral, form.title),
    agencies: agencyItems(agencies, text(values.agency)),
    ...form.fields(values),
    errors: summaryOf(refused?.problem, form.messages),
  };
}
