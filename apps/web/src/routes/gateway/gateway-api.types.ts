import type { AssessmentInput, ScoreBreakdown } from '@rocu/domain';
import type { PartnerCheckRecord } from '../../presentation/partner-checks';
import type { Deadline, HistoryEntry, ReferralSummary } from '../referrals/referral-api';

/** The parts of the API's answers the gateway pages read (api-contract.md; the OpenAPI document has all). */
export type { Deadline, HistoryEntry, ReferralList, ReferralSummary } from '../referrals/referral-api';

export interface IntelligenceItem {
  reference: string;
  grading: Record<string, string>;
  conditions?: string;
}

export interface AssessmentView {
  riskScore: number;
  priority: string;
  breakdown: ScoreBreakdown;
  confidence: string;
  organisationalPositionGrade: string;
  recommendations: string[];
  route: string;
  rationale: Record<string, string>;
  input: AssessmentInput;
  version: number;
}

export interface AssessmentHistoryEntry {
  version: number;
  riskScore: number;
  priority: string;
  scheme: { id: string; version: number };
  route: string;
  assessedBy: { name: string };
  assessedAt: string;
}

export interface ReferralDetail extends ReferralSummary {
  submission: {
    summary?: string;
    intelligence?: IntelligenceItem[];
    crimeTypes?: string[];
    forcesAffected?: string[];
    requestedCapabilities?: string[];
    threatToLife?: boolean;
  };
  withheld?: { fields: string[]; howToAccess: string };
  submittedBy: { name: string };
  deadlines: Deadline[];
  history: HistoryEntry[];
  assessment: AssessmentView | null;
  assessmentHistory: AssessmentHistoryEntry[];
  /** A force's answer has no text when the read withheld the sensitive detail. */
  information: { kind: string; text?: string; at: string }[];
  deconfliction?: { reference: string; region: string; basis: string; matchedValue: string }[];
  /** The GAIN co-ordinator's checks (the region's staff only). */
  partnerChecks?: PartnerCheckRecord[];
  /** The partner a GAIN disposal sent it to, and the partner's (or the NCA's) reference. */
  disposedTo: string | null;
  onwardReference: string | null;
  /** Sent national: when, when the NCA's answer is due (null once answered), and its reference once accepted. */
  national: {
    referredAt: string;
    responseDueAt: string | null;
    reference: string | null;
    acceptedAt: string | null;
  } | null;
  availableActions: string[];
}
