import { DEFAULT_SCORING_SCHEME } from './default-scheme';
import { HARM_ELEMENTS, HARM_GRADES } from './scoring-scheme';

describe('DEFAULT_SCORING_SCHEME', () => {
  it('is identified and versioned', () => {
    expect(DEFAULT_SCORING_SCHEME.id).toBe('rocu-morile-default');
    expect(DEFAULT_SCORING_SCHEME.version).toBe(1);
  });

  it('uses the numbers of the domain brief', () => {
    expect(HARM_GRADES.map((g) => DEFAULT_SCORING_SCHEME.harmGradePoints[g])).toEqual([0, 1, 2, 4, 8]);
    expect(HARM_ELEMENTS.map((e) => DEFAULT_SCORING_SCHEME.harmWeights[e])).toEqual([1, 1, 1, 1, 0.5]);
    expect(DEFAULT_SCORING_SCHEME.geographicModifiers).toEqual({
      local: 1,
      force: 1.1,
      regional: 1.25,
      national: 1.5,
      international: 1.75,
    });
    expect(DEFAULT_SCORING_SCHEME.vulnerabilityModifiers).toEqual({
      none: 1,
      vulnerable: 1.25,
      highly_vulnerable: 1.5,
    });
    expect(DEFAULT_SCORING_SCHEME.likelihoodScale).toMatchObject({ min: 1, max: 5 });
    expect(DEFAULT_SCORING_SCHEME.priorityBands.map((b) => [b.priority, b.minScore])).toEqual([
      ['P1', 35],
      ['P2', 20],
      ['P3', 10],
      ['P4', 0],
    ]);
    expect(DEFAULT_SCORING_SCHEME.organisationalPositionGrades.map((g) => [g.grade, g.minTotal])).toEqual([
      ['A', 13],
      ['B', 10],
      ['C', 7],
      ['D', 0],
    ]);
  });
});
