import { DEFAULT_SCORING_SCHEME, HARM_GRADES, ScoringScheme, scoreAssessment } from '@rocu/domain';
import { WORKED_EXAMPLE } from '../../../../../test/fixtures/worked-example';
import { errorSummary, fieldId } from '../../errors/error-summary';
import { assessmentPageView, checkScorePageView } from './assessment.view-model';

const referral = { id: 'r1', reference: 'YHROCU-2026-000001', subjectName: 'Op Kestrel', reassessment: false };

/** The scheme as it comes back from Postgres jsonb: keys reordered (shorter first). */
const reordered: ScoringScheme = {
  ...DEFAULT_SCORING_SCHEME,
  harmGradePoints: { low: 1, none: 0, critical: 8, moderate: 2, substantial: 4 },
};

describe('assessment grid', () => {
  it('offers each scale least to most, whatever order the scheme keys arrived in, with the scheme numbers', () => {
    const view = assessmentPageView(referral, reordered, {});
    const physical = view.harm[0];
    expect(physical.items.map((item) => item.value)).toEqual([...HARM_GRADES]);
    expect(physical.items.map((item) => item.hint?.text)).toEqual([
      '0 points',
      '1 points',
      '2 points',
      '4 points',
      '8 points',
    ]);
    expect(view.harm[4].legend).toBe('Environmental harm (weight 0.5)');
    expect(view.modifiers[0].items.map((item) => item.value)).toEqual([
      'local',
      'force',
      'regional',
      'national',
      'international',
    ]);
    expect(view.likelihood.items.map((item) => item.value)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('names every field as the error summary links to it, keeps what was chosen and shows each error', () => {
    const errors = errorSummary({
      detail: 'bad',
      errors: [
        { field: 'harm.physical', code: 'invalid', message: 'Select the physical harm' },
        { field: 'organisationalPosition.capacity', code: 'invalid', message: 'Select the capacity score' },
        { field: 'rationale.harm', code: 'required', message: 'rationale.harm is required' },
      ],
    });
    const view = assessmentPageView(referral, DEFAULT_SCORING_SCHEME, { geographicScope: 'regional' }, errors);
    expect(view.harm[0]).toMatchObject({
      idPrefix: fieldId('harm.physical'),
      errorMessage: { text: 'Select the physical harm' },
    });
    expect(view.organisationalPosition[1]).toMatchObject({
      name: 'organisationalPosition[capacity]',
      idPrefix: fieldId('organisationalPosition.capacity'),
      errorMessage: { text: 'Select the capacity score' },
    });
    expect(view.rationale.harm).toMatchObject({
      id: fieldId('rationale.harm'),
      errorMessage: { text: 'rationale.harm is required' },
    });
    // Every rationale is asked for, as the API requires each: none says "(optional)".
    expect(view.rationale.confidence.label).toBe('Rationale for the confidence');
    expect(view.rationale.geographicScope.label).toBe('Rationale for the geographic scope');
    expect(view.modifiers[0].items.find((item) => item.checked)?.value).toBe('regional');
  });

  it('checks the score with its breakdown and the previous score', () => {
    const result = scoreAssessment({ ...WORKED_EXAMPLE, confidence: 'low' });
    const view = checkScorePageView({ ...referral, previous: { riskScore: 26.5, priority: 'P2' } }, result, 'TTCG');
    expect(view).toMatchObject({
      score: '21.2',
      priority: 'P2',
      previous: '26.5 (P2)',
      route: 'TTCG (tasking and co-ordination group)',
    });
    expect(view.breakdown[2]).toEqual({
      element: 'Financial',
      grade: 'Critical',
      points: '8',
      weight: '1',
      weighted: '8',
    });
    expect(view.factors.at(-1)).toEqual({ name: 'Raw score', value: '100 of a possible 472.5' });
    expect(view.recommendations).toEqual(['Intelligence development']);
  });
});
