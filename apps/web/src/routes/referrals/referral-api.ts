import type { ReferralListItemView } from '@rocu/contracts';

/** The parts of the API's referral responses the web app reads (GET /referrals and GET /referrals/{id}). */
export type ReferralSummary = ReferralListItemView;

/** A page of referrals; each journey reads the fields of the rows it shows. */
export interface ReferralList<Row = ReferralSummary> {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Deadline {
  stage: string;
  dueAt: string;
  status: string;
}

export interface HistoryEntry {
  seq: number;
  from: string | null;
  to: string;
  action: string;
  actor: { sub: string; name: string; org: string };
  at: string;
  reason: string | null;
}

export interface InformationEntry {
  kind: 'REQUEST' | 'RESPONSE';
  /** Left out of an answer when the read withheld the sensitive detail. */
  text?: string;
  at: string;
}

export interface ReferralDetail extends ReferralSummary {
  submission: {
    subject?: { type: string; name: string; existingRef?: string; nominals?: { identifier: string; role: string }[] };
    crimeTypes?: string[];
    forcesAffected?: string[];
    requestedCapabilities?: string[];
    threatToLife?: boolean;
    summary?: string;
  };
  withheld?: { fields: string[]; howToAccess: string };
  submittedBy: { sub: string; name: string };
  deadlines: Deadline[];
  history: HistoryEntry[];
  information: InformationEntry[];
  /** Who runs it once adopted. */
  tasking: { sio: PersonRef | null; lro: PersonRef | null; ratificationPending: boolean };
  availableActions: string[];
}

export interface PersonRef {
  sub: string;
  name: string;
}

/** What POST /referrals answers. */
export interface SubmittedReferral {
  id: string;
  reference: string;
  status: string;
}
