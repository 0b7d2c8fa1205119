import { Injectable } from '@nestjs/common';
import { AppConfig } from '@rocu/config';
import {
  DEFAULT_DEADLINE_POLICIES,
  DEFAULT_DECISION_CLOCK,
  DecisionClockPolicy,
  DeadlinePolicies,
  DeadlinePolicy,
  DEFAULT_PLAN_POLICY,
  parseDeadlinePolicies,
  parsePlanPolicy,
  PlanPolicy,
  Urgency,
} from '@rocu/domain';

/**
 * The deadline policies new referrals start with (gateway deadlines per urgency, then SIO allocation and
 * plan reviews): the domain defaults unless configuration overrides them.
 */
@Injectable()
export class DeadlinePoliciesProvider {
  private readonly policies: DeadlinePolicies;
  readonly plan: PlanPolicy;
  readonly planContinueAsNewAfterEvents: number;

  constructor(config: AppConfig) {
    this.policies = config.DEADLINE_POLICIES_JSON
      ? parseDeadlinePolicies(config.DEADLINE_POLICIES_JSON)
      : DEFAULT_DEADLINE_POLICIES;
    this.plan = config.PLAN_POLICY_JSON ? parsePlanPolicy(config.PLAN_POLICY_JSON) : DEFAULT_PLAN_POLICY;
    this.planContinueAsNewAfterEvents = config.PLAN_CONTINUE_AS_NEW_AFTER_EVENTS;
  }

  forUrgency(urgency: Urgency): DeadlinePolicy {
    return this.policies[urgency];
  }

  /** Only an IMMEDIATE referral has a decision clock ("same day", domain.md section 5). */
  decisionClockFor(urgency: Urgency): DecisionClockPolicy | undefined {
    return urgency === 'IMMEDIATE' ? DEFAULT_DECISION_CLOCK : undefined;
  }
}
