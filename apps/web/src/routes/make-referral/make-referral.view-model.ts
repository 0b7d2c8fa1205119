import { ErrorSummary, errorSummary } from '../../errors/error-summary';
import type { ApiProblem } from '../../errors/api-problem';
import { CodeName, nameOf, ReferenceLists } from '../../reference/reference-data.service';
import { labelOf, SUBJECT_TYPE_LABELS, URGENCY_LABELS } from '../../presentation/referral-labels';
import { anchorOf, pageAsking, previousPage, QuestionPage } from './question-pages';
import type { ReferralDraft } from './referral-draft';

const BASE = '/referrals/new';
const RETURN = '?return=check-answers';

export interface Choice {
  value: string;
  text: string;
  checked?: boolean;
  selected?: boolean;
  hint?: { text: string };
}

export const choices = (options: readonly CodeName[], chosen: readonly string[]): Choice[] =>
  options.map(({ code, name }) => ({ value: code, text: name, checked: chosen.includes(code) }));

const options = (labels: Record<string, string>, chosen: string, blank: string): Choice[] => [
  { value: '', text: blank, selected: chosen === '' },
  ...Object.entries(labels).map(([value, text]) => ({ value, text, selected: value === chosen })),
];

export const radios = (labels: Record<string, string>, chosen: string): Choice[] =>
  Object.entries(labels).map(([value, text]) => ({ value, text, checked: value === chosen }));

export const NOMINAL_ROLE_LABELS: Record<string, string> = { PRINCIPAL: 'Principal', ASSOCIATE: 'Associate' };
export const CLASSIFICATION_LABELS: Record<string, string> = {
  OFFICIAL: 'OFFICIAL',
  'OFFICIAL-SENSITIVE': 'OFFICIAL-SENSITIVE (need to know)',
};
export const YES_NO: Record<string, string> = { yes: 'Yes', no: 'No' };
/** 3x5x2 intelligence grading (domain.md section 8). */
export const SOURCE_GRADES: Record<string, string> = {
  '1': '1 – reliable',
  '2': '2 – untested',
  '3': '3 – not reliable',
};
export const INFORMATION_GRADES: Record<string, string> = {
  A: 'A – known directly',
  B: 'B – known indirectly, corroborated',
  C: 'C – known indirectly',
  D: 'D – not known',
  E: 'E – suspected to be false',
};
export const HANDLING_CODES: Record<string, string> = {
  P: 'P – may be shared',
  C: 'C – may be shared with conditions',
};

export type QuestionPageView = ReturnType<typeof questionPageView>;
export type ReferralDraftView = QuestionPageView | undefined;

/** One question page: its answers so far, its choices, and the API's refusals of the fields it asks. */
export function questionPageView(
  page: QuestionPage,
  pages: readonly QuestionPage[],
  draft: ReferralDraft,
  lists: ReferenceLists,
  fromCheck: boolean,
) {
  const own = (draft.problem?.errors ?? []).filter((error) => pageAsking(error.field) === page);
  const previous = previousPage(page, pages);
  const nominals = draft.subject.nominals.length > 0 ? draft.subject.nominals : [{ identifier: '', role: '' }];
  const intelligence = draft.intelligence;
  return {
    pageTitle: page.title,
    title: page.title,
    action: `${BASE}/${page.slug}${fromCheck ? RETURN : ''}`,
    backHref: fromCheck ? `${BASE}/check-answers` : previous ? `${BASE}/${previous.slug}` : '/referrals',
    errors:
      own.length > 0
        ? errorSummary({ detail: draft.problem?.detail ?? '', errors: own }, (field) => ({
            href: `#${anchorOf(page, field)}`,
          }))
        : undefined,
    draft,
    subjectTypes: radios(SUBJECT_TYPE_LABELS, draft.subject.type),
    nominals: nominals.map((nominal, index) => ({
      ...nominal,
      index,
      roles: radios(NOMINAL_ROLE_LABELS, nominal.role),
    })),
    crimeTypes: choices(lists.crimeTypes, draft.crimeTypes),
    forces: choices(lists.forces, draft.forcesAffected),
    regions: choices(lists.rocuRegions, [draft.region ?? '']),
    capabilities: choices(lists.capabilities, draft.requestedCapabilities),
    urgencies: radios(URGENCY_LABELS, draft.urgency),
    threatToLife: radios(YES_NO, draft.threatToLife),
    classifications: radios(CLASSIFICATION_LABELS, draft.classification),
    intelligence: intelligence.map((item, index) => ({
      ...item,
      index,
      sources: options(SOURCE_GRADES, item.grading.source, 'Choose a source grade'),
      informationGrades: options(INFORMATION_GRADES, item.grading.information, 'Choose an information grade'),
      handlingCodes: options(HANDLING_CODES, item.grading.handling, 'Choose a handling code'),
    })),
  };
}

export interface CheckAnswersView {
  pageTitle: string;
  errors?: ErrorSummary;
  rows: {
    key: { text: string };
    value: { text: string };
    actions: { items: { href: string; text: string; visuallyHiddenText: string }[] };
  }[];
}

const listed = (codes: readonly string[], list: readonly CodeName[]): string =>
  codes.map((code) => nameOf(list, code)).join(', ');

/** The answers as the person gave them, each with a link back to its question. */
function answerText(page: QuestionPage, draft: ReferralDraft, lists: ReferenceLists): string {
  switch (page.slug) {
    case 'subject': {
      const { type, name, existingRef } = draft.subject;
      return [name, type && labelOf(SUBJECT_TYPE_LABELS, type), existingRef && `reference ${existingRef}`]
        .filter(Boolean)
        .join(', ');
    }
    case 'nominals':
      return draft.subject.nominals.map((n) => `${n.identifier} (${labelOf(NOMINAL_ROLE_LABELS, n.role)})`).join('; ');
    case 'crime-types':
      return listed(draft.crimeTypes, lists.crimeTypes);
    case 'forces':
      return listed(draft.forcesAffected, lists.forces);
    case 'region':
      return draft.region ? nameOf(lists.rocuRegions, draft.region) : '';
    case 'capabilities':
      return listed(draft.requestedCapabilities, lists.capabilities);
    case 'urgency':
      return [
        draft.urgency && labelOf(URGENCY_LABELS, draft.urgency),
        draft.threatToLife && `threat to life: ${labelOf(YES_NO, draft.threatToLife)}`,
      ]
        .filter(Boolean)
        .join(', ');
    case 'summary':
      return draft.summary;
    case 'intelligence':
      return draft.intelligence
        .map((item) => {
          const { source, information, handling } = item.grading;
          return `${item.reference} graded ${source}${information}${handling}${item.conditions ? ` (conditions: ${item.conditions})` : ''}`;
        })
        .join('; ');
    case 'classification':
      return draft.classification;
    default:
      return '';
  }
}

export function checkAnswersView(
  draft: ReferralDraft,
  pages: readonly QuestionPage[],
  lists: ReferenceLists,
  refused: Pick<ApiProblem, 'detail' | 'errors'> | undefined,
): CheckAnswersView {
  return {
    pageTitle: 'Check your answers before sending your referral',
    errors:
      refused &&
      errorSummary(refused, (field) => {
        const page = pageAsking(field);
        return page && { href: `${BASE}/${page.slug}${RETURN}#${anchorOf(page, field)}`, label: page.title };
      }),
    rows: pages.map((page) => ({
      key: { text: page.title },
      value: { text: answerText(page, draft, lists) || 'Not answered' },
      actions: {
        items: [
          { href: `${BASE}/${page.slug}${RETURN}`, text: 'Change', visuallyHiddenText: page.title.toLowerCase() },
        ],
      },
    })),
  };
}
