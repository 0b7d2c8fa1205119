import { DEFAULT_SCORING_SCHEME, scoreAssessment } from '@rocu/domain';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_RATIONALE } from '../../../../../test/fixtures/worked-example';
import { errorSummary } from '../../errors/error-summary';
import {
  assessmentDraft,
  assessmentRequest,
  missingRationales,
  previewScore,
  staleDraftRefusal,
} from './assessment-form';

/** The worked example of domain.md section 4, as the browser posts it (everything text). */
const POSTED = {
  _csrf: 'token',
  harm: WORKED_EXAMPLE.harm,
  geographicScope: WORKED_EXAMPLE.geographicScope,
  victimVulnerability: WORKED_EXAMPLE.victimVulnerability,
  likelihood: String(WORKED_EXAMPLE.likelihood),
  confidence: WORKED_EXAMPLE.confidence,
  organisationalPosition: { opportunity: '3', capacity: '3', capability: '2', organisationalRisk: '2' },
  route: 'TTCG',
  rationale: { harm: 'Firearms', likelihood: ' Recent intelligence ', route: 'Threshold', confidence: '' },
  stray: 'ignored',
};

describe('assessment form', () => {
  it('turns the posted grid into the API body: numbers as numbers, blank rationales left out, nothing else', () => {
    expect(assessmentRequest(assessmentDraft(POSTED))).toEqual({
      harm: POSTED.harm,
      geographicScope: 'regional',
      victimVulnerability: 'vulnerable',
      likelihood: 4,
      confidence: 'medium',
      organisationalPosition: WORKED_EXAMPLE.organisationalPosition,
      route: 'TTCG',
      rationale: { harm: 'Firearms', likelihood: 'Recent intelligence', route: 'Threshold' },
    });
  });

  it('names every rationale left blank or only spaces, as the API requires each one', () => {
    const draft = assessmentDraft({ ...POSTED, rationale: { ...POSTED.rationale, geographicScope: '   ' } });
    expect(missingRationales(draft)).toEqual([
      {
        field: 'rationale.geographicScope',
        code: 'isNotEmpty',
        message: 'Enter the rationale for the geographic scope',
      },
      {
        field: 'rationale.victimVulnerability',
        code: 'isNotEmpty',
        message: 'Enter the rationale for the victim vulnerability',
      },
      { field: 'rationale.confidence', code: 'isNotEmpty', message: 'Enter the rationale for the confidence' },
      {
        field: 'rationale.organisationalPosition',
        code: 'isNotEmpty',
        message: 'Enter the rationale for the organisational position',
      },
    ]);
    const complete = Object.fromEntries(Object.keys(WORKED_EXAMPLE_RATIONALE).map((element) => [element, 'Reason']));
    expect(missingRationales(assessmentDraft({ ...POSTED, rationale: complete }))).toEqual([]);
  });

  it('previews the score with the domain scoring function and the given scheme (the worked example: 21.2, P2)', () => {
    const preview = previewScore(assessmentDraft(POSTED), DEFAULT_SCORING_SCHEME);
    expect(preview.kind).toBe('SCORED');
    if (preview.kind !== 'SCORED') return;
    expect(preview.result).toMatchObject({ riskScore: 21.2, priority: 'P2' });
    const heavier = { ...DEFAULT_SCORING_SCHEME, harmWeights: { ...DEFAULT_SCORING_SCHEME.harmWeights, financial: 2 } };
    const scored = previewScore(assessmentDraft(POSTED), heavier);
    expect(scored.kind === 'SCORED' && scored.result.riskScore).toBe(
      scoreAssessment(assessmentRequest(assessmentDraft(POSTED)) as never, heavier).riskScore,
    );
  });

  it('names every missing part of an incomplete grid, the route too', () => {
    const preview = previewScore(
      assessmentDraft({ harm: { physical: 'low' }, likelihood: '9' }),
      DEFAULT_SCORING_SCHEME,
    );
    expect(preview.kind).toBe('REFUSED');
    if (preview.kind !== 'REFUSED') return;
    expect(preview.errors.map((error) => error.field)).toEqual([
      'harm.psychological',
      'harm.financial',
      'harm.community',
      'harm.environmental',
      'geographicScope',
      'victimVulnerability',
      'likelihood',
      'confidence',
      'organisationalPosition.opportunity',
      'organisationalPosition.capacity',
      'organisationalPosition.capability',
      'organisationalPosition.organisationalRisk',
      'route',
    ]);
    expect(preview.errors[0].message).toBe('Select the psychological harm');
  });

  it('refuses a complete score with an unknown route', () => {
    const preview = previewScore(assessmentDraft({ ...POSTED, route: 'ELSEWHERE' }), DEFAULT_SCORING_SCHEME);
    expect(preview).toEqual({ kind: 'REFUSED', errors: [expect.objectContaining({ field: 'route' })] });
  });

  it('sends a checked grid the scheme no longer scores back to the grid, saying why, with its grades as chosen', () => {
    const checked = { ...assessmentDraft(POSTED), key: 'the-key', sent: [] };
    const narrower = { ...DEFAULT_SCORING_SCHEME, likelihoodScale: { min: 1, max: 3, labels: {} } };
    const preview = previewScore(checked, narrower);
    expect(preview.kind).toBe('REFUSED');
    if (preview.kind !== 'REFUSED') return;

    const flash = staleDraftRefusal('/gateway/referrals/r1/assessment', checked, preview.errors);
    expect(flash.path).toBe('/gateway/referrals/r1/assessment');
    expect(assessmentDraft(flash.values)).toEqual(assessmentDraft(POSTED));
    expect(flash.values).not.toHaveProperty('key');
    expect(errorSummary(flash.problem).errorList).toEqual([
      { text: expect.stringMatching(/^The scoring scheme changed after you checked the score/), href: '#main-content' },
      { text: expect.any(String), href: '#likelihood' },
    ]);

    // The last send's refusal is said when it names no field; one naming fields is the grid's errors again.
    const sentBefore = { status: 409, detail: 'You sent this form before and it was recorded', code: 'KEY' };
    const told = staleDraftRefusal('/grid', checked, preview.errors, sentBefore);
    expect(errorSummary(told.problem).errorList.map((item) => item.text)).toEqual([
      expect.stringMatching(/^The scoring scheme changed/),
      sentBefore.detail,
      expect.any(String),
    ]);
    const fieldRefusal = { status: 400, detail: 'Bad', errors: [{ field: 'likelihood', code: 'x', message: 'No' }] };
    expect(staleDraftRefusal('/grid', checked, preview.errors, fieldRefusal).problem).toEqual(flash.problem);
  });
});
