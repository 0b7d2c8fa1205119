import { DEFAULT_SCORING_SCHEME } from './default-scheme';
import { gradeOrganisationalPosition, isValidOrganisationalFactor } from './organisational-position';

describe('gradeOrganisationalPosition', () => {
  const grade = (o: number, c1: number, c2: number, r: number) =>
    gradeOrganisationalPosition(
      { opportunity: o, capacity: c1, capability: c2, organisationalRisk: r },
      DEFAULT_SCORING_SCHEME,
    );

  it.each([
    [[4, 4, 4, 4], 16, 'A'],
    [[4, 3, 3, 3], 13, 'A'],
    [[3, 3, 3, 3], 12, 'B'],
    [[3, 3, 2, 2], 10, 'B'],
    [[3, 2, 2, 2], 9, 'C'],
    [[2, 2, 2, 1], 7, 'C'],
    [[2, 2, 1, 1], 6, 'D'],
    [[1, 1, 1, 1], 4, 'D'],
  ] as const)('%j totals %i and grades %s', ([o, c1, c2, r], total, expected) => {
    expect(grade(o, c1, c2, r)).toEqual({ total, grade: expected });
  });

  it('accepts only whole numbers 1-4 per factor', () => {
    expect(isValidOrganisationalFactor(1)).toBe(true);
    expect(isValidOrganisationalFactor(4)).toBe(true);
    expect(isValidOrganisationalFactor(0)).toBe(false);
    expect(isValidOrganisationalFactor(2.5)).toBe(false);
    expect(isValidOrganisationalFactor('3')).toBe(false);
  });
});
