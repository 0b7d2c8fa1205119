/** One person's access over a window, from the audit log. */
export interface AccessStats {
  reads: number;
  /** Distinct referrals read that the person never acted on (outside their own work). */
  readsOutsideOwnWork: number;
  refusals: number;
  /** Reads of OFFICIAL-SENSITIVE referrals made without a justification (the detail was withheld). */
  unjustifiedSensitiveReads: number;
}

export type AnomalyFlag = 'REPEATED_REFUSALS' | 'BROAD_READING' | 'UNJUSTIFIED_SENSITIVE_READS';

/** Default thresholds per window; counter-corruption teams tune these. */
export const DEFAULT_ANOMALY_THRESHOLDS: Readonly<Record<AnomalyFlag, number>> = {
  REPEATED_REFUSALS: 5,
  BROAD_READING: 20,
  UNJUSTIFIED_SENSITIVE_READS: 10,
};

/** Why a person's access pattern deserves an auditor's look (empty: nothing unusual). */
export function anomalyFlags(stats: AccessStats, thresholds = DEFAULT_ANOMALY_THRESHOLDS): AnomalyFlag[] {
  const flags: AnomalyFlag[] = [];
  if (stats.refusals >= thresholds.REPEATED_REFUSALS) flags.push('REPEATED_REFUSALS');
  if (stats.readsOutsideOwnWork >= thresholds.BROAD_READING) flags.push('BROAD_READING');
  if (stats.unjustifiedSensitiveReads >= thresholds.UNJUSTIFIED_SENSITIVE_READS)
    flags.push('UNJUSTIFIED_SENSITIVE_READS');
  return flags;
}
