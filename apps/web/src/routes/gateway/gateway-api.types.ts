import type { AssessmentInput, ScoreBreakdown } from '@rocu/domain';
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
  information: { kind: string; text: string; at: string }[];
  deconfliction?: { reference: string; region: string; basis: string; matchedValue: string }[];
  availableActions: string[];
}
