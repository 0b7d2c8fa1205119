import { DomainError } from '../errors/domain-error';
import {
  ORGANISATIONAL_POSITION_FACTORS,
  ORGANISATIONAL_POSITION_RANGE,
  OrganisationalPositionFactor,
  OrganisationalPositionGrade,
  ScoringScheme,
} from './scoring-scheme';

/** Organisational position informs the decision; it never changes the harm-based risk score. */
export function gradeOrganisationalPosition(
  factors: Record<OrganisationalPositionFactor, number>,
  scheme: ScoringScheme,
): { total: number; grade: OrganisationalPositionGrade } {
  const total = ORGANISATIONAL_POSITION_FACTORS.reduce((sum, factor) => sum + factors[factor], 0);
  const grades = [...scheme.organisationalPositionGrades].sort((a, b) => b.minTotal - a.minTotal);
  const match = grades.find((entry) => total >= entry.minTotal) ?? grades[grades.length - 1];
  if (match === undefined) {
    throw new DomainError(
      'INVALID_SCORING_SCHEME',
      `Scheme ${scheme.id} v${scheme.version} has no organisational position grades.`,
    );
  }
  return { total, grade: match.grade };
}

export function isValidOrganisationalFactor(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= ORGANISATIONAL_POSITION_RANGE.min &&
    value <= ORGANISATIONAL_POSITION_RANGE.max
  );
}
