import type {
  AuditSealingActivities,
  IdempotencyRetentionActivities,
  MeetingActivities,
  NotificationActivities,
  PlanActivities,
  ReferralActivities,
} from '@rocu/contracts';
import type { AuditSealerActivities } from './activities/audit-sealer.activities';
import type { IdempotencyRetentionActivities as RetentionActivities } from './activities/idempotency-retention.activities';
import type { MeetingProjectionActivities } from './activities/meeting-projection.activities';
import type { PlanProjectionActivities } from './activities/plan-projection.activities';
import type { ReferralProjectionActivities } from './activities/referral-projection.activities';
import type { NotificationDeliveryActivities } from './notifications/notification-delivery.activities';

type ActivityFunctions<T> = { [K in keyof T]: T[K] };

/**
 * Binds each activity method to its Nest-managed service, typed by the contracts the workflows use. The names
 * are an object with every activity of the contract as a key, so one left out does not compile (a workflow
 * would otherwise retry an unregistered activity for ever).
 */
function bound<T extends object>(service: T, names: { readonly [K in keyof T]-?: true }): ActivityFunctions<T> {
  return Object.fromEntries(
    Object.keys(names).map((name) => [
      name,
      (service[name as keyof T] as (...args: unknown[]) => unknown).bind(service),
    ]),
  ) as ActivityFunctions<T>;
}

export function workerActivities(
  referral: ReferralProjectionActivities,
  meeting: MeetingProjectionActivities,
  plan: PlanProjectionActivities,
  auditSealer: AuditSealerActivities,
  notification: NotificationDeliveryActivities,
  retention: RetentionActivities,
): ReferralActivities &
  MeetingActivities &
  PlanActivities &
  AuditSealingActivities &
  NotificationActivities &
  IdempotencyRetentionActivities {
  return {
    ...bound<ReferralActivities>(referral, {
      projectSubmission: true,
      projectTransition: true,
      recordDeadlineNotification: true,
      recordNationalResponseNotification: true,
      recordConflictDeclaration: true,
    }),
    ...bound<PlanActivities>(plan, { projectPlanChange: true }),
    ...bound<AuditSealingActivities>(auditSealer, { sealAuditBatch: true }),
    ...bound<IdempotencyRetentionActivities>(retention, { pruneIdempotencyKeys: true }),
    ...bound<MeetingActivities>(meeting, {
      projectMeetingCreated: true,
      freezeAgenda: true,
      projectAttendance: true,
      applyDecision: true,
      projectMeetingClosed: true,
      raiseMeetingFailure: true,
    }),
    ...bound<NotificationActivities>(notification, {
      claimNotifications: true,
      deliverNotification: true,
      recordDeliveryFailure: true,
    }),
  };
}
