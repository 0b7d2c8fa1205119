import { anomalyFlags, DEFAULT_ANOMALY_THRESHOLDS } from './access-anomalies';

const quiet = { reads: 3, readsOutsideOwnWork: 0, refusals: 0, unjustifiedSensitiveReads: 0 };

describe('anomalyFlags', () => {
  it('flags nothing for ordinary work', () => {
    expect(anomalyFlags(quiet)).toEqual([]);
  });

  it('flags each pattern at its threshold', () => {
    expect(anomalyFlags({ ...quiet, refusals: DEFAULT_ANOMALY_THRESHOLDS.REPEATED_REFUSALS })).toEqual([
      'REPEATED_REFUSALS',
    ]);
    expect(anomalyFlags({ ...quiet, readsOutsideOwnWork: 20 })).toEqual(['BROAD_READING']);
    expect(anomalyFlags({ ...quiet, unjustifiedSensitiveReads: 10, refusals: 4 })).toEqual([
      'UNJUSTIFIED_SENSITIVE_READS',
    ]);
  });

  it('takes other thresholds', () => {
    expect(
      anomalyFlags(
        { ...quiet, refusals: 1 },
        { REPEATED_REFUSALS: 1, BROAD_READING: 99, UNJUSTIFIED_SENSITIVE_READS: 99 },
      ),
    ).toEqual(['REPEATED_REFUSALS']);
  });
});
