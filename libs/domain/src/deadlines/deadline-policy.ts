import { Urgency } from '../referral/referral-status';

/** A deadline is either plain elapsed time (IMMEDIATE work) or whole UK working days. */
export type DurationSpec = { elapsedMs: number } | { workingDays: number };

export interface StagePolicy {
  due: DurationSpec;
  /** Fraction of the time to the deadline at which the assignee is reminded. */
  reminderFraction: number;
}

/** The gateway's stages, whose deadlines depend on urgency. */
export const DEADLINE_STAGES = ['TRIAGE', 'ASSESSMENT'] as const;
export type GatewayStage = (typeof DEADLINE_STAGES)[number];
/**
 * Every stage with a deadline: the gateway's, deciding an IMMEDIATE referral (see decision-deadline), then
 * allocating an SIO after adoption (see plan-policy).
 */
export type DeadlineStage = GatewayStage | 'DECISION' | 'ALLOCATION';

/** The stages in the order a referral meets them, which is the order its deadlines are shown in. */
export const DEADLINE_STAGE_ORDER: readonly DeadlineStage[] = ['TRIAGE', 'ASSESSMENT', 'DECISION', 'ALLOCATION'];

/** Compares two deadlines by their stage's place in the lifecycle (their names' order is not it). */
export const byStageOrder = (a: { stage: string }, b: { stage: string }): number =>
  DEADLINE_STAGE_ORDER.indexOf(a.stage as DeadlineStage) - DEADLINE_STAGE_ORDER.indexOf(b.stage as DeadlineStage);

export type DeadlinePolicy = Record<GatewayStage, StagePolicy>;
export type DeadlinePolicies = Record<Urgency, DeadlinePolicy>;

export const DEFAULT_REMINDER_FRACTION = 0.75;

const HOUR_MS = 3_600_000;

/** Defaults from domain.md section 5; regions may override them through configuration. */
export const DEFAULT_DEADLINE_POLICIES: DeadlinePolicies = {
  IMMEDIATE: {
    TRIAGE: { due: { elapsedMs: 1 * HOUR_MS }, reminderFraction: DEFAULT_REMINDER_FRACTION },
    ASSESSMENT: { due: { elapsedMs: 4 * HOUR_MS }, reminderFraction: DEFAULT_REMINDER_FRACTION },
  },
  PRIORITY: {
    TRIAGE: { due: { workingDays: 1 }, reminderFraction: DEFAULT_REMINDER_FRACTION },
    ASSESSMENT: { due: { workingDays: 5 }, reminderFraction: DEFAULT_REMINDER_FRACTION },
  },
  ROUTINE: {
    TRIAGE: { due: { workingDays: 2 }, reminderFraction: DEFAULT_REMINDER_FRACTION },
    ASSESSMENT: { due: { workingDays: 10 }, reminderFraction: DEFAULT_REMINDER_FRACTION },
  },
};
