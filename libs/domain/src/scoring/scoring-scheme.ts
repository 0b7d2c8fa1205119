/** Vocabulary of the MoRiLE-style scheme (domain.md section 4). The numbers live in a ScoringScheme. */
export const HARM_ELEMENTS = ['physical', 'psychological', 'financial', 'community', 'environmental'] as const;
export type HarmElement = (typeof HARM_ELEMENTS)[number];

export const HARM_GRADES = ['none', 'low', 'moderate', 'substantial', 'critical'] as const;
export type HarmGrade = (typeof HARM_GRADES)[number];

export const GEOGRAPHIC_SCOPES = ['local', 'force', 'regional', 'national', 'international'] as const;
export type GeographicScope = (typeof GEOGRAPHIC_SCOPES)[number];

export const VICTIM_VULNERABILITIES = ['none', 'vulnerable', 'highly_vulnerable'] as const;
export type VictimVulnerability = (typeof VICTIM_VULNERABILITIES)[number];

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

/** Each scored 1-4, 4 being the most favourable position from which to intervene. */
export const ORGANISATIONAL_POSITION_FACTORS = ['opportunity', 'capacity', 'capability', 'organisationalRisk'] as const;
export type OrganisationalPositionFactor = (typeof ORGANISATIONAL_POSITION_FACTORS)[number];
export const ORGANISATIONAL_POSITION_RANGE = { min: 1, max: 4 } as const;

export type OrganisationalPositionGrade = 'A' | 'B' | 'C' | 'D';

/**
 * A versioned scoring scheme. Assessments record the id and version they were scored with, so a
 * scheme is never edited in place: publish a new version instead.
 */
export interface ScoringScheme {
  id: string;
  version: number;
  harmGradePoints: Record<HarmGrade, number>;
  harmWeights: Record<HarmElement, number>;
  geographicModifiers: Record<GeographicScope, number>;
  vulnerabilityModifiers: Record<VictimVulnerability, number>;
  likelihoodScale: { min: number; max: number; labels: Record<number, string> };
  /** Checked highest minScore first; the lowest band should start at 0. */
  priorityBands: readonly { priority: Priority; minScore: number }[];
  /** Checked highest minTotal first; the lowest grade should start at 0. */
  organisationalPositionGrades: readonly { grade: OrganisationalPositionGrade; minTotal: number }[];
}

export interface AssessmentInput {
  harm: Record<HarmElement, HarmGrade>;
  geographicScope: GeographicScope;
  victimVulnerability: VictimVulnerability;
  likelihood: number;
  confidence: Confidence;
  organisationalPosition: Record<OrganisationalPositionFactor, number>;
}

export interface HarmElementScore {
  element: HarmElement;
  grade: HarmGrade;
  points: number;
  weight: number;
  weighted: number;
}

export interface ScoreBreakdown {
  harmElements: HarmElementScore[];
  weightedHarm: number;
  geographicModifier: number;
  vulnerabilityModifier: number;
  likelihood: number;
  rawScore: number;
  maxRawScore: number;
  explanation: string;
}

export interface ScoreResult {
  riskScore: number;
  priority: Priority;
  breakdown: ScoreBreakdown;
  organisationalPosition: { total: number; grade: OrganisationalPositionGrade };
  confidence: Confidence;
  recommendations: string[];
  scheme: { id: string; version: number };
}

/** Recommendation codes attached to a score. */
export const RECOMMENDATIONS = { INTELLIGENCE_DEVELOPMENT: 'INTELLIGENCE_DEVELOPMENT' } as const;
