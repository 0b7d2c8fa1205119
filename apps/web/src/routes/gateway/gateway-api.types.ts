import type { AssessmentInput, ScoreBreakdown } from '@rocu/domain';
import type { Deadline, HistoryEntry, ReferralList as ReferralPage } from '../referrals/referral-api';

/** The parts of the API's answers the gateway pages read (api-contract.md; the OpenAPI document has all). */
export interface ReferralListItem {
  id: string;
  reference: string;
  status: string;
  urgency: string;
  ownerOrg: string;
  subjectName: string;
  priority: string | null;
  riskScore: number | null;
  submittedAt: string;
  nextDeadlineAt: string | null;
  /** Only for ROCU staff of the referral's region: another referral overlaps this one. */
  deconflicted?: boolean;
}

export type ReferralList = ReferralPage<ReferralListItem>;
export type { Deadline, HistoryEntry };

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

export interface ReferralDetail extends ReferralListItem {
  region: string;
  classification: string;
  subjectType: string;
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
