import type { ScoringScheme } from '@rocu/domain';
import type { ErrorSummary } from '../../errors/error-summary';
import { labelOf, SUBJECT_TYPE_LABELS, URGENCY_LABELS } from '../../presentation/referral-labels';
import { nameOf, ReferenceLists } from '../../reference/reference-data.service';
import { previewScore } from '../gateway/assessment-form';
import { assessmentPageView } from '../gateway/assessment.view-model';
import { scoreText } from '../gateway/referral.view-model';
import { choices, Choice, CLASSIFICATION_LABELS, radios, YES_NO } from '../make-referral/make-referral.view-model';
import type { NationalPriority } from './national-api';
import type { TaskingDraft } from './tasking-request';

export const TASKING_FORM_PATH = '/national/tasking-requests/new';
export const TASKING_CHECK_PATH = '/national/tasking-requests/check';

const select = (options: { code: string; name: string }[], chosen: string, blank: string): Choice[] => [
  { value: '', text: blank, selected: chosen === '' },
  ...options.map(({ code, name }) => ({ value: code, text: name, selected: code === chosen })),
];

const priorityName = (priority: Pick<NationalPriority, 'code' | 'title'>): string =>
  `${priority.title} (${priority.code})`;

/** The one-page request: what the work is, where it goes, against which priority, and the NCA's score. */
export function taskingFormView(
  draft: TaskingDraft | undefined,
  lists: ReferenceLists,
  priorities: readonly NationalPriority[],
  scheme: ScoringScheme,
  errors: ErrorSummary | undefined,
) {
  const grid = assessmentPageView(
    { id: '', reference: '', subjectName: '', reassessment: false },
    scheme,
    draft?.score ?? {},
    errors,
  );
  return {
    pageTitle: 'Send a tasking request',
    errors,
    draft,
    regions: select(lists.rocuRegions, draft?.region ?? '', 'Choose a region'),
    priorities: select(
      priorities
        .filter((priority) => priority.retiredAt === null)
        .map((p) => ({ code: p.code, name: priorityName(p) })),
      draft?.nationalPriority ?? '',
      'Choose a national priority',
    ),
    subjectTypes: radios(SUBJECT_TYPE_LABELS, draft?.subjectType ?? ''),
    crimeTypes: choices(lists.crimeTypes, draft?.crimeTypes ?? []),
    forces: choices(lists.forces, draft?.forcesAffected ?? []),
    capabilities: choices(lists.capabilities, draft?.requestedCapabilities ?? []),
    urgencies: radios(URGENCY_LABELS, draft?.urgency ?? ''),
    threatToLife: radios(YES_NO, draft?.threatToLife ?? ''),
    classifications: radios(CLASSIFICATION_LABELS, draft?.classification ?? ''),
    // The gateway's grid without its choice of route: a tasking request always goes to the region's TTCG.
    harm: grid.harm,
    modifiers: grid.modifiers,
    likelihood: grid.likelihood,
    confidence: grid.confidence,
    organisationalPosition: grid.organisationalPosition,
    rationale: {
      ...grid.rationale,
      route: { ...grid.rationale.route, label: "Rationale for asking this region's TTCG" },
    },
  };
}

const change = (anchor: string, what: string) => ({
  items: [{ href: `${TASKING_FORM_PATH}#${anchor}`, text: 'Change', visuallyHiddenText: what }],
});

/** Check your answers: each answer with a link back to its field; the NCA's score worked out as the API will. */
export function taskingCheckView(
  draft: TaskingDraft,
  lists: ReferenceLists,
  priorities: readonly NationalPriority[],
  scheme: ScoringScheme,
) {
  const names = (list: ReferenceLists[keyof ReferenceLists], codes: string[]) =>
    codes.map((code) => nameOf(list, code)).join(', ');
  const priority = priorities.find((candidate) => candidate.code === draft.nationalPriority);
  const preview = previewScore({ ...draft.score, route: 'TTCG' }, scheme);
  const row = (key: string, value: string, anchor: string) => ({
    key: { text: key },
    value: { text: value },
    actions: change(anchor, key.toLowerCase()),
  });
  return {
    pageTitle: 'Check your tasking request',
    rows: [
      row('Region', draft.region && nameOf(lists.rocuRegions, draft.region), 'region'),
      row('National priority', priority ? priorityName(priority) : draft.nationalPriority, 'nationalPriority'),
      row(
        'Subject',
        [draft.subjectName, draft.subjectType && labelOf(SUBJECT_TYPE_LABELS, draft.subjectType)]
          .filter(Boolean)
          .join(', '),
        'subject-type',
      ),
      row('Crime types', names(lists.crimeTypes, draft.crimeTypes), 'crimeTypes'),
      row('Forces affected', names(lists.forces, draft.forcesAffected), 'forcesAffected'),
      row('Capabilities asked for', names(lists.capabilities, draft.requestedCapabilities), 'requestedCapabilities'),
      row('Urgency', draft.urgency && labelOf(URGENCY_LABELS, draft.urgency), 'urgency'),
      row('Threat to life', draft.threatToLife && labelOf(YES_NO, draft.threatToLife), 'threatToLife'),
      row('Threat, risk and harm summary', draft.summary, 'summary'),
      row(
        'Classification',
        draft.classification && labelOf(CLASSIFICATION_LABELS, draft.classification),
        'classification',
      ),
      row(
        "The NCA's score",
        preview.kind === 'SCORED'
          ? `Risk score ${scoreText(preview.result.riskScore, preview.result.priority)}`
          : `Not complete: ${preview.errors.length} part${preview.errors.length === 1 ? '' : 's'} to grade`,
        'harm-physical',
      ),
    ],
  };
}
