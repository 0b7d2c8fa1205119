import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter } from 'prom-client';
import type { DeadlineNotification } from '@rocu/contracts';

const slaNotices = new Counter({
  name: 'rocu_sla_notifications_total',
  help: 'Deadline reminders (kind=REMINDER) and breaches (kind=ESCALATION) recorded, by region and stage',
  labelNames: ['kind', 'region', 'stage'] as const,
});

/**
 * Counts each deadline notice once its activity has recorded it (the activity is idempotent, so a retry
 * after a lost completion is the only way a notice counts twice). Kept out of the activity code.
 */
const countDeadlineNotices: ActivityInboundCallsInterceptor = {
  async execute(input, next) {
    const result = await next(input);
    const [notice] = input.args as [DeadlineNotification];
    slaNotices.inc({ kind: notice.kind, region: notice.region, stage: notice.stage });
    return result;
  },
};

export const slaMetricsInterceptor: ActivityInterceptorsFactory = (context) =>
  context.info.activityType === 'recordDeadlineNotification' ? { inbound: countDeadlineNotices } : {};
