import type { PartnerCheckRecord } from '../../presentation/partner-checks';
import type { MeetingAction, MeetingDecision, MeetingStatus, MeetingType, RatificationOutcome } from '@rocu/domain';

/** The API's answers the chair's pages read (GET /meetings, /meetings/{id}, /meetings/{id}/minutes). */
export interface MeetingSummary {
  id: string;
  region: string;
  type: MeetingType;
  status: MeetingStatus;
  scheduledFor: string;
  papersCloseAt: string;
}

export interface MeetingList {
  items: MeetingSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ScoreBreakdown {
  harmElements?: { element: string; grade: string; points: number; weight: number; weighted: number }[];
  weightedHarm?: number;
  geographicModifier?: number;
  vulnerabilityModifier?: number;
  likelihood?: number;
  explanation?: string;
}

export interface MeetingDecisionRecord {
  referralId: string;
  decision: MeetingDecision;
  rationale: string;
  deviationJustification: string | null;
  /** Why a national tasking request was declined (reported nationally). */
  declineJustification?: string | null;
  onwardReference: string | null;
  passedOver: { referralId: string; rank: number; outcome: string }[];
  ratification: boolean;
  /** On a ratification item: whether the meeting ratified or overturned the urgent decision. */
  ratificationOutcome?: RatificationOutcome | null;
  /** The urgent decision an OVERTURN replaced. */
  overturnedDecision?: MeetingDecision | null;
  decidedByName: string;
  decidedAt: string;
}

export interface AgendaItem {
  referralId: string;
  reference: string;
  kind: 'NEW' | 'RATIFICATION';
  rank: number;
  priority: string;
  riskScore: number;
  breakdown: ScoreBreakdown | null;
  deferrals: number;
  listedAt: string;
  recusedMembers: string[];
  /** The GAIN co-ordinator's partner-agency checks on the item. */
  partnerChecks: PartnerCheckRecord[];
  urgentDecision?: MeetingDecision;
  /** The national priority the item is aligned to (flagged on every agenda). */
  nationalPriority?: string;
  /** NCA_TASKING: a tasking request the NCA made (declining it needs a justification). */
  origin?: 'NCA_TASKING';
  decision?: MeetingDecisionRecord;
  /** Left the meeting undecided (withdrawn, or decided out of it): no longer for this meeting to decide. */
  settledElsewhere: boolean;
}

export interface MeetingAttendee {
  sub: string;
  name: string;
  org: string;
  conflicts: string[];
}

export interface MeetingDetail extends MeetingSummary {
  agendaFrozen: boolean;
  agenda: AgendaItem[];
  reviews: {
    referralId: string;
    reference: string;
    status: string;
    priority?: string | null;
    riskScore?: number | null;
  }[];
  attendees: MeetingAttendee[];
  decisions: MeetingDecisionRecord[];
  availableActions: MeetingAction[];
}
