import {
  CONFIDENCE_LEVELS,
  GEOGRAPHIC_SCOPES,
  HARM_ELEMENTS,
  HARM_GRADES,
  ORGANISATIONAL_POSITION_FACTORS,
  ORGANISATIONAL_POSITION_RANGE,
  VICTIM_VULNERABILITIES,
} from './scoring-scheme';

describe('scoring vocabulary', () => {
  it('orders grades, scopes and vulnerabilities from least to most serious', () => {
    expect(HARM_ELEMENTS).toEqual(['physical', 'psychological', 'financial', 'community', 'environmental']);
    expect(HARM_GRADES).toEqual(['none', 'low', 'moderate', 'substantial', 'critical']);
    expect(GEOGRAPHIC_SCOPES).toEqual(['local', 'force', 'regional', 'national', 'international']);
    expect(VICTIM_VULNERABILITIES).toEqual(['none', 'vulnerable', 'highly_vulnerable']);
    expect(CONFIDENCE_LEVELS).toEqual(['low', 'medium', 'high']);
  });

  it('scores organisational position on four factors of 1-4', () => {
    expect(ORGANISATIONAL_POSITION_FACTORS).toEqual(['opportunity', 'capacity', 'capability', 'organisationalRisk']);
    expect(ORGANISATIONAL_POSITION_RANGE).toEqual({ min: 1, max: 4 });
  });
});
