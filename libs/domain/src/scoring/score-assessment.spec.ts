import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { DEFAULT_SCORING_SCHEME } from './default-scheme';
import { maxRawScore, priorityForScore, scoreAssessment } from './score-assessment';
import {
  AssessmentInput,
  CONFIDENCE_LEVELS,
  GEOGRAPHIC_SCOPES,
  HARM_ELEMENTS,
  HARM_GRADES,
  HarmElement,
  HarmGrade,
  VICTIM_VULNERABILITIES,
} from './scoring-scheme';
import { WORKED_EXAMPLE } from '../../../../test/fixtures/worked-example';

const workedExample = WORKED_EXAMPLE;

describe('maxRawScore', () => {
  it('is 36 x 1.75 x 1.5 x 5 = 472.5 for the default scheme', () => {
    expect(maxRawScore(DEFAULT_SCORING_SCHEME)).toBe(472.5);
  });
});

describe('scoreAssessment', () => {
  it('scores the worked example 21.2 (P2) with an explainable breakdown', () => {
    const result = scoreAssessment(workedExample);
    expect(result.riskScore).toBe(21.2);
    expect(result.priority).toBe('P2');
    expect(result.breakdown).toMatchObject({
      weightedHarm: 16,
      geographicModifier: 1.25,
      vulnerabilityModifier: 1.25,
      likelihood: 4,
      rawScore: 100,
      maxRawScore: 472.5,
    });
    expect(result.breakdown.harmElements.find((h) => h.element === 'financial')).toEqual({
      element: 'financial',
      grade: 'critical',
      points: 8,
      weight: 1,
      weighted: 8,
    });
    expect(result.breakdown.explanation).toBe(
      'Harm 16 (physical substantial 4, psychological moderate 2, financial critical 8, community moderate 2)' +
        ' x regional 1.25 x vulnerable 1.25 x likelihood 4 (likely) = 100 of a possible 472.5 -> risk score 21.2 (P2).',
    );
    expect(result.organisationalPosition).toEqual({ total: 10, grade: 'B' }); // 3 + 3 + 2 + 2
    expect(result.scheme).toEqual({ id: 'rocu-morile-default', version: 1 });
    expect(result.recommendations).toEqual([]);
    expect(result.confidence).toBe('medium');
  });

  it('scores everything critical at the maximum as 100 (P1)', () => {
    const harm = Object.fromEntries(HARM_ELEMENTS.map((e) => [e, 'critical'])) as Record<HarmElement, HarmGrade>;
    const result = scoreAssessment({
      ...workedExample,
      harm,
      geographicScope: 'international',
      victimVulnerability: 'highly_vulnerable',
      likelihood: 5,
    });
    expect(result.riskScore).toBe(100);
    expect(result.priority).toBe('P1');
    expect(result.breakdown.explanation).toContain('environmental critical 8 x 0.5');
  });

  it('scores no harm as 0 (P4)', () => {
    const harm = Object.fromEntries(HARM_ELEMENTS.map((e) => [e, 'none'])) as Record<HarmElement, HarmGrade>;
    const result = scoreAssessment({ ...workedExample, harm });
    expect(result.riskScore).toBe(0);
    expect(result.priority).toBe('P4');
    expect(result.breakdown.explanation).toMatch(/^Harm 0 \(none identified\)/);
  });

  it.each([
    [100, 'P1'],
    [35, 'P1'],
    [34.9, 'P2'],
    [20, 'P2'],
    [19.9, 'P3'],
    [10, 'P3'],
    [9.9, 'P4'],
    [0, 'P4'],
  ] as const)('bands a score of %d as %s', (score, priority) => {
    expect(priorityForScore(score)).toBe(priority);
  });

  it('adds an intelligence development recommendation for low confidence only', () => {
    expect(scoreAssessment({ ...workedExample, confidence: 'low' }).recommendations).toEqual([
      'INTELLIGENCE_DEVELOPMENT',
    ]);
    expect(scoreAssessment({ ...workedExample, confidence: 'high' }).recommendations).toEqual([]);
  });

  it('scores with a supplied scheme and records its id and version', () => {
    const scheme = {
      ...DEFAULT_SCORING_SCHEME,
      id: 'yhrocu-2026',
      version: 3,
      harmWeights: { ...DEFAULT_SCORING_SCHEME.harmWeights, environmental: 1 },
    };
    const result = scoreAssessment(workedExample, scheme);
    expect(result.scheme).toEqual({ id: 'yhrocu-2026', version: 3 });
    expect(result.breakdown.maxRawScore).toBe(40 * 1.75 * 1.5 * 5);
  });

  it('rejects invalid input with per-field errors', () => {
    const bad = {
      ...workedExample,
      harm: { ...workedExample.harm, physical: 'extreme' },
      likelihood: 6,
      organisationalPosition: { ...workedExample.organisationalPosition, capacity: 0 },
    } as unknown as AssessmentInput;
    let caught: unknown;
    try {
      scoreAssessment(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const error = caught as DomainError;
    expect(error.code).toBe('INVALID_ASSESSMENT');
    expect(error.details?.['errors']).toEqual([
      expect.objectContaining({ field: 'harm.physical' }),
      expect.objectContaining({ field: 'likelihood' }),
      expect.objectContaining({ field: 'organisationalPosition.capacity' }),
    ]);
  });

  it('rejects a fractional likelihood', () => {
    expect(() => scoreAssessment({ ...workedExample, likelihood: 2.5 })).toThrow(/likelihood/);
  });
});

describe('scoreAssessment properties', () => {
  const harmArb = fc.record(
    Object.fromEntries(HARM_ELEMENTS.map((e) => [e, fc.constantFrom(...HARM_GRADES)])) as Record<
      HarmElement,
      fc.Arbitrary<HarmGrade>
    >,
  );
  const factor = fc.integer({ min: 1, max: 4 });
  const inputArb: fc.Arbitrary<AssessmentInput> = fc.record({
    harm: harmArb,
    geographicScope: fc.constantFrom(...GEOGRAPHIC_SCOPES),
    victimVulnerability: fc.constantFrom(...VICTIM_VULNERABILITIES),
    likelihood: fc.integer({ min: 1, max: 5 }),
    confidence: fc.constantFrom(...CONFIDENCE_LEVELS),
    organisationalPosition: fc.record({
      opportunity: factor,
      capacity: factor,
      capability: factor,
      organisationalRisk: factor,
    }),
  });
  const raise = <T>(list: readonly T[], value: T): T => list[Math.min(list.indexOf(value) + 1, list.length - 1)];

  it('always scores within 0..100 to one decimal', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { riskScore } = scoreAssessment(input);
        expect(riskScore).toBeGreaterThanOrEqual(0);
        expect(riskScore).toBeLessThanOrEqual(100);
        expect(Math.round(riskScore * 10) / 10).toBe(riskScore);
      }),
    );
  });

  it('never lowers the score when one harm grade is raised', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...HARM_ELEMENTS), (input, element) => {
        const raised = { ...input, harm: { ...input.harm, [element]: raise(HARM_GRADES, input.harm[element]) } };
        expect(scoreAssessment(raised).riskScore).toBeGreaterThanOrEqual(scoreAssessment(input).riskScore);
      }),
    );
  });

  it('never lowers the score when a modifier or the likelihood is raised', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom('geographicScope', 'victimVulnerability', 'likelihood'), (input, which) => {
        const raised: AssessmentInput =
          which === 'geographicScope'
            ? { ...input, geographicScope: raise(GEOGRAPHIC_SCOPES, input.geographicScope) }
            : which === 'victimVulnerability'
              ? { ...input, victimVulnerability: raise(VICTIM_VULNERABILITIES, input.victimVulnerability) }
              : { ...input, likelihood: Math.min(input.likelihood + 1, 5) };
        expect(scoreAssessment(raised).riskScore).toBeGreaterThanOrEqual(scoreAssessment(input).riskScore);
      }),
    );
  });

  it('never changes the score or priority with confidence', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...CONFIDENCE_LEVELS), (input, confidence) => {
        const a = scoreAssessment(input);
        const b = scoreAssessment({ ...input, confidence });
        expect(b.riskScore).toBe(a.riskScore);
        expect(b.priority).toBe(a.priority);
        expect(b.breakdown).toEqual(a.breakdown);
      }),
    );
  });

  it('never lets organisational position change the score', () => {
    fc.assert(
      fc.property(inputArb, inputArb, (a, b) => {
        expect(scoreAssessment({ ...a, organisationalPosition: b.organisationalPosition }).riskScore).toBe(
          scoreAssessment(a).riskScore,
        );
      }),
    );
  });
});
