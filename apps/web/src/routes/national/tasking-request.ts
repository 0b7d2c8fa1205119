import { RATIONALE_ELEMENTS, AssessmentDraft, assessmentDraft, assessmentRequest } from '../gateway/assessment-form';
import { ASSESSMENT_FIELD_MESSAGES } from '../gateway/assessment-form';
import { fieldId, FieldLink } from '../../errors/error-summary';
import { record, text, texts } from '../../forms/form-values';

/** A tasking request as the NCA liaison typed it: the referral's fields and the NCA's score (the gateway's grid). */
export interface TaskingDraft {
  region: string;
  nationalPriority: string;
  subjectType: string;
  subjectName: string;
  crimeTypes: string[];
  forcesAffected: string[];
  requestedCapabilities: string[];
  urgency: string;
  threatToLife: string;
  summary: string;
  classification: string;
  score: AssessmentDraft;
}

/** The posted form (bracket names: `subject[name]`, `harm[physical]`) as a draft, kept as typed. */
export function taskingDraft(values: Record<string, unknown>): TaskingDraft {
  const subject = record(values.subject);
  return {
    region: text(values.region),
    nationalPriority: text(values.nationalPriority),
    subjectType: text(subject.type),
    subjectName: text(subject.name),
    crimeTypes: texts(values.crimeTypes),
    forcesAffected: texts(values.forcesAffected),
    requestedCapabilities: texts(values.requestedCapabilities),
    urgency: text(values.urgency),
    threatToLife: text(values.threatToLife),
    summary: text(values.summary),
    classification: text(values.classification),
    score: assessmentDraft(values),
  };
}

/** The draft as the form posts it, so a refused request shows the form as it was typed. */
export function taskingFormValues(draft: TaskingDraft): Record<string, unknown> {
  const { subjectType, subjectName, score, ...fields } = draft;
  return { ...fields, ...score, subject: { type: subjectType, name: subjectName } };
}

const blankToUndefined = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
const YES_NO_BOOLEAN: Record<string, boolean> = { yes: true, no: false };

/**
 * POST /national/tasking-requests: the referral's fields (no nominals or intelligence: the NCA names the
 * subject and the work; the region's gateway asks for more) and the NCA's score without a route (always the
 * TTCG). Blanks are left out, so the API names each missing field.
 */
export function taskingRequestBody(draft: TaskingDraft): Record<string, unknown> {
  const { route: _alwaysTheTtcg, ...assessment } = assessmentRequest({ ...draft.score, route: undefined });
  return {
    region: blankToUndefined(draft.region),
    nationalPriority: blankToUndefined(draft.nationalPriority),
    subject: { type: blankToUndefined(draft.subjectType), name: draft.subjectName, nominals: [] },
    crimeTypes: draft.crimeTypes,
    forcesAffected: draft.forcesAffected,
    requestedCapabilities: draft.requestedCapabilities,
    urgency: blankToUndefined(draft.urgency),
    threatToLife: YES_NO_BOOLEAN[draft.threatToLife],
    summary: draft.summary,
    classification: blankToUndefined(draft.classification),
    intelligence: [],
    assessment,
  };
}

/** The score's fields sit at the top of the form (the gateway's grid), the API names them under `assessment.`. */
export const taskingFieldLink: FieldLink = (apiField) => ({
  href: `#${fieldId(apiField.replace(/^assessment\./, ''))}`,
});

/** The form's words for the API's generic refusals (its rule messages, e.g. a retired priority, are kept). */
export const TASKING_PLAIN_WORDS: Readonly<Record<string, string>> = {
  region: 'Select the region asked to take the work on',
  nationalPriority: 'Select the national priority the work is against',
  'subject.type': 'Select what the request is about',
  'subject.name': "Enter the subject's name, at most 200 characters",
  crimeTypes: 'Select at least one crime type',
  forcesAffected: 'Select at least one force affected',
  requestedCapabilities: 'Select at least one capability asked for',
  urgency: 'Select the urgency',
  threatToLife: 'Say whether there is a threat to life',
  summary: 'Enter the threat, risk and harm summary, at most 4000 characters',
  classification: 'Select the classification',
  ...Object.fromEntries(
    Object.entries(ASSESSMENT_FIELD_MESSAGES).map(([field, message]) => [`assessment.${field}`, message]),
  ),
  ...Object.fromEntries(
    RATIONALE_ELEMENTS.map((element) => [
      `assessment.rationale.${element}`,
      `Enter the rationale for the ${element.replace(/([A-Z])/g, ' $1').toLowerCase()}, at most 2000 characters`,
    ]),
  ),
};
