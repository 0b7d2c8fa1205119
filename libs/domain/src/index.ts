// Public surface of @rocu/domain. Pure and deterministic: safe to bundle into Temporal workflows.
export * from './roles';
export * from './errors/domain-error';

export * from './reference/regions';
export * from './reference/organisations';
export * from './reference/code-lists';
export * from './reference/route-referral';

export * from './referral/referral-status';
export * from './referral/referral-transitions';
export * from './referral/referral-lifecycle';
export * from './referral/effective-urgency';
export * from './referral/active-stage';
export * from './referral/referral-state';

export * from './scoring/scoring-scheme';
export * from './scoring/default-scheme';
export * from './scoring/organisational-position';
export * from './scoring/score-assessment';

export * from './calendar/bank-holidays';
export * from './calendar/london-time';
export * from './calendar/working-days';
export * from './calendar/working-time';
export * from './calendar/instant';
export * from './calendar/instant-window';

export * from './deadlines/deadline-policy';
export * from './deadlines/compute-deadline';
export * from './deadlines/parse-deadline-policies';
export * from './deadlines/decision-deadline';
export * from './access/referral-visibility';
export * from './access/assignment';
export * from './access/audit-scope';
export * from './text/visible-text';

export * from './meetings/meeting-types';
export * from './meetings/rank-agenda';
export * from './meetings/deviation';
export * from './meetings/meeting-rules';
export * from './meetings/cadence';
export * from './meetings/urgent-decision';
export * from './meetings/extra-meeting';
export * from './meetings/meeting-settings';
export * from './meetings/meeting-session';
export * from './access/meeting-visibility';
export * from './access/need-to-know';
export * from './access/justification-header';
export * from './access/access-anomalies';
export * from './access/role-organisations';

export * from './officers/officer-types';
export * from './officers/allocation-rules';
export * from './officers/officer-candidates';
export * from './officers/seed-officers';
export * from './plan/plan-types';
export * from './plan/plan-rules';
export * from './plan/plan-policy';
export * from './plan/plan-state';
export * from './settings/region-settings';
export * from './plan/owner-change';
export * from './notifications/notification-text';
export * from './notifications/functional-mailboxes';
export * from './notifications/recipient';
export * from './notifications/referral-recipients';
export * from './notifications/plan-recipients';
export * from './notifications/meeting-recipients';
export * from './partners/partner-checks';
export * from './national/national-queue';
export * from './national/national-tasking';
export * from './officers/sio-allocation';
export * from './mutual-aid/mutual-aid';
