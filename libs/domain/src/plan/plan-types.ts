/** The 4Ps (domain.md section 3). */
export const PILLARS = ['PURSUE', 'PREVENT', 'PROTECT', 'PREPARE'] as const;
export type Pillar = (typeof PILLARS)[number];

export const ACTION_STATUSES = ['PLANNED', 'ACTIVE', 'COMPLETE', 'ABANDONED'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** An action in one of these states is finished and cannot change again. */
export const FINISHED_ACTION_STATUSES: readonly ActionStatus[] = ['COMPLETE', 'ABANDONED'];

export const SIGNIFICANCES = ['MAJOR', 'MODERATE', 'MINOR'] as const;
export type Significance = (typeof SIGNIFICANCES)[number];

/** The two people who own a plan together: the ROCU's SIO and the force's LRO. */
export type PlanRole = 'SIO' | 'LRO';

export interface Participant {
  sub: string;
  name: string;
  org: string;
}

export interface PlanAction {
  id: string;
  pillar: Pillar;
  description: string;
  ownerOrg: string;
  ownerName: string;
  partners: string[];
  dueAt: string;
  status: ActionStatus;
  outcome?: string;
  /** Starts at 1 and goes up by one per change; a change must name the version it was made against. */
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Disruption {
  id: string;
  pillar: Pillar;
  significance: Significance;
  description: string;
  occurredAt: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ReviewSignature {
  role: PlanRole;
  sub: string;
  name: string;
  summary: string;
  signedAt: string;
}

/** A joint review: opened by the first signature, complete when both SIO and LRO have signed. */
export interface PlanReview {
  id: string;
  openedAt: string;
  signatures: ReviewSignature[];
  completedAt?: string;
}

/** A review cycle that reached its due date without a completed review. */
export interface MissedReview {
  dueAt: string;
  recordedAt: string;
}

const isMember = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
export const isPillar = (value: unknown): value is Pillar => isMember(PILLARS, value);
