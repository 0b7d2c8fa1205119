import {
  FINISHED_ACTION_STATUSES,
  PILLARS,
  type ActionStatus,
  type Pillar,
  type PlanRole,
  type Significance,
} from '@rocu/domain';
import type { SignedInUser } from '../../auth/web-session';
import type { Tag } from '../../presentation/referral-labels';
import { errorSummary } from '../../errors/error-summary';
import type { FormFlash } from '../../errors/form-state';
import type { Plan, PlanAction } from './plan-api';

export const PILLAR_LABELS: Record<Pillar, string> = {
  PURSUE: 'Pursue',
  PREVENT: 'Prevent',
  PROTECT: 'Protect',
  PREPARE: 'Prepare',
};

export const PILLAR_HINTS: Record<Pillar, string> = {
  PURSUE: 'Prosecuting and disrupting the group',
  PREVENT: 'Stopping people being drawn into it',
  PROTECT: 'Making people, places and systems harder to target',
  PREPARE: 'Reducing the harm when it happens',
};

export const ACTION_STATUS_TAGS: Record<ActionStatus, Tag> = {
  PLANNED: { text: 'Planned', classes: 'govuk-tag--blue' },
  ACTIVE: { text: 'Active', classes: 'govuk-tag--green' },
  COMPLETE: { text: 'Complete', classes: 'govuk-tag--grey' },
  ABANDONED: { text: 'Abandoned', classes: 'govuk-tag--red' },
};

export const SIGNIFICANCE_LABELS: Record<Significance, string> = {
  MAJOR: 'Major',
  MODERATE: 'Moderate',
  MINOR: 'Minor',
};

export const planPath = (referralId: string): string => `/referrals/${referralId}/plan`;

/** The plan role the signed-in person holds on it, if they are its own SIO or LRO (the API decides again on every change). */
export function ownerRole(plan: Plan, user: SignedInUser | undefined): PlanRole | undefined {
  if (user?.sub === plan.sio.sub && user.roles.includes('SIO')) return 'SIO';
  if (user?.sub === plan.lro.sub && user.roles.includes('LRO') && user.org === plan.lro.org) return 'LRO';
  return undefined;
}

/** An action can change while the plan is open and the action is not finished. */
export const isChangeable = (plan: Plan, action: PlanAction): boolean =>
  plan.status === 'OPEN' && !FINISHED_ACTION_STATUSES.includes(action.status);

/** The open joint review (at most one), and who has still to sign it. */
function openReview(plan: Plan) {
  const open = plan.reviews.find((review) => !review.complete);
  if (!open) return undefined;
  const signed = new Set(open.signatures.map((signature) => signature.role));
  const owners: PlanRole[] = ['SIO', 'LRO'];
  return { ...open, waitingFor: owners.filter((role) => !signed.has(role)) };
}

/** The chart's drawing width for the largest count (SVG user units; the bars scale to it). */
const BAR_WIDTH = 300;

/** The plan's actions and disruptions per pillar, with the chart's two bars for each. */
function balanceOf(plan: Plan) {
  const counts = PILLARS.map((pillar) => ({
    pillar: PILLAR_LABELS[pillar],
    actions: plan.balance[pillar]?.actions.total ?? 0,
    disruptions: plan.balance[pillar]?.disruptions.total ?? 0,
  }));
  const largest = Math.max(1, ...counts.flatMap((count) => [count.actions, count.disruptions]));
  const width = (count: number) => Math.round((count / largest) * BAR_WIDTH);
  return counts.map((count) => ({
    ...count,
    bars: [
      { className: 'app-chart__bar--actions', width: width(count.actions), count: count.actions },
      { className: 'app-chart__bar--disruptions', width: width(count.disruptions), count: count.disruptions },
    ],
  }));
}

/**
 * The 4P plan as its SIO and LRO work on it (and region staff and the referring force read it): who owns it,
 * when the joint review is due, its balance across the four pillars (a chart with its table beside it), the
 * actions per pillar, disruptions, and the reviews.
 */
export function planView(
  plan: Plan,
  reference: string,
  user: SignedInUser | undefined,
  shown: { notice?: string; refused?: FormFlash } = {},
  now = new Date(),
) {
  const role = ownerRole(plan, user);
  const editable = plan.status === 'OPEN' && role !== undefined;
  const open = openReview(plan);
  // This cycle has had its review: the next one cannot be opened before the API's time (one review per cycle).
  const reviewOpensAt =
    !open && plan.nextReviewOpensAt !== null && new Date(plan.nextReviewOpensAt) > now
      ? plan.nextReviewOpensAt
      : undefined;
  return {
    pageTitle: `4P plan: ${reference}`,
    contentWidth: 'full',
    notice: shown.notice,
    errors: shown.refused && errorSummary(shown.refused.problem),
    reference,
    referralId: plan.referralId,
    closed: plan.status === 'CLOSED',
    editable,
    // An owner who has signed the open review waits for the other; the API refuses a second signature.
    canSign:
      editable &&
      reviewOpensAt === undefined &&
      !open?.signatures.some((signature) => signature.role === role && signature.sub === user?.sub),
    reviewOpensAt,
    sio: plan.sio.name,
    lro: plan.lro.name,
    nextReviewDueAt: plan.nextReviewDueAt,
    reviewOverdue: plan.reviewOverdue,
    balance: balanceOf(plan),
    pillars: PILLARS.map((pillar) => ({
      label: PILLAR_LABELS[pillar],
      actions: plan.actions
        .filter((action) => action.pillar === pillar)
        .map((action) => ({
          ...action,
          status: ACTION_STATUS_TAGS[action.status],
          changeHref: editable && isChangeable(plan, action) ? `${planPath(plan.referralId)}/actions/${action.id}` : '',
        })),
    })),
    disruptions: plan.disruptions.map((disruption) => ({
      ...disruption,
      pillar: PILLAR_LABELS[disruption.pillar],
      significance: SIGNIFICANCE_LABELS[disruption.significance],
    })),
    openReview: open,
    completedReviews: plan.reviews.filter((review) => review.complete).reverse(),
  };
}

export type PlanView = ReturnType<typeof planView>;
