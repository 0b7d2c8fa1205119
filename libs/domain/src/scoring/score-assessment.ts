import { DomainError } from '../errors/domain-error';
import { DEFAULT_SCORING_SCHEME } from './default-scheme';
import { gradeOrganisationalPosition, isValidOrganisationalFactor } from './organisational-position';
import {
  AssessmentInput,
  CONFIDENCE_LEVELS,
  HARM_ELEMENTS,
  HarmElementScore,
  ORGANISATIONAL_POSITION_FACTORS,
  Priority,
  RECOMMENDATIONS,
  ScoreResult,
  ScoringScheme,
} from './scoring-scheme';

const maxOf = (values: Record<string, number>): number => Math.max(...Object.values(values));

/** The raw score with every element critical, the largest modifiers and the top likelihood. */
export function maxRawScore(scheme: ScoringScheme): number {
  const maxHarm = HARM_ELEMENTS.reduce(
    (sum, element) => sum + maxOf(scheme.harmGradePoints) * scheme.harmWeights[element],
    0,
  );
  return (
    maxHarm * maxOf(scheme.geographicModifiers) * maxOf(scheme.vulnerabilityModifiers) * scheme.likelihoodScale.max
  );
}

/** Rounded to one decimal, as stored and shown. */
function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Trims floating noise for human-readable text (e.g. 1.1 * 4 = 4.4000000000000004). */
function show(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}

/** The first priority band (highest minScore first) that the score reaches. */
export function priorityForScore(riskScore: number, scheme: ScoringScheme = DEFAULT_SCORING_SCHEME): Priority {
  const bands = [...scheme.priorityBands].sort((a, b) => b.minScore - a.minScore);
  const band = bands.find((entry) => riskScore >= entry.minScore) ?? bands[bands.length - 1];
  if (band === undefined) {
    throw new DomainError('INVALID_SCORING_SCHEME', `Scheme ${scheme.id} v${scheme.version} has no priority bands.`);
  }
  return band.priority;
}

interface FieldError {
  field: string;
  message: string;
}

/** Runtime guard: input arrives as JSON at the edge, so the types alone do not protect the maths. */
function validate(input: AssessmentInput, scheme: ScoringScheme): void {
  const errors: FieldError[] = [];
  for (const element of HARM_ELEMENTS) {
    const grade = input.harm?.[element];
    if (typeof grade !== 'string' || !Object.hasOwn(scheme.harmGradePoints, grade)) {
      errors.push({
        field: `harm.${element}`,
        message: `must be one of ${Object.keys(scheme.harmGradePoints).join(', ')}`,
      });
    }
  }
  if (!Object.hasOwn(scheme.geographicModifiers, input.geographicScope)) {
    errors.push({
      field: 'geographicScope',
      message: `must be one of ${Object.keys(scheme.geographicModifiers).join(', ')}`,
    });
  }
  if (!Object.hasOwn(scheme.vulnerabilityModifiers, input.victimVulnerability)) {
    errors.push({
      field: 'victimVulnerability',
      message: `must be one of ${Object.keys(scheme.vulnerabilityModifiers).join(', ')}`,
    });
  }
  const { min, max } = scheme.likelihoodScale;
  if (!Number.isInteger(input.likelihood) || input.likelihood < min || input.likelihood > max) {
    errors.push({ field: 'likelihood', message: `must be a whole number from ${min} to ${max}` });
  }
  if (!(CONFIDENCE_LEVELS as readonly string[]).includes(input.confidence)) {
    errors.push({ field: 'confidence', message: `must be one of ${CONFIDENCE_LEVELS.join(', ')}` });
  }
  for (const factor of ORGANISATIONAL_POSITION_FACTORS) {
    if (!isValidOrganisationalFactor(input.organisationalPosition?.[factor])) {
      errors.push({ field: `organisationalPosition.${factor}`, message: 'must be a whole number from 1 to 4' });
    }
  }
  if (errors.length > 0) {
    throw new DomainError(
      'INVALID_ASSESSMENT',
      `Invalid assessment: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`,
      { errors },
    );
  }
}

function explain(
  harmElements: HarmElementScore[],
  input: AssessmentInput,
  parts: {
    weightedHarm: number;
    geo: number;
    vuln: number;
    raw: number;
    max: number;
    riskScore: number;
    priority: Priority;
  },
  scheme: ScoringScheme,
): string {
  const graded = harmElements
    .filter((h) => h.points > 0)
    .map((h) => `${h.element} ${h.grade} ${show(h.points)}${h.weight === 1 ? '' : ` x ${show(h.weight)}`}`);
  const harm =
    graded.length > 0 ? `Harm ${show(parts.weightedHarm)} (${graded.join(', ')})` : 'Harm 0 (none identified)';
  const label = scheme.likelihoodScale.labels[input.likelihood];
  const likelihood = `likelihood ${input.likelihood}${label === undefined ? '' : ` (${label})`}`;
  const vulnerability =
    input.victimVulnerability === 'none' ? 'no identified vulnerability' : input.victimVulnerability.replace(/_/g, ' ');
  return (
    `${harm} x ${input.geographicScope} ${show(parts.geo)} x ${vulnerability} ${show(parts.vuln)} x ${likelihood}` +
    ` = ${show(parts.raw)} of a possible ${show(parts.max)} -> risk score ${parts.riskScore.toFixed(1)} (${parts.priority}).`
  );
}

/**
 * MoRiLE-style score (domain.md section 4):
 * riskScore = 100 x weightedHarm x geographic x vulnerability x likelihood / maxRawScore, to one decimal.
 * Confidence is reported beside the score and never changes it.
 */
export function scoreAssessment(input: AssessmentInput, scheme: ScoringScheme = DEFAULT_SCORING_SCHEME): ScoreResult {
  validate(input, scheme);
  const max = maxRawScore(scheme);
  if (!(max > 0)) {
    throw new DomainError(
      'INVALID_SCORING_SCHEME',
      `Scheme ${scheme.id} v${scheme.version} has a maximum raw score of ${max}.`,
    );
  }

  const harmElements = HARM_ELEMENTS.map((element): HarmElementScore => {
    const grade = input.harm[element];
    const points = scheme.harmGradePoints[grade];
    const weight = scheme.harmWeights[element];
    return { element, grade, points, weight, weighted: points * weight };
  });
  const weightedHarm = harmElements.reduce((sum, h) => sum + h.weighted, 0);
  const geo = scheme.geographicModifiers[input.geographicScope];
  const vuln = scheme.vulnerabilityModifiers[input.victimVulnerability];
  const raw = weightedHarm * geo * vuln * input.likelihood;
  const riskScore = roundScore((100 * raw) / max);
  const priority = priorityForScore(riskScore, scheme);

  return {
    riskScore,
    priority,
    breakdown: {
      harmElements,
      weightedHarm,
      geographicModifier: geo,
      vulnerabilityModifier: vuln,
      likelihood: input.likelihood,
      rawScore: raw,
      maxRawScore: max,
      explanation: explain(harmElements, input, { weightedHarm, geo, vuln, raw, max, riskScore, priority }, scheme),
    },
    organisationalPosition: gradeOrganisationalPosition(input.organisationalPosition, scheme),
    confidence: input.confidence,
    recommendations: input.confidence === 'low' ? [RECOMMENDATIONS.INTELLIGENCE_DEVELOPMENT] : [],
    scheme: { id: scheme.id, version: scheme.version },
  };
}
