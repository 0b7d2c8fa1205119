import type { Urgency } from '@rocu/domain';

export type SubjectType = 'OCG' | 'PRIORITY_INDIVIDUAL' | 'VULNERABILITY' | 'OPERATION';
export type NominalRole = 'PRINCIPAL' | 'ASSOCIATE';
export type Classification = 'OFFICIAL' | 'OFFICIAL-SENSITIVE';

export interface IntelligenceItem {
  reference: string;
  grading: { source: '1' | '2' | '3'; information: 'A' | 'B' | 'C' | 'D' | 'E'; handling: 'P' | 'C' };
  conditions?: string;
}

/** A referral as the force or partner agency submitted it, after validation at the API edge. */
export interface ReferralSubmission {
  subject: {
    type: SubjectType;
    name: string;
    existingRef?: string;
    nominals: { identifier: string; role: NominalRole }[];
  };
  crimeTypes: string[];
  forcesAffected: string[];
  requestedCapabilities: string[];
  urgency: Urgency;
  threatToLife: boolean;
  summary: string;
  classification: Classification;
  intelligence: IntelligenceItem[];
  /** The region whose gateway a partner agency chose (forces' referrals are routed by the forces affected). */
  region?: string;
}
