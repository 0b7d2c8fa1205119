import {
  CONFIDENCE_LEVELS,
  GEOGRAPHIC_SCOPES,
  HARM_ELEMENTS,
  HARM_GRADES,
  ORGANISATIONAL_POSITION_FACTORS,
  ROUTES,
  ScoreResult,
  ScoringScheme,
  VICTIM_VULNERABILITIES,
} from '@rocu/domain';
import type { ErrorSummary } from '../../errors/error-summary';
import { labelOf, ROUTE_LABELS } from '../../presentation/referral-labels';
import { AssessmentDraft, RATIONALE_ELEMENTS, RationaleElement, rationaleWords } from './assessment-form';

/** One question of the grid, as a GOV.UK radios macro takes it. */
export interface RadioQuestion {
  name: string;
  idPrefix: string;
  legend: string;
  items: { value: string; text: string; hint?: { text: string }; checked: boolean }[];
  errorMessage?: { text: string };
}

export interface RationaleQuestion {
  name: string;
  id: string;
  label: string;
  value: string;
  errorMessage?: { text: string };
}

export interface AssessmentPageView {
  pageTitle: string;
  reference: string;
  subjectName: string;
  backHref: string;
  previewHref: string;
  reassessment: boolean;
  harm: RadioQuestion[];
  modifiers: RadioQuestion[];
  likelihood: RadioQuestion;
  confidence: RadioQuestion;
  organisationalPosition: RadioQuestion[];
  route: RadioQuestion;
  rationale: Record<RationaleElement, RationaleQuestion>;
  errors?: ErrorSummary;
}

const words = (code: string): string =>
  code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
const sentence = (code: string): string => words(code).replace(/^./, (first) => first.toUpperCase());
const show = (value: number): string => String(Math.round(value * 1000) / 1000);

/**
 * A scale of the scheme in its natural order (least to most), whatever order its JSON keys arrived in
 * (Postgres jsonb reorders them); values the vocabulary does not know come last.
 */
function scale<K extends string>(order: readonly K[], values: Record<string, number>): [string, number][] {
  const rank = (key: string) => {
    const index = (order as readonly string[]).indexOf(key);
    return index === -1 ? order.length : index;
  };
  return Object.entries(values).sort(([a], [b]) => rank(a) - rank(b));
}

const VULNERABILITY_TEXT: Record<string, string> = {
  none: 'None identified',
  vulnerable: 'Vulnerable victims',
  highly_vulnerable: 'Highly vulnerable victims or children',
};
const POSITION_LABELS = ['1 (least favourable)', '2', '3', '4 (most favourable)'];

function radios(
  name: string,
  legend: string,
  options: { value: string; text: string; hint?: string }[],
  selected: unknown,
  errors: ErrorSummary | undefined,
): RadioQuestion {
  const idPrefix = name.replace(/\[(\w+)\]/g, '-$1');
  return {
    name,
    idPrefix,
    legend,
    items: options.map((option) => ({
      value: option.value,
      text: option.text,
      hint: option.hint === undefined ? undefined : { text: option.hint },
      checked: selected === option.value,
    })),
    errorMessage: errors?.byField[idPrefix],
  };
}

/** One free-text rationale per element, each required. */
function rationaleQuestions(
  draft: AssessmentDraft,
  errors?: ErrorSummary,
): Record<RationaleElement, RationaleQuestion> {
  return Object.fromEntries(
    RATIONALE_ELEMENTS.map((element) => {
      const id = `rationale-${element}`;
      const question: RationaleQuestion = {
        name: `rationale[${element}]`,
        id,
        label: `Rationale for the ${rationaleWords(element)}`,
        value: typeof draft.rationale?.[element] === 'string' ? String(draft.rationale[element]) : '',
        errorMessage: errors?.byField[id],
      };
      return [element, question];
    }),
  ) as Record<RationaleElement, RationaleQuestion>;
}

/** Geographic scope and victim vulnerability, each with the multiplier the scheme gives it. */
function modifierQuestions(scheme: ScoringScheme, draft: AssessmentDraft, errors?: ErrorSummary): RadioQuestion[] {
  return [
    radios(
      'geographicScope',
      'Geographic scope',
      scale(GEOGRAPHIC_SCOPES, scheme.geographicModifiers).map(([scope, modifier]) => ({
        value: scope,
        text: sentence(scope),
        hint: `x ${show(modifier)}`,
      })),
      draft.geographicScope,
      errors,
    ),
    radios(
      'victimVulnerability',
      'Victim vulnerability',
      scale(VICTIM_VULNERABILITIES, scheme.vulnerabilityModifiers).map(([vulnerability, modifier]) => ({
        value: vulnerability,
        text: VULNERABILITY_TEXT[vulnerability] ?? sentence(vulnerability),
        hint: `x ${show(modifier)}`,
      })),
      draft.victimVulnerability,
      errors,
    ),
  ];
}

/** Every step of the scheme's likelihood scale, with its label where the scheme has one. */
function likelihoodQuestion(scheme: ScoringScheme, draft: AssessmentDraft, errors?: ErrorSummary): RadioQuestion {
  const { min, max, labels } = scheme.likelihoodScale;
  return radios(
    'likelihood',
    'Likelihood',
    Array.from({ length: max - min + 1 }, (_, index) => {
      const value = min + index;
      const label = labels[value];
      return { value: String(value), text: label ? `${value}: ${label}` : String(value) };
    }),
    draft.likelihood,
    errors,
  );
}

/** The MoRiLE-style grid: every scale and its numbers from the scheme the API publishes. */
export function assessmentPageView(
  referral: { id: string; reference: string; subjectName: string; reassessment: boolean },
  scheme: ScoringScheme,
  draft: AssessmentDraft,
  errors?: ErrorSummary,
): AssessmentPageView {
  const grades = scale(HARM_GRADES, scheme.harmGradePoints).map(([grade, points]) => ({
    value: grade,
    text: sentence(grade),
    hint: `${show(points)} points`,
  }));
  return {
    pageTitle: `${referral.reassessment ? 'Re-assess' : 'Assess'} ${referral.reference}`,
    reference: referral.reference,
    subjectName: referral.subjectName,
    backHref: `/gateway/referrals/${referral.id}`,
    previewHref: `/gateway/referrals/${referral.id}/assessment/preview`,
    reassessment: referral.reassessment,
    harm: HARM_ELEMENTS.map((element) =>
      radios(
        `harm[${element}]`,
        `${sentence(element)} harm (weight ${show(scheme.harmWeights[element])})`,
        grades,
        draft.harm?.[element],
        errors,
      ),
    ),
    modifiers: modifierQuestions(scheme, draft, errors),
    likelihood: likelihoodQuestion(scheme, draft, errors),
    confidence: radios(
      'confidence',
      'Confidence in the intelligence (does not change the score)',
      CONFIDENCE_LEVELS.map((level) => ({ value: level, text: sentence(level) })),
      draft.confidence,
      errors,
    ),
    organisationalPosition: ORGANISATIONAL_POSITION_FACTORS.map((factor) =>
      radios(
        `organisationalPosition[${factor}]`,
        sentence(factor),
        POSITION_LABELS.map((text, index) => ({ value: String(index + 1), text })),
        draft.organisationalPosition?.[factor],
        errors,
      ),
    ),
    route: radios(
      'route',
      'Where the referral goes next',
      ROUTES.map((route) => ({ value: route, text: labelOf(ROUTE_LABELS, route) })),
      draft.route,
      errors,
    ),
    rationale: rationaleQuestions(draft, errors),
    errors,
  };
}

export interface CheckScorePageView {
  pageTitle: string;
  reference: string;
  subjectName: string;
  changeHref: string;
  score: string;
  priority: string;
  explanation: string;
  breakdown: { element: string; grade: string; points: string; weight: string; weighted: string }[];
  factors: { name: string; value: string }[];
  organisationalPosition: string;
  confidence: string;
  recommendations: string[];
  route: string;
  previous?: string;
  errors?: ErrorSummary;
}

/** "Check the score": what the API will record, with its breakdown, before the assessor submits it. */
export function checkScorePageView(
  referral: { id: string; reference: string; subjectName: string; previous?: { riskScore: number; priority: string } },
  result: ScoreResult,
  route: string,
  errors?: ErrorSummary,
): CheckScorePageView {
  const { breakdown } = result;
  return {
    pageTitle: `Check the score for ${referral.reference}`,
    reference: referral.reference,
    subjectName: referral.subjectName,
    changeHref: `/gateway/referrals/${referral.id}/assessment`,
    score: result.riskScore.toFixed(1),
    priority: result.priority,
    explanation: breakdown.explanation,
    breakdown: breakdown.harmElements.map((element) => ({
      element: sentence(element.element),
      grade: sentence(element.grade),
      points: show(element.points),
      weight: show(element.weight),
      weighted: show(element.weighted),
    })),
    factors: [
      { name: 'Weighted harm', value: show(breakdown.weightedHarm) },
      { name: 'Geographic modifier', value: `x ${show(breakdown.geographicModifier)}` },
      { name: 'Vulnerability modifier', value: `x ${show(breakdown.vulnerabilityModifier)}` },
      { name: 'Likelihood', value: `x ${show(breakdown.likelihood)}` },
      { name: 'Raw score', value: `${show(breakdown.rawScore)} of a possible ${show(breakdown.maxRawScore)}` },
    ],
    organisationalPosition: `${result.organisationalPosition.grade} (total ${result.organisationalPosition.total})`,
    confidence: sentence(result.confidence),
    recommendations: result.recommendations.map((code) => sentence(code)),
    route: labelOf(ROUTE_LABELS, route),
    previous: referral.previous
      ? `${referral.previous.riskScore.toFixed(1)} (${referral.previous.priority})`
      : undefined,
    errors,
  };
}
