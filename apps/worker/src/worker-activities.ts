import type {
  AuditSealingActivities,
  MeetingActivities,
  NotificationActivities,
  PlanActivities,
  ReferralActivities,
} from '@rocu/contracts';
import type { AuditSealerActivities } from './activities/audit-sealer.activities';
import type { MeetingProjectionActivities } from './activities/meeting-projection.activities';
import type { PlanProjectionActivities } from './activities/plan-projection.activities';
import type { ReferralProjectionActivities } from './activities/referral-projection.activities';
import type { NotificationDeliveryActivities } from './notifications/notification-delivery.activities';

type ActivityFunctions<T> = { [K in keyof T]: T[K] };

/** Binds each activity method to its Nest-managed service, typed by the contracts the workflows use. */
function bound<T extends object>(service: T, names: readonly (keyof T)[]): ActivityFunctions<T> {
  return Object.fromEntries(
    names.map((name) => [name, (service[name] as (...args: unknown[]) => unknown).bind(service)]),
  ) as ActivityFunctions<T>;
}

export function workerActivities(
  referral: ReferralProjectionActivities,
  meeting: MeetingProjectionActivities,
  plan: PlanProjectionActivities,
  auditSealer: AuditSealerActivities,
  notification: NotificationDeliveryActivities,
): ReferralActivities & MeetingActivities & PlanActivities & AuditSealingActivities & NotificationActivities {
  return {
    ...bound<ReferralActivities>(referral, [
      'projectSubmission',
      'projectTransition',
      'recordDeadlineNotification',
      'recordConflictDeclaration',
    ]),
    ...bound<PlanActivities>(plan, ['projectPlanChange']),
    ...bound<AuditSealingActivities>(auditSealer, ['sealAuditBatch']),
    ...bound<MeetingActivities>(meeting, [
      'projectMeetingCreated',
      'freezeAgenda',
      'projectAttendance',
      'applyDecision',
      'projectMeetingClosed',
    ]),
    ...bound<NotificationActivities>(notification, [
      'claimNotifications',
      'deliverNotification',
      'recordDeliveryFailure',
    ]),
  };
}
