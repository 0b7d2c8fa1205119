import { ScoringScheme } from './scoring-scheme';

/**
 * The shipped default (domain.md section 4). Real MoRiLE scales are not public, so these are
 * sensible, configurable defaults rather than official values.
 */
export const DEFAULT_SCORING_SCHEME: ScoringScheme = {
  id: 'rocu-morile-default',
  version: 1,
  harmGradePoints: { none: 0, low: 1, moderate: 2, substantial: 4, critical: 8 },
  harmWeights: { physical: 1, psychological: 1, financial: 1, community: 1, environmental: 0.5 },
  geographicModifiers: { local: 1, force: 1.1, regional: 1.25, national: 1.5, international: 1.75 },
  vulnerabilityModifiers: { none: 1, vulnerable: 1.25, highly_vulnerable: 1.5 },
  likelihoodScale: {
    min: 1,
    max: 5,
    labels: { 1: 'rare', 2: 'unlikely', 3: 'possible', 4: 'likely', 5: 'almost certain' },
  },
  priorityBands: [
    { priority: 'P1', minScore: 35 },
    { priority: 'P2', minScore: 20 },
    { priority: 'P3', minScore: 10 },
    { priority: 'P4', minScore: 0 },
  ],
  organisationalPositionGrades: [
    { grade: 'A', minTotal: 13 },
    { grade: 'B', minTotal: 10 },
    { grade: 'C', minTotal: 7 },
    { grade: 'D', minTotal: 0 },
  ],
};
