import {
  CONFIDENCE_LEVELS,
  HARM_ELEMENTS,
  isDomainError,
  ORGANISATIONAL_POSITION_FACTORS,
  ORGANISATIONAL_POSITION_RANGE,
  ROUTES,
  scoreAssessment,
  ScoreResult,
  ScoringScheme,
} from '@rocu/domain';
import type { ApiFieldError } from '../../errors/api-problem';
import type { FormFlash } from '../../errors/form-state';
import type { AssessmentView } from './gateway-api.types';

/** The rationale asked beside each element of the grid: every element carries one (domain.md section 4). */
export const RATIONALE_ELEMENTS = [
  'harm',
  'likelihood',
  'route',
  'geographicScope',
  'victimVulnerability',
  'confidence',
  'organisationalPosition',
] as const;
export type RationaleElement = (typeof RATIONALE_ELEMENTS)[number];

/** "geographicScope" -> "geographic scope": the element as its rationale's label and message name it. */
export const rationaleWords = (element: RationaleElement): string =>
  element.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The rationales left blank, each named as the API would refuse it, so the grid says so before the check page. */
export function missingRationales(draft: AssessmentDraft): ApiFieldError[] {
  return RATIONALE_ELEMENTS.filter((element) => {
    const value = draft.rationale?.[element];
    return typeof value !== 'string' || value.trim() === '';
  }).map((element) => ({
    field: `rationale.${element}`,
    code: 'isNotEmpty',
    message: `Enter the rationale for the ${rationaleWords(element)}`,
  }));
}

/** The assessment form as posted (bracket names, e.g. `harm[physical]`): text only, kept as typed. */
export interface AssessmentDraft {
  harm?: Record<string, unknown>;
  geographicScope?: unknown;
  victimVulnerability?: unknown;
  likelihood?: unknown;
  confidence?: unknown;
  organisationalPosition?: Record<string, unknown>;
  route?: unknown;
  rationale?: Record<string, unknown>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
/** A whole number typed as text becomes a number; anything else is passed on as it is, for the API to refuse. */
const whole = (value: unknown): unknown =>
  typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;

/** The posted form as a draft: only the grid's own fields, each as text. */
export function assessmentDraft(values: unknown): AssessmentDraft {
  const form = record(values);
  const pick = (source: unknown, keys: readonly string[]) =>
    Object.fromEntries(
      keys.flatMap((key) => (text(record(source)[key]) === undefined ? [] : [[key, record(source)[key]]])),
    );
  return {
    harm: pick(form.harm, HARM_ELEMENTS),
    geographicScope: text(form.geographicScope),
    victimVulnerability: text(form.victimVulnerability),
    likelihood: text(form.likelihood),
    confidence: text(form.confidence),
    organisationalPosition: pick(form.organisationalPosition, ORGANISATIONAL_POSITION_FACTORS),
    route: text(form.route),
    rationale: pick(form.rationale, RATIONALE_ELEMENTS),
  };
}

/** The API's assessment body from a draft: numbers as numbers, rationales left blank left out. */
export function assessmentRequest(draft: AssessmentDraft): Record<string, unknown> {
  const rationale = Object.fromEntries(
    Object.entries(draft.rationale ?? {}).flatMap(([key, value]) =>
      typeof value === 'string' && value.trim() !== '' ? [[key, value.trim()]] : [],
    ),
  );
  return {
    harm: draft.harm ?? {},
    geographicScope: draft.geographicScope,
    victimVulnerability: draft.victimVulnerability,
    likelihood: whole(draft.likelihood),
    confidence: draft.confidence,
    organisationalPosition: Object.fromEntries(
      Object.entries(draft.organisationalPosition ?? {}).map(([key, value]) => [key, whole(value)]),
    ),
    route: draft.route,
    rationale,
  };
}

/** A previous assessment as a draft, so a re-assessment starts from it. */
export function draftFromAssessment(assessment: AssessmentView): AssessmentDraft {
  const asText = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
  return {
    harm: { ...assessment.input.harm },
    geographicScope: assessment.input.geographicScope,
    victimVulnerability: assessment.input.victimVulnerability,
    likelihood: String(assessment.input.likelihood),
    confidence: assessment.input.confidence,
    organisationalPosition: asText(assessment.input.organisationalPosition),
    route: assessment.route,
    rationale: { ...assessment.rationale },
  };
}

export type ScorePreview = { kind: 'SCORED'; result: ScoreResult } | { kind: 'REFUSED'; errors: ApiFieldError[] };

/**
 * The score the API will give, before it is submitted: the pure scoring function of libs/domain with the
 * scheme the API publishes, so the preview is the same rule. An incomplete grid names each missing part,
 * as the API would; a route that is not one of the routes is named too.
 */
export function previewScore(draft: AssessmentDraft, scheme: ScoringScheme): ScorePreview {
  const request = assessmentRequest(draft);
  const routeErrors: ApiFieldError[] = (ROUTES as readonly unknown[]).includes(request.route)
    ? []
    : [{ field: 'route', code: 'isIn', message: 'Select where the referral goes next' }];
  let result: ScoreResult;
  try {
    result = scoreAssessment(request as unknown as Parameters<typeof scoreAssessment>[0], scheme);
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'INVALID_ASSESSMENT') throw error;
    const refused = (error.details?.errors ?? []) as { field: string; message: string }[];
    const scoreErrors = refused.map(({ field, message }) => ({
      field,
      code: 'invalid',
      message: ASSESSMENT_FIELD_MESSAGES[field] ?? message,
    }));
    return { kind: 'REFUSED', errors: [...scoreErrors, ...routeErrors] };
  }
  return routeErrors.length > 0 ? { kind: 'REFUSED', errors: routeErrors } : { kind: 'SCORED', result };
}

const SCHEME_CHANGED = 'The scoring scheme changed after you checked the score: check the grades and try again';

/**
 * The grid's refusal of a checked draft that no longer scores (the scoring scheme changed after it was checked),
 * so the grid says why and shows the grades as chosen, instead of the check page sending the person back to it
 * without a word. A refusal of the last send that names no field (the form was sent before and recorded, say)
 * is said too; one naming fields is the grid's errors again.
 */
export function staleDraftRefusal(
  gridPath: string,
  draft: AssessmentDraft,
  errors: ApiFieldError[],
  lastSend?: FormFlash['problem'],
): FormFlash {
  const lastSendSaid =
    lastSend && !lastSend.errors?.length ? [{ field: '', code: 'sendRefused', message: lastSend.detail }] : [];
  return {
    path: gridPath,
    problem: {
      status: 400,
      detail: SCHEME_CHANGED,
      errors: [{ field: '', code: 'schemeChanged', message: SCHEME_CHANGED }, ...lastSendSaid, ...errors],
    },
    values: { ...assessmentDraft(draft) },
  };
}

export const ASSESSMENT_FIELD_MESSAGES: Record<string, string> = {
  ...Object.fromEntries(HARM_ELEMENTS.map((element) => [`harm.${element}`, `Select the ${element} harm`])),
  geographicScope: 'Select the geographic scope',
  victimVulnerability: 'Select the victim vulnerability',
  likelihood: 'Select the likelihood',
  confidence: `Select the confidence (${CONFIDENCE_LEVELS.join(', ')})`,
  ...Object.fromEntries(
    ORGANISATIONAL_POSITION_FACTORS.map((factor) => [
      `organisationalPosition.${factor}`,
      `Select the ${factor.replace(/([A-Z])/g, ' $1').toLowerCase()} score, ${ORGANISATIONAL_POSITION_RANGE.min} to ${ORGANISATIONAL_POSITION_RANGE.max}`,
    ]),
  ),
};
